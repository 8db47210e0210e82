"""Every registration of `extractor` in one place: pipeline factories and versioned data.

spaCy finds these through the entry points in `pyproject.toml`
(`spacy_factories`, `spacy_misc`), so a config can name
`"extractor_quotes"` or `{"@misc": "extractor.reporting_verbs.v1"}` without
importing anything first. `tests/golden/registrations.json` fails when the
registrations and the entry points drift apart.

Never change a `.v1` in place: add a `.v2`, so old configs keep their meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP
from spacy.util import registry

from extractor.components.claims import ClaimsComponent
from extractor.components.dates import DatesComponent
from extractor.components.entities import EntitiesComponent
from extractor.components.mentions import MentionsComponent
from extractor.components.paragraphs import ParagraphsComponent
from extractor.components.quotes import QuotesComponent
from extractor.components.rules.date_patterns import DEFAULT_DATE_PATTERNS
from extractor.components.rules.lexicons import (
    REPORTING_VERBS_V1,
    REPORTING_VERBS_V2,
    REPORTING_VERBS_V3,
    REPORTING_VERBS_V4,
    REPORTING_VERBS_V5,
    SPEECH_NOUNS_V1,
    STANCE_PATTERNS_V1,
    STANCE_VERBS_V1,
    STANCE_VERBS_V2,
    STANCE_VERBS_V3,
    STANCE_VERBS_V4,
    STANCE_VERBS_V5,
)
from extractor.components.rules.names import DEFAULT_LABEL_KINDS, DEFAULT_ORGANIZATION_WORDS, DEFAULT_TITLES
from extractor.io.furniture import DEFAULT_FURNITURE_PATTERNS, DEFAULT_SECTION_WORDS, DEFAULT_TAIL_PATTERNS
from extractor.pipeline.ruler import TokenizedEntityRuler

# --- Pipeline components ------------------------------------------------------


@Language.factory("extractor_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphsComponent:
    """Create the paragraph stage, which goes before the parser (see `ParagraphsComponent`)."""
    return ParagraphsComponent(name=name)


@Language.factory(
    "extractor_mentions",
    requires=["doc.ents"],
    assigns=["doc._.extractor_mentions"],
    default_config={
        "label_kinds": {"@misc": "extractor.label_kinds.v1"},
        "titles": {"@misc": "extractor.titles.v1"},
        "speaker_cues": {"@misc": "extractor.reporting_verbs.v1"},
        "organization_words": {"@misc": "extractor.organization_words.v1"},
    },
)
def make_mentions(
    nlp: Language,
    name: str,
    label_kinds: dict[str, str],
    titles: list[str],
    speaker_cues: list[str],
    organization_words: list[str],
) -> MentionsComponent:
    """Create the mention stage (see `MentionsComponent`)."""
    return MentionsComponent(
        name=name,
        label_kinds=label_kinds,
        titles=titles,
        speaker_cues=speaker_cues,
        organization_words=organization_words,
    )


@Language.factory(
    "extractor_dates",
    assigns=["doc._.extractor_dates", "doc.spans"],
    default_config={"reference_date": "", "patterns": {"@misc": "extractor.date_patterns.v1"}},
)
def make_dates(nlp: Language, name: str, reference_date: str, patterns: dict[str, str]) -> DatesComponent:
    """Create the date stage (see `DatesComponent`)."""
    return DatesComponent(name=name, reference_date=reference_date, patterns=patterns)


@Language.factory(
    "extractor_entities",
    requires=["doc._.extractor_mentions"],
    assigns=["doc._.extractor_mentions", "doc._.extractor_entities"],
    default_config={"titles": {"@misc": "extractor.titles.v1"}, "max_role_tokens": 16},
)
def make_entities(nlp: Language, name: str, titles: list[str], max_role_tokens: int) -> EntitiesComponent:
    """Create the within-document entity stage (see `EntitiesComponent`)."""
    return EntitiesComponent(name=name, titles=titles, max_role_tokens=max_role_tokens)


@Language.factory(
    "extractor_quotes",
    requires=["doc._.extractor_mentions", "doc._.extractor_entities"],
    # Resolved pronoun and nominal speakers become mentions of their entities.
    assigns=["doc._.extractor_quotes", "doc._.extractor_mentions", "doc._.extractor_entities", "doc.spans"],
    default_config={"reporting_verbs": {"@misc": "extractor.reporting_verbs.v5"}, "min_quote_words": 4},
)
def make_quotes(nlp: Language, name: str, reporting_verbs: list[str], min_quote_words: int) -> QuotesComponent:
    """Create the quote stage (see `QuotesComponent`)."""
    return QuotesComponent(nlp, name, reporting_verbs=reporting_verbs, min_quote_words=min_quote_words)


@Language.factory(
    "extractor_claims",
    requires=["doc._.extractor_quotes", "doc._.extractor_mentions", "doc._.extractor_entities"],
    # Resolved pronoun and nominal stance sources become mentions of their entities.
    assigns=["doc._.extractor_claims", "doc._.extractor_mentions", "doc._.extractor_entities", "doc.spans"],
    default_config={
        "stance_verbs": {"@misc": "extractor.stance_verbs.v5"},
        "stance_patterns": {"@misc": "extractor.stance_patterns.v1"},
    },
)
def make_claims(
    nlp: Language, name: str, stance_verbs: dict[str, str], stance_patterns: dict[str, list[str]]
) -> ClaimsComponent:
    """Create the claim stage (see `ClaimsComponent`)."""
    return ClaimsComponent(nlp, name, stance_verbs=stance_verbs, stance_patterns=stance_patterns)


@Language.factory(
    "extractor_entity_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": DEFAULT_ENT_ID_SEP,
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_ruler(
    nlp: Language,
    name: str,
    phrase_matcher_attr: str | None,
    matcher_fuzzy_compare: Callable,
    validate: bool,
    overwrite_ents: bool,
    ent_id_sep: str,
    scorer: Callable | None,
) -> TokenizedEntityRuler:
    """Create spaCy's `entity_ruler` with the same settings, loading faster (see `TokenizedEntityRuler`)."""
    return TokenizedEntityRuler(
        nlp,
        name,
        phrase_matcher_attr=phrase_matcher_attr,
        matcher_fuzzy_compare=matcher_fuzzy_compare,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=ent_id_sep,
        scorer=scorer,
    )


