"""Cue lexicons of the quote and claim stages: the data behind the
`extractor.reporting_verbs.v1` and `extractor.stance_verbs.v1` registry entries.

A `.v1` list never changes in place; a new list gets a new version.
"""

# --- Speech and stance cues (quotes and claims components) -------------------
# Lemmas, lower case. A two-word entry ("point out", "accuse of") needs the
# second word as a particle or preposition attached to the verb.
REPORTING_VERBS_V1 = (
    "acknowledge", "add", "admit", "announce", "argue", "ask", "assert", "believe",
    "claim", "comment", "complain", "concede", "confirm", "contend", "declare",
    "describe", "emphasise", "emphasize", "estimate", "explain", "fear", "find",
    "indicate", "insist", "maintain", "mention", "note", "observe", "point out",
    "predict", "recall", "remark", "reiterate", "reply", "report", "respond",
    "reveal", "say", "speak", "state", "stress", "suggest", "tell", "testify",
    "underline", "underscore", "urge", "warn", "write", "tweet", "post", "conclude",
    "allege", "caution", "highlight", "recount", "agree", "disclose",
)

# Stance cues and the polarity they carry towards their object.
STANCE_VERBS_V1 = {
    "accuse of": "negative", "accuse": "negative", "attack": "negative",
    "blame": "negative", "condemn": "negative", "criticise": "negative",
    "criticize": "negative", "decry": "negative", "denounce": "negative",
    "deny": "negative", "dismiss": "negative", "oppose": "negative",
    "protest": "negative", "refuse": "negative", "reject": "negative",
    "slam": "negative", "threaten": "negative", "warn against": "negative",
    "applaud": "positive", "back": "positive", "commend": "positive",
    "endorse": "positive", "hail": "positive", "pledge": "positive",
    "praise": "positive", "promise": "positive", "support": "positive",
    "thank": "positive", "vow": "positive", "welcome": "positive",
}
