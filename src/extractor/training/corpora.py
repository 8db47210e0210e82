"""Convert the shared CoNLL-U treebanks and IOB2 NER sets into spaCy training docs.

The bundled pipeline learns tags, parses, sentence boundaries and entities from
openly licensed corpora (see `../shared/data/README.md`). Sentences are grouped
back into their documents so the parser learns where sentences end in running
text, and UD trees are joined with the NER labels on `sent_id`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

# UNER's LOC covers every place (countries, cities, regions, landmarks). The
# bundled pipeline keeps it as LOC: downstream, GPE, LOC and FAC all map onto
# the normalized kind "place" (see `extractor.components.rules.names`).
LABEL_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}

# Sentences of NER-only corpora without document ids are grouped in runs of
# this many, so the model still sees multi-sentence context.
SENTENCES_PER_PSEUDO_DOC = 10

NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "}", "!", "?", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'S"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


@dataclass
class Sentence:
    """One sentence of a corpus file, with whatever layers that file has."""

    sent_id: str
    doc_id: str | None
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    morphs: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    ents: list[str | None] | None = None


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file as syntactic words.

    Multi-word token ranges (`3-4 don't`) carry the SpaceAfter of the surface
    token; the syntactic words inside them are written without spaces.
    """
    doc_id = None
    for block in _blocks(path):
        sent = Sentence(sent_id="", doc_id=doc_id)
        range_end, range_space = 0, True
        for line in block:
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key, value = key.strip(), value.strip()
                if key == "newdoc id":
                    doc_id = sent.doc_id = value
                elif key == "sent_id":
                    sent.sent_id = value
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue  # enhanced-graph empty nodes
            if "-" in cols[0]:
                _, end = cols[0].split("-")
                range_end, range_space = int(end), "SpaceAfter=No" not in cols[9]
                continue
            index = int(cols[0])
            space = "SpaceAfter=No" not in cols[9]
            if index < range_end:
                space = False
            elif index == range_end:
                space = range_space
            _append_word(sent, cols, space)
        if sent.words:
            yield sent


def _append_word(sent: Sentence, cols: list[str], space: bool) -> None:
    sent.words.append(cols[1])
    sent.spaces.append(space)
    sent.lemmas.append(cols[2])
    sent.pos.append(cols[3])
    sent.tags.append(cols[4])
    sent.morphs.append("" if cols[5] == "_" else cols[5])
    sent.heads.append(int(cols[6]) - 1)  # -1 marks the root
    sent.deps.append(cols[7])


def read_iob2(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a UNER-style IOB2 file (words and entity tags)."""
    doc_id = None
    for block in _blocks(path):
        ents: list[str | None] = []
        sent = Sentence(sent_id="", doc_id=doc_id, ents=ents)
        for line in block:
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key, value = key.strip(), value.strip()
                if key == "newdoc id":
                    doc_id = sent.doc_id = value
                elif key == "sent_id":
                    sent.sent_id = value
                continue
            cols = line.split("\t")
            sent.words.append(cols[1])
            ents.append(_map_tag(cols[2]))
        if sent.words:
            yield sent


def _map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = LABEL_MAP.get(label)
    return f"{prefix}-{mapped}" if mapped else "O"


def _blocks(path: Path) -> Iterator[list[str]]:
    block: list[str] = []
    with path.open(encoding="utf8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.strip():
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def join_ner(trees: Iterable[Sentence], ner: Iterable[Sentence]) -> Iterator[Sentence]:
    """Attach NER tags to UD sentences by `sent_id`.

    A sentence whose words differ between the two files keeps its tree but gets
    no entity annotation (missing, not "O"), so it teaches the NER nothing wrong.
    """
    tags = {sent.sent_id: sent for sent in ner}
    for sent in trees:
        other = tags.get(sent.sent_id)
        if other is not None and other.words == sent.words:
            sent.ents = other.ents
        yield sent


def detokenize_spaces(words: list[str]) -> list[bool]:
    """Guess SpaceAfter for corpora stored as space-separated tokens.

    Wikipedia NER sets put a space before every comma and bracket; running
    text has none, and the model should learn from text as users write it.
    """
    spaces = [True] * len(words)
    open_quote = False
    for i, word in enumerate(words):
        if word in NO_SPACE_AFTER:
            spaces[i] = False
        if i and (word in NO_SPACE_BEFORE or re.fullmatch(r"[.,;:!?]+", word)):
            spaces[i - 1] = False
        if word == '"':
            if open_quote and i:
                spaces[i - 1] = False
            elif not open_quote:
                spaces[i] = False
            open_quote = not open_quote
    if spaces:
        spaces[-1] = True
    return spaces


def group_documents(sentences: Iterable[Sentence]) -> Iterator[list[Sentence]]:
    """Group consecutive sentences by document id (or in fixed runs without one)."""
    current: list[Sentence] = []
    for sent in sentences:
        boundary = current and (
            sent.doc_id != current[-1].doc_id if sent.doc_id is not None else len(current) >= SENTENCES_PER_PSEUDO_DOC
        )
        if boundary:
            yield current
            current = []
        current.append(sent)
    if current:
        yield current


def make_doc(vocab: Vocab, sentences: list[Sentence]) -> Doc:
    """Build one training Doc from a document's sentences."""
    words, spaces, offset = [], [], 0
    has_tree = bool(sentences[0].heads)
    heads: list[int] = []
    deps: list[str] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    ents: list[str | None] = []
    for sent in sentences:
        words.extend(sent.words)
        spaces.extend(sent.spaces or detokenize_spaces(sent.words))
        spaces[-1] = True
        ents.extend(sent.ents if sent.ents is not None else [None] * len(sent.words))
        if has_tree:
            heads.extend(offset + h if h >= 0 else offset + i for i, h in enumerate(sent.heads))
            deps.extend("ROOT" if h < 0 else d for h, d in zip(sent.heads, sent.deps))
            tags.extend(sent.tags)
            pos.extend(sent.pos)
            morphs.extend(sent.morphs)
            lemmas.extend(sent.lemmas)
        offset += len(sent.words)
    if not has_tree:
        return Doc(vocab, words=words, spaces=spaces, ents=_repair_iob(ents))  # type: ignore[arg-type]  # None: no annotation, which spaCy accepts
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        ents=_repair_iob(ents),  # type: ignore[arg-type]  # None: no annotation, which spaCy accepts
    )


def _repair_iob(ents: list[str | None]) -> list[str | None]:
    """Turn an I- tag that follows O (an IOB1 leftover) into B-."""
    repaired: list[str | None] = []
    for i, tag in enumerate(ents):
        if tag and tag.startswith("I-"):
            prev = repaired[i - 1] if i else None
            if not prev or prev == "O" or prev[2:] != tag[2:]:
                tag = "B-" + tag[2:]
        repaired.append(tag)
    return repaired


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    """Serialize docs to a `.spacy` file. RETURNS (int): the number of docs."""
    docbin = DocBin(store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return count
