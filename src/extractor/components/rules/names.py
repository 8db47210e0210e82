"""Normalization shared by the entity, actor and corpus stages.

Three concerns, all pure string functions (no spaCy objects):

- label → kind: the model's NER label mapped to the kinds of the output tables;
- name keys: what two surface forms must share to be "the same name"
  (case, possessives, apostrophe and hyphen variants, a leading "the");
- titles and acronyms: "President Joe Biden" → role "President", name "Joe Biden";
  "US Central Command (CENTCOM)" → CENTCOM is an acronym of the long form.

Displayed text is never rewritten here: keys are for matching only, and
`split_title` returns offsets so callers can cut the original text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable
from typing import NamedTuple

KINDS = ("person", "organization", "place", "group", "date", "other")

DEFAULT_LABEL_KINDS: dict[str, str] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "DATE": "date",
    "TIME": "date",
}

# Titles that precede a name. Multi-word titles must come before their last
# word ("Prime Minister" before "Minister") only for readability: the regex
# built from them sorts by length, so the longest title always wins.
DEFAULT_TITLES: tuple[str, ...] = (
    "President",
    "Vice President",
    "President-elect",
    "Prime Minister",
    "Deputy Prime Minister",
    "Minister",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Interior Minister",
    "Finance Minister",
    "Secretary",
    "Secretary of State",
    "Secretary-General",
    "Secretary General",
    "Chancellor",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Mayor",
    "Ambassador",
    "Speaker",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Commander",
    "General",
    "Gen.",
    "Lt. Gen.",
    "Maj. Gen.",
    "Brig. Gen.",
    "Lieutenant General",
    "Major General",
    "Brigadier General",
    "Colonel",
    "Col.",
    "Lieutenant",
    "Lt.",
    "Major",
    "Maj.",
    "Captain",
    "Capt.",
    "Admiral",
    "Adm.",
    "Sergeant",
    "Sgt.",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Crown Prince",
    "Emir",
    "Sultan",
    "Sheikh",
    "Ayatollah",
    "Grand Ayatollah",
    "Imam",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rabbi",
    "Rev.",
    "Reverend",
    "Father",
    "Judge",
    "Justice",
    "Chief Justice",
    "Attorney General",
    "Prosecutor",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Dr.",
    "Prof.",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "CEO",
    "Chief Executive",
    "Director",
    "Director General",
    "Leader",
    "Supreme Leader",
)

# Head words that make a proper-noun phrase an organization's name ("Central
# Command", "Ministry of Defence"); used where no NER label is available.
DEFAULT_ORGANIZATION_WORDS: tuple[str, ...] = (
    "Agency",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Battalion",
    "Board",
    "Brigade",
    "Brigades",
    "Bureau",
    "Cabinet",
    "Centre",
    "Center",
    "Coalition",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corporation",
    "Corps",
    "Council",
    "Court",
    "Department",
    "Directorate",
    "Federation",
    "Forces",
    "Foundation",
    "Front",
    "Government",
    "Group",
    "Guard",
    "Institute",
    "League",
    "Ministry",
    "Movement",
    "Navy",
    "Office",
    "Organization",
    "Organisation",
    "Parliament",
    "Party",
    "Police",
    "Senate",
    "Service",
    "Union",
    "University",
    # Companies and other bodies named by what they do.
    "Airlines",
    "Airways",
    "Fund",
    "Holdings",
    "Industries",
    "Network",
    "Secretariat",
    "Shipping",
    "Society",
    "Tribunal",
    "Inc.",
    "Ltd",
    "Ltd.",
    "Corp.",
    "LLC",
    "PLC",
    "Plc",
)
# Organization words that also end the names of places and buildings ("West
# Bank", "Soviet Union", "Lincoln Center"): they make an organization only
# before a preposition ("Bank of Portugal", "Center for Law and Justice").
PLACE_LIKE_ORGANIZATION_WORDS = frozenset(
    {
        "Assembly",
        "Bank",
        "Center",
        "Centre",
        "Court",
        "Front",
        "Guard",
        "Office",
        "Union",
    }
)
_HEAD_PREPOSITIONS = frozenset({"of", "for", "on"})

APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u2032\u00b4`"
HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_PUNCT_TABLE = str.maketrans({**{c: "'" for c in APOSTROPHES}, **{c: "-" for c in HYPHENS}})

# Small words that acronyms usually skip: "Islamic Resistance in Iraq" → IRI.
ACRONYM_STOPWORDS = frozenset({"of", "in", "the", "and", "for", "on", "at", "to", "a", "an", "&"})
# Name particles that a later short reference drops: "Akram al-Kaabi" … "Kaabi".
NAME_PARTICLES = frozenset(
    {"al", "el", "ul", "bin", "ibn", "bint", "abu", "van", "von", "de", "der", "da", "di", "du", "la", "le"}
)

_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")
_DEMONYM = r"(?:[A-Z][a-z]+(?:i|an|ese|ish|ch|ic)\s+)?"


class TitleSplit(NamedTuple):
    """A name with the title that preceded it cut off.

    role (str): the title as written, e.g. "Iraqi Prime Minister" ("" if none).
    name (str): the rest of the text, e.g. "Mohammed Shia’ al-Sudani".
    name_start (int): offset of `name` inside the input text.
    """

    role: str
    name: str
    name_start: int


def name_label(words: list[str], organization_words: Iterable[str]) -> str:
    """The label a proper-noun phrase earns from its shape alone, or "" when unsure.

    Used for names the NER missed, so it guesses nothing: in a phrase of two or
    more words, an organization word anywhere ("Ministry of Defence") makes an
    ORG, and two to four title-case words (name particles like "al" allowed)
    make a PERSON; anything else, and any single word, is "".

    words (list[str]): the phrase's words, without punctuation.
    organization_words (Iterable[str]): from `extractor.organization_words.v1`.
    RETURNS (str): "ORG", "PERSON" or "".
    """
    # One word is never enough: a lone capitalized word may just open the
    # sentence ("Police said"), and "the Command" is a common noun.
    if len(words) < 2:
        return ""
    if set(words) & set(organization_words):
        return "ORG"
    content = [w for w in words if unify_punct(w).casefold() not in NAME_PARTICLES]
    # Title case only: "IRI" or "US" inside a phrase is an acronym, not a given name.
    title_case = all(w[:1].isupper() and not w[1:].isupper() and _letters(w).isalpha() for w in content)
    return "PERSON" if title_case and 2 <= len(content) <= 4 else ""


def has_organization_head(words: list[str], organization_words: Collection[str]) -> bool:
    """Whether a name's head word makes it an organization's, whatever the NER said.

    The head is the last word, or the word before the first "of"/"for"/"on"
    ("Bank of Portugal", "Sultan Qaboos University"). Place-like heads count
    only before a preposition, so "West Bank" stays a place.

    words (list[str]): the name's words, without punctuation.
    organization_words (Collection[str]): from `extractor.organization_words.v1`.
    RETURNS (bool): True for a name of two or more words headed by an organization word.
    """
    if len(words) < 2:
        return False
    cut = next((i for i, word in enumerate(words) if word in _HEAD_PREPOSITIONS), len(words))
    if cut == 0:
        return False
    head = words[cut - 1]
    if head not in organization_words:
        return False
    return cut < len(words) or head not in PLACE_LIKE_ORGANIZATION_WORDS


def _letters(word: str) -> str:
    # "O’Brien" and "Al-Sudani" are still words of letters.
    return unify_punct(word).replace("'", "").replace("-", "")


def kind_of(label: str, label_kinds: dict[str, str] | None = None) -> str:
    """Normalized kind of an NER label.

    label (str): the model's label, e.g. "GPE".
    label_kinds (dict[str, str] | None): mapping to use; the default mapping if None.
    RETURNS (str): person, organization, place, group, date or other.
    """
    mapping = DEFAULT_LABEL_KINDS if label_kinds is None else label_kinds
    return mapping.get(label, mapping.get(label.upper(), "other"))


def unify_punct(text: str) -> str:
    """Replace typographic apostrophes with ' and dash variants with -.

    text (str): any text.
    RETURNS (str): text of the same length, so offsets still line up.
    """
    return text.translate(_PUNCT_TABLE)


def strip_accents(text: str) -> str:
    """Remove combining diacritics ("Sudanî" → "Sudani").

    text (str): any text.
    RETURNS (str): the text without combining marks.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(text: str, *, accents: bool = True) -> str:
    """The matching key of a name: two surface forms with the same key are one name.

    Case-folded, apostrophes and hyphens unified, a trailing possessive and a
    leading "the" removed, whitespace collapsed. Only for matching: never display it.

    text (str): a surface form, e.g. "the US Central Command’s".
    accents (bool): keep diacritics; False makes the key accent-insensitive.
    RETURNS (str): e.g. "us central command".
    """
    return _name_key(text, accents)


