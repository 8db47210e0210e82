"""Words that tell who a source is: documents that speak for whoever
issued them ("Calder issued a statement saying …"), the nouns and names of
news organizations ("the newspaper" is the Daily News named before), and the
abbreviated titles of roles ("Sen. Ada Marsh" is "the senator").
"""

from __future__ import annotations

import functools
import re

# Documents that speak for whoever issued them ("issued a statement saying").
DOCUMENTS = {
    "statement",
    "release",
    "communique",
    "letter",
    "memo",
    "email",
    "e-mail",
    "message",
    "text",
    "tweet",
    "post",
    "note",
    "report",
    "video",
    "ad",
    "advertisement",
    "spot",
    "commercial",
    "mailer",
    "flyer",
    "sign",
    "banner",
    "poster",
    "cover",
    "headline",
    "column",
    "op-ed",
    "editorial",
    "article",
    "blog",
    "lawsuit",
    "suit",
    "complaint",
    "filing",
    "motion",
    "petition",
    "resolution",
    "proposal",
    "bill",
}
# Nouns of evidence a present-tense cue reports ("Exit polling shows turnout fell"),
# documents aside.
EVIDENCE = {"poll", "polling", "survey", "study", "data", "analysis", "research", "record", "document", "finding"}
# What a present-tense cue may have for subject when a tagger misreads it: evidence or a document.
WRITTEN_SOURCES = EVIDENCE | DOCUMENTS
# Verbs whose subject issues the document they take as object.
ISSUING = {
    "issue",
    "release",
    "put",
    "send",
    "post",
    "publish",
    "file",
    "run",
    "air",
    "launch",
    "carry",
    "hold",
    "write",
    "pen",
    "tweet",
    "email",
    "distribute",
    "circulate",
    "unveil",
    "introduce",
    "pass",
    "adopt",
    "approve",
    "sign",
    "submit",
    "produce",
    "make",
    "deliver",
    "present",
    "bring",
    "start",
    "create",
    "organize",
}
# Title abbreviations of roles ("Sen. Ada Marsh" is "the senator").
ROLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "pres": "president",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "sec": "secretary",
    "amb": "ambassador",
    "atty": "attorney",
    "prof": "professor",
    "supt": "superintendent",
}
# Nouns for a news organization ("the newspaper"), and words of their names.
MEDIA_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "weekly", "outlet", "network", "broadcaster"}
MEDIA_NAMES = {
    "times",
    "post",
    "news",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "daily",
    "magazine",
    "observer",
    "guardian",
    "telegraph",
    "examiner",
    "chronicle",
    "globe",
    "inquirer",
    "reuters",
    "press",
    "politico",
    "cnn",
    "msnbc",
    "fox",
    "abc",
    "cbs",
    "nbc",
    "npr",
    "bbc",
    "bloomberg",
    "standard",
    "register",
    "review",
    "tv",
    "television",
    "radio",
}


@functools.lru_cache(maxsize=4096)
def role_heads(roles: str) -> frozenset[str]:
    """The head nouns of an entity's roles, abbreviations spelled out:
    "Sen.; spokesman for the ministry" → {"senator", "spokesman"}.
    Remembered per roles text: every nominal speaker asks it of every entity.

    roles (str): `; `-separated roles (EntityRow.roles).
    RETURNS (frozenset[str]): Lower-case head words.
    """
    heads = set()
    for role in roles.lower().split(";"):
        words = re.findall(r"[a-z][a-z-]*", re.split(r"\b(?:of|for|at|in|from|to|with|who|whose|on)\b|,", role)[0])
        if words:
            heads.add(ROLE_ABBREVIATIONS.get(words[-1], words[-1]))
    return frozenset(heads)