# --- Lexicons and patterns of the stages ---------------------------------------


@registry.misc("extractor.reporting_verbs.v1")
def reporting_verbs_v1() -> list[str]:
    """Speech cue lemmas that attribute quotes (say, add, point out, …).

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(REPORTING_VERBS_V1)


@registry.misc("extractor.reporting_verbs.v2")
def reporting_verbs_v2() -> list[str]:
    """Speech cues of the quote stage, version 2: the v1 verbs plus verbs of
    reported thought and evidence that take a clause (think, hope, know,
    show, deny, …), and the nouns that introduce reported speech ("his claim
    that …", "the ministry's statement that …"), which match only as nouns.

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(set(REPORTING_VERBS_V2) | set(SPEECH_NOUNS_V1))


@registry.misc("extractor.reporting_verbs.v3")
def reporting_verbs_v3() -> list[str]:
    """Speech cues of the quote stage, version 3: v2 plus verbs of replies
    and follow-ups ("continued", "shot back", "retorted", "answered").

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(set(REPORTING_VERBS_V3) | set(SPEECH_NOUNS_V1))


@registry.misc("extractor.reporting_verbs.v4")
def reporting_verbs_v4() -> list[str]:
    """Speech cues of the quote stage, version 4: v3 plus verbs of voiced and
    reasoned speech that take a clause ("shouted that", "speculated that",
    "lamented that"), each chosen on PolNeAR train.

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(set(REPORTING_VERBS_V4) | set(SPEECH_NOUNS_V1))


@registry.misc("extractor.reporting_verbs.v5")
def reporting_verbs_v5() -> list[str]:
    """Speech cues of the quote stage, version 5: v4 plus verbs of how a
    quote was voiced ("chanted", "barked", "whispered"), chosen on PolNeAR train.

    RETURNS (list[str]): Lower-case lemmas; "verb particle" for phrasal verbs.
    """
    return sorted(set(REPORTING_VERBS_V5) | set(SPEECH_NOUNS_V1))


@registry.misc("extractor.stance_verbs.v1")
def stance_verbs_v1() -> dict[str, str]:
    """Stance cue lemmas (condemn, deny, vow, …) mapped to their polarity.

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative".
    """
    return dict(STANCE_VERBS_V1)


@registry.misc("extractor.stance_verbs.v2")
def stance_verbs_v2() -> dict[str, str]:
    """Stance cues, version 2: v1 plus requests and announcements (ask, call
    for, urge, propose, announce), denials and accusations (deny, accuse of,
    blame), beliefs and intentions (want, plan, expect, hope, fear) and
    evidence (show), each mapped to its polarity ("" for none).

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative"/"".
    """
    return dict(STANCE_VERBS_V2)


@registry.misc("extractor.stance_verbs.v3")
def stance_verbs_v3() -> dict[str, str]:
    """Stance cues, version 3: v2 plus actions and positions attributed to
    their agent (vote for, seek, favor, focus on, consider, sign, …).

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative"/"".
    """
    return dict(STANCE_VERBS_V3)


@registry.misc("extractor.stance_verbs.v4")
def stance_verbs_v4() -> dict[str, str]:
    """Stance cues, version 4: v3 plus verbs of praise and attack and of
    laying out or walking back a position (deride, disavow, herald, lay
    out, walk back, …), each chosen on PolNeAR train.

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative"/"".
    """
    return dict(STANCE_VERBS_V4)


@registry.misc("extractor.stance_verbs.v5")
def stance_verbs_v5() -> dict[str, str]:
    """Stance cues, version 5: v4 plus speech verbs whose object is what was
    said (stress, disclose, claim, agree, …), each chosen on PolNeAR train.

    RETURNS (dict[str, str]): Lemma or "verb preposition" -> "positive"/"negative"/"".
    """
    return dict(STANCE_VERBS_V5)


@registry.misc("extractor.stance_patterns.v1")
def stance_patterns_v1() -> dict[str, list[str]]:
    """How the claims stage reads a stance's content from the parse: the
    prepositions that introduce content ("accused X of Y"), cues whose first
    object is the hearer ("told aides to wait"), cues that need two
    complements ("called the plan a mistake"), and cues that need a document
    or poll as source ("the survey shows …") with those sources' lemmas.

    RETURNS (dict[str, list[str]]): Field of `StancePatterns` -> lower-case words.
    """
    return {key: list(words) for key, words in STANCE_PATTERNS_V1.items()}


@registry.misc("extractor.label_kinds.v1")
def label_kinds_v1(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The default NER label → kind mapping (labels not listed map to "other").

    overrides (dict[str, str] | None): labels to add or remap, e.g. {"MISC": "group"}.
    RETURNS (dict[str, str]): label → kind.
    """
    return {**DEFAULT_LABEL_KINDS, **(overrides or {})}


@registry.misc("extractor.titles.v1")
def titles_v1() -> list[str]:
    """The default lexicon of titles split from names ("President", "Prime Minister", …).

    RETURNS (list[str]): titles as written, case-sensitive.
    """
    return list(DEFAULT_TITLES)


@registry.misc("extractor.organization_words.v1")
def organization_words_v1() -> list[str]:
    """Head words of organization names ("Command", "Ministry", "Party", …).

    RETURNS (list[str]): title-case words, matched case-sensitively.
    """
    return list(DEFAULT_ORGANIZATION_WORDS)


@registry.misc("extractor.date_patterns.v1")
def date_patterns_v1() -> dict[str, str]:
    """The default date rules: rule name → regex. The names select the resolver.

    RETURNS (dict[str, str]): patterns over the raw text; a group "expr" (or
        "expr2") narrows the reported span ("on Sunday" → "Sunday").
    """
    return dict(DEFAULT_DATE_PATTERNS)


# --- Reader settings -------------------------------------------------------------


@registry.misc("extractor.furniture_patterns.v1")
def furniture_patterns_v1() -> list[str]:
    """Regexes for whole lines of page furniture ("Back to top", "Share this article").

    RETURNS (list[str]): Patterns matched against a whole, stripped line.
    """
    return list(DEFAULT_FURNITURE_PATTERNS)


@registry.misc("extractor.tail_patterns.v1")
def tail_patterns_v1() -> list[str]:
    """Regexes for a line that starts furniture running to the end ("Related Articles").

    RETURNS (list[str]): Patterns matched against a whole, stripped line.
    """
    return list(DEFAULT_TAIL_PATTERNS)


@registry.misc("extractor.section_words.v1")
def section_words_v1() -> list[str]:
    """Words a first-line section breadcrumb is made of ("Middle East World News").

    RETURNS (list[str]): Lower-case words.
    """
    return list(DEFAULT_SECTION_WORDS)