@functools.lru_cache(maxsize=65536)
def _name_key(text: str, accents: bool) -> str:
    # Clustering keys the same few spellings over and over: each once.
    key = _SPACES.sub(" ", unify_punct(text)).strip().casefold()
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key).strip(" ,;:")
    return key if accents else strip_accents(key)


def name_tokens(key: str) -> list[str]:
    """Content words of a name key, without particles: "akram al-kaabi" → [akram, kaabi].

    key (str): a key from `name_key`.
    RETURNS (list[str]): the words, in order.
    """
    words = re.split(r"[\s\-]+", key)
    return [w for w in words if w and w not in NAME_PARTICLES]


def surname(text: str) -> str:
    """The last content word of a multi-word name ("Akram al-Kaabi" → "kaabi"); "" for one word.

    text (str): a surface form.
    RETURNS (str): the matching key of the surname, or "".
    """
    words = name_tokens(name_key(text))
    return words[-1] if len(words) >= 2 else ""


def last_word(text: str) -> str:
    """The last content word of a name, of one word too ("PENCE" → "pence"); "" for none.

    text (str): a surface form.
    RETURNS (str): its matching key.
    """
    words = name_tokens(name_key(text))
    return words[-1] if words else ""


def title_regex(titles: Iterable[str]) -> re.Pattern[str]:
    """Compile a title lexicon into a regex that matches a title at the start of a name.

    titles (Iterable[str]): titles as written.
    RETURNS (re.Pattern[str]): groups "role" (optional demonym + title) and "name".
    """
    # Stages ask for it per document: build each lexicon's pattern once.
    return _title_regex(tuple(titles))


