from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from extractor.training.corpora import (
    detokenize_spaces,
    group_documents,
    join_ner,
    make_doc,
    read_conllu,
    read_iob2,
)

CONLLU = """# newdoc id = doc1
# sent_id = s1
# text = Ann didn't go.
1	Ann	Ann	PROPN	NNP	Number=Sing	4	nsubj	4:nsubj	_
2-3	didn't	_	_	_	_	_	_	_	_
2	did	do	AUX	VBD	_	4	aux	4:aux	_
3	n't	not	PART	RB	_	4	advmod	4:advmod	_
4	go	go	VERB	VB	_	0	root	0:root	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	4:punct	_

# sent_id = s2
# text = She left.
1	She	she	PRON	PRP	_	2	nsubj	2:nsubj	_
2	left	leave	VERB	VBD	_	0	root	0:root	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	2:punct	_

"""
IOB2 = """# sent_id = s1
1	Ann	B-PER
2	did	O
3	n't	O
4	go	O
5	.	O

# sent_id = s2
1	She	O
2	gone	O
3	.	O

"""


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "t.conllu").write_text(CONLLU, encoding="utf8")
    (tmp_path / "t.iob2").write_text(IOB2, encoding="utf8")
    return tmp_path


def test_corpora_multiword_tokens_become_syntactic_words(files):
    first = next(read_conllu(files / "t.conllu"))
    assert first.words == ["Ann", "did", "n't", "go", "."]
    assert first.spaces == [True, False, True, False, True]


def test_corpora_ner_joins_on_sent_id_and_skips_mismatched_words(files):
    joined = list(join_ner(read_conllu(files / "t.conllu"), read_iob2(files / "t.iob2")))
    assert joined[0].ents == ["B-PERSON", "O", "O", "O", "O"]  # UNER PER is spaCy PERSON
    assert joined[1].ents is None  # "left" vs "gone": no NER for that sentence


def test_corpora_documents_keep_sentences_and_entities(files):
    sentences = join_ner(read_conllu(files / "t.conllu"), read_iob2(files / "t.iob2"))
    (document,) = list(group_documents(sentences))
    doc = make_doc(Vocab(), document)
    assert doc.text == "Ann didn't go. She left. "
    assert [sent.text for sent in doc.sents] == ["Ann didn't go.", "She left."]
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Ann", "PERSON")]
    assert doc[0].head.text == "go" and doc[0].dep_ == "nsubj"


@pytest.mark.parametrize(
    "words,expected",
    [
        (["Paris", ",", "France", "."], [False, True, False, True]),
        (["(", "born", "1963", ")"], [False, True, False, True]),
        (["he", "said", '"', "no", '"', "."], [True, True, False, False, False, True]),
    ],
)
def test_corpora_detokenize_spaces(words, expected):
    assert detokenize_spaces(words) == expected
