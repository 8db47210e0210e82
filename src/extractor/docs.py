"""Generate the README's table reference and CLI reference from the code.

The README holds blocks between `<!-- NAME:start -->` and `<!-- NAME:end -->`
markers; `python -m extractor.docs README.md` rewrites them and
`tests/test_docs.py` fails when they are stale (sqlite-utils' cog check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from extractor.types import TABLES, column_docs

TABLE_INTROS = {
    "documents": "One row per document that was processed.",
    "mentions": "Every named mention (and each pronoun or nominal speaker resolved to an entity).",
    "entities": "Per document, the mentions clustered into one entity per real-world actor.",
    "actors": "Across the corpus, one actor per entity name and kind (acronyms and aliases merged).",
    "quotes": (
        "Direct, indirect and mixed quotes with their speakers. Not rows: scare quotes, titles (a Title Case"
        ' quote after a noun naming a work, "his book, “A Time for Truth,”", or a headline with its byline'
        " after it), and a phrase the writer's sentence runs on past that no cue, governing verb or quote"
        " nearby gives a speaker. The quoted fragments a mixed quote holds are part of its row."
    ),
    "claims": "Attributed statements, stances (condemn, deny, vow …, and speech verbs with an object: "
    "“stressed the need for reform”) and unattributed assertions with figures.",
    "dates": "Date and time expressions, normalized to ISO 8601.",
    "errors": "Inputs that could not be processed, and why. The run goes on without them.",
}
CLI_COMMANDS = (
    ["--help"],
    ["run", "--help"],
    ["diff", "--help"],
    ["graph", "--help"],
    ["report", "--help"],
    ["model", "train", "--help"],
    ["model", "evaluate", "--help"],
    ["eval", "quotes", "--help"],
    ["eval", "polnear", "--help"],
)


GRAPH_INTROS = {
    "nodes": "Graph nodes (`nodes.csv`): actors, statements (quotes and claims) and documents. "
    "Actors come first, sorted by id; then each document, in the order of the documents table: "
    "its document node, then its quotes and claims sorted by id.",
    "edges": "Graph edges (`edges.csv`): `said` (actor → statement), `mentions` (statement → actor it names), "
    "`co_quoted` (actor — actor quoted in the same document) and `in` (statement → document). "
    "`co_quoted` edges come first, sorted by source and target; then each document's `said`, `mentions` "
    "and `in` edges, documents as in `nodes`, sorted by source, target and kind.",
}


def _table_markdown(name: str, intro: str, rows: list[tuple[str, str, str]]) -> list[str]:
    lines = [f"#### `{name}`\n\n{intro}\n\n| column | type | meaning |\n| --- | --- | --- |"]
    lines.extend(f"| `{column}` | {kind} | {doc.replace('|', '/')} |" for column, kind, doc in rows)
    return lines + [""]


def schema_markdown() -> str:
    """Markdown for every table and the graph files: a heading, what it holds, and its columns."""
    from extractor.graph.columns import EDGE_COLUMNS, NODE_COLUMNS

    parts = []
    for table in TABLES:
        parts += _table_markdown(table, TABLE_INTROS[table], column_docs(table))
    parts += _table_markdown("nodes", GRAPH_INTROS["nodes"], list(NODE_COLUMNS))
    parts += _table_markdown("edges", GRAPH_INTROS["edges"], list(EDGE_COLUMNS))
    return "\n".join(parts).rstrip() + "\n"


def cli_markdown() -> str:
    """The `--help` text of every command, as console blocks."""
    from typer.testing import CliRunner

    from extractor.cli import app

    runner = CliRunner()
    blocks = []
    for args in CLI_COMMANDS:
        env = {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "TERMINAL_WIDTH": "100"}
        output = runner.invoke(app, args, prog_name="extractor", env=env).output
        text = "\n".join(line.rstrip() for line in output.strip("\n").splitlines())
        blocks.append(f"```\n$ extractor {' '.join(args)}\n{text}\n```\n")
    return "\n".join(blocks)


def errors_markdown() -> str:
    """Every error code with its message template."""
    from extractor.errors import Errors

    codes = sorted(name for name in vars(Errors) if name[:1] in "EW" and name[1:].isdigit())
    rows = [f"| `{code}` | {Errors.template(code).replace('|', '/')} |" for code in codes]
    return "| code | message |\n| --- | --- |\n" + "\n".join(rows) + "\n"


SCORE_NAMES = {
    "ents_f": "NER F1",
    "ents_p": "NER P",
    "ents_r": "NER R",
    "tag_acc": "Penn tag acc.",
    "pos_acc": "UPOS acc.",
    "lemma_acc": "lemma acc.",
    "dep_uas": "UAS",
    "dep_las": "LAS",
    "sents_f": "sentence F1",
}
CORPUS_NAMES = {
    "ewt": "UD/UNER EWT test (web text)",
    "gum": "GUM test (10 genres)",
    "gum_news": "GUM test, news documents",
    "wikigold": "Wikigold test",
    "redocred": "Re-DocRED test",
    "crossner": "CrossNER test (5 domains)",
}


def model_markdown() -> str:
    """The bundled pipeline's figures, from its meta.json (what `model evaluate` measured)."""
    import json

    from extractor.pipeline.model import bundled_path

    meta_path = bundled_path() / "meta.json"
    if not meta_path.exists():
        return "The bundled pipeline is not in this checkout.\n"
    evaluation = json.loads(meta_path.read_text(encoding="utf8"))["extractor_evaluation"]
    header = "| test set | " + " | ".join(SCORE_NAMES.values()) + " |\n| --- |" + " ---: |" * len(SCORE_NAMES)
    rows = [_row(CORPUS_NAMES.get(source, source), scores) for source, scores in evaluation["test"].items()]
    if "ewt_gold_sentences" in evaluation:
        rows.append(_row("UD EWT test, one gold sentence at a time", evaluation["ewt_gold_sentences"]))
    speed = f"Speed: {evaluation['words_per_second']:,.0f} words/s through `nlp.pipe` on one process of this 2-core machine."
    return "\n".join([header, *rows, "", speed]) + "\n"