@functools.lru_cache(maxsize=32)
def _title_regex(titles: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so "Prime Minister" wins over "Minister"; the name must start
    # with an upper-case letter so "President of Iraq" is not cut into a name.
    alternatives = "|".join(re.escape(t) for t in sorted(set(titles), key=len, reverse=True))
    return re.compile(rf"^(?P<role>{_DEMONYM}(?:{alternatives}))\s+(?P<name>[A-Z\u00c0-\u024f].*)$", re.S)


def words_of_titles(titles: Iterable[str]) -> frozenset[str]:
    """The words of a title lexicon: "Prime Minister" gives "Prime" and "Minister".

    titles (Iterable[str]): titles as written.
    RETURNS (frozenset[str]): every word of every title, case kept.
    """
    return _words_of_titles(tuple(titles))


@functools.lru_cache(maxsize=32)
def _words_of_titles(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word for title in titles for word in title.split())


def split_title(text: str, titles: Iterable[str] | re.Pattern[str] = DEFAULT_TITLES) -> TitleSplit:
    """Split a leading title off a name: "President Joe Biden" → ("President", "Joe Biden", 10).

    text (str): a name as written.
    titles (Iterable[str] | re.Pattern[str]): title lexicon, or a regex from `title_regex`.
    RETURNS (TitleSplit): role, name and where the name starts in `text`.
    """
    pattern = titles if isinstance(titles, re.Pattern) else title_regex(titles)
    match = pattern.match(text)
    if match is None:
        return TitleSplit("", text, 0)
    return TitleSplit(match.group("role"), match.group("name"), match.start("name"))


def role_before(text: str, titles: Iterable[str] | re.Pattern[str] = DEFAULT_TITLES) -> str:
    """The title that ends `text`, for a name that follows it: "ordered by President " → "President".

    text (str): the text right before a name.
    titles (Iterable[str] | re.Pattern[str]): title lexicon, or a regex from `title_regex`.
    RETURNS (str): the title (with a demonym like "Iraqi" if present), or "".
    """
    # Reuse the start-anchored regex on "<tail> X": try each word boundary in the
    # last few words, longest tail first, so "Iraqi Prime Minister" beats "Minister".
    pattern = titles if isinstance(titles, re.Pattern) else title_regex(titles)
    if not text or not text[-1].isspace():
        return ""
    # The title shares the name's line: "year.\n\nEnergy Minister " → "Energy Minister".
    words = text.rstrip().rsplit("\n", 1)[-1].split()
    for n in range(min(4, len(words)), 0, -1):
        tail = " ".join(words[-n:])
        match = pattern.match(tail + " X")
        if match is not None and match.group("name") == "X":
            return _with_portfolio(words[:-n], match.group("role"))
    return ""


def _with_portfolio(before: list[str], role: str) -> str:
    # "Energy Minister", "Health Secretary": a capitalised word or two right
    # before a title names its portfolio, which no lexicon lists in full.
    portfolio: list[str] = []
    for word in reversed(before[-2:]):
        if not (word[:1].isupper() and word.isalpha()):
            break
        portfolio.insert(0, word)
    return " ".join(portfolio + [role])


def is_acronym(text: str) -> bool:
    """Whether `text` looks like an acronym: "IRI", "CENTCOM", "U.S.", "UNHCR".

    text (str): a surface form.
    RETURNS (bool): True for 2–10 letters, mostly upper case, no spaces.
    """
    letters = text.replace(".", "").replace("&", "")
    if not 2 <= len(letters) <= 10 or not letters.isalpha() or " " in text:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - 1 and letters[0].isupper()


def acronym_key(text: str) -> str:
    """Matching key of an acronym: "U.S." and "US" share "us".

    text (str): an acronym as written.
    RETURNS (str): lower-cased letters only.
    """
    return "".join(c for c in text.casefold() if c.isalnum())


def match_key(text: str) -> str:
    """The key a surface form is matched by: `acronym_key` for acronyms, else `name_key`.

    text (str): a surface form ("U.S.", "the United States’").
    RETURNS (str): e.g. "us", "united states".
    """
    return _match_key(text)


@functools.lru_cache(maxsize=65536)
def _match_key(text: str) -> str:
    return acronym_key(text) if is_acronym(text) else name_key(text)


def initials(name: str) -> set[str]:
    """Acronyms a name could have from its initials, with and without small words.

    name (str): e.g. "Islamic Resistance in Iraq".
    RETURNS (set[str]): acronym keys, e.g. {"iri", "irii"}.
    """
    words = [w for w in re.split(r"[\s\-]+", unify_punct(name)) if w]
    if len(words) < 2:
        return set()
    everything = "".join(w[0] for w in words).casefold()
    content = "".join(w[0] for w in words if w.casefold() not in ACRONYM_STOPWORDS).casefold()
    return {everything, content}


def is_acronym_of(acronym: str, long_form: str) -> bool:
    """Whether `acronym` can abbreviate `long_form` (Schwartz & Hearst 2003).

    Letters of the acronym are found right to left in the long form, the first
    one at a word start. This accepts syllable acronyms ("CENTCOM" for "US
    Central Command") that plain initials miss, and rejects "(D)" after a name.
    Ref: Schwartz & Hearst, "A simple algorithm for identifying abbreviation
    definitions in biomedical text", PSB 2003.

    acronym (str): the short form, e.g. "CENTCOM".
    long_form (str): the candidate definition, e.g. "US Central Command".
    RETURNS (bool): True if every letter is found in order.
    """
    short, long = acronym_key(acronym), unify_punct(long_form).casefold()
    if len(short) < 2 or len(long) <= len(short):
        return False
    s_index, l_index = len(short) - 1, len(long) - 1
    while s_index >= 0:
        char = short[s_index]
        while l_index >= 0 and (
            long[l_index] != char or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return False
        s_index, l_index = s_index - 1, l_index - 1
    return True
