"""Versioned registry entries for swappable behaviour (lexicons, patterns).

Config files in `pipelines/` refer to these as `{"@misc": "extractor.….v1"}`.
Never change a `.v1` in place: add a `.v2`, so old configs keep their meaning.
"""

from __future__ import annotations

from spacy.util import registry

__all__ = ["registry"]


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


@registry.misc("extractor.reporting_verbs.v1")
def reporting_verbs_v1() -> list[str]:
    """Speech cue lemmas that attribute quotes (say, add, point out, …).

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(REPORTING_VERBS_V1)


@registry.misc("extractor.stance_verbs.v1")
def stance_verbs_v1() -> dict[str, str]:
    """Stance cue lemmas (condemn, deny, vow, …) mapped to their polarity.

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative".
    """
    return dict(STANCE_VERBS_V1)