def _row(name: str, scores: dict[str, float]) -> str:
    return f"| {name} | " + " | ".join(f"{scores[key]:.3f}" if key in scores else "–" for key in SCORE_NAMES) + " |"


COMPARISON = Path(__file__).resolve().parents[2] / "benchmarks" / "model-comparison.json"
# The comparison's rows: label → (test corpus, score) read from each model's "test" figures.
COMPARED_SCORES = (
    *((f"NER F1, {CORPUS_NAMES[source]}", source, "ents_f") for source in CORPUS_NAMES),
    ("Penn tag acc., EWT test", "ewt", "tag_acc"),
    ("Penn tag acc., GUM test, news documents", "gum_news", "tag_acc"),
    ("UPOS acc., EWT test", "ewt", "pos_acc"),
    ("lemma acc., EWT test", "ewt", "lemma_acc"),
    ("UAS, EWT test", "ewt", "dep_uas"),
    ("LAS, EWT test", "ewt", "dep_las"),
    ("sentence F1, EWT test", "ewt", "sents_f"),
    ("sentence F1, GUM test", "gum", "sents_f"),
    ("sentence F1, GUM test, news documents", "gum_news", "sents_f"),
)
PENDING = "to be filled"


def comparison_markdown(path: Path | None = None) -> str:
    """The models side by side, from the JSON `benchmarks/compare_models.py` writes.

    path (Path | None): the JSON; `benchmarks/model-comparison.json` if None.
    RETURNS (str): a Markdown table (one column per model) and the command that made it.
    """
    import json

    path = path or COMPARISON
    if not path.exists():
        return "No comparison in this checkout: run `python benchmarks/compare_models.py`.\n"
    figures = json.loads(path.read_text(encoding="utf8"))
    models = figures["models"]
    lines = ["| | " + " | ".join(_model_heading(m) for m in models) + " |", "| --- |" + " ---: |" * len(models)]
    for label, source, key in COMPARED_SCORES:
        lines.append(f"| {label} | " + " | ".join(_test_cell(m, source, key) for m in models) + " |")
    lines += _quote_rows(models)
    lines.append(
        "| words/s, `nlp.pipe` on the EWT test texts, timed in turns | "
        + " | ".join(f"{m['words_per_second']:,.0f}" for m in models)
        + " |"
    )
    machine = figures["machine"]
    made = f"Made by `{figures['command']}` (spaCy {machine['spacy']}, {machine['cpus']} CPUs); figures in `benchmarks/model-comparison.json`."
    return "\n".join([*lines, "", made]) + "\n"


def _model_heading(model: dict) -> str:
    # A package is named as requested, with the distribution that stood in for it.
    if model["distribution"] and model["distribution"] != "extractor":
        return f"`{model['requested']}` {model['version']} (installed as {model['distribution']} {model['distribution_version']})"
    return f"`{model['requested']}`: {model['name']} {model['version']}"


def _test_cell(model: dict, source: str, key: str) -> str:
    if key in model["test"].get(source, {}):
        return f"{model['test'][source][key]:.3f}"
    return "not scored: ClearNLP labels" if key.startswith("dep_") and not model.get("parses_like_ud", True) else "–"


def _quote_rows(models: list[dict]) -> list[str]:
    rows = []
    for name, key in (("tests/data/quotes", "tests/data/quotes"), ("PolNeAR dev (real news)", "polnear_dev")):
        scores = [m["quotes"].get(key) for m in models]
        f1 = [f"{s['f1']:.3f} ({s['precision']:.3f} / {s['recall']:.3f})" if s else PENDING for s in scores]
        speakers = [f"{s['speaker_accuracy']:.3f}" if s else PENDING for s in scores]
        rows.append(f"| quotes F1 (P / R), {name} | " + " | ".join(f1) + " |")
        rows.append(f"| quote speaker accuracy, {name} | " + " | ".join(speakers) + " |")
    return rows


GENERATORS = {
    "schema": schema_markdown,
    "cli": cli_markdown,
    "errors": errors_markdown,
    "model-figures": model_markdown,
    "model-comparison": comparison_markdown,
}


def _escape_template(text: str) -> str:
    return text.replace("\\", "\\\\")


def render(text: str) -> str:
    """Replace every generated block in `text` with fresh content."""
    for name, generate in GENERATORS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        # A literal replacement: the generated block is not a regex template.
        text = pattern.sub(rf"\g<1>{_escape_template(generate())}\g<2>", text)
    return text


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(render(path.read_text(encoding="utf8")), encoding="utf8")
