from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from tests.rows import quote_row

from extractor.graph.build import build_graph
from extractor.outputs.loading import MissingTableError
from extractor.report.html import write_report
from extractor.report.markup import Highlight, embed_json, render_highlighted
from extractor.report.svg import graph_view
from extractor.types import TABLES, ActorRow, DocumentRow, EntityRow, MentionRow, QuoteRow

PAYLOAD = (
    '<script>document.title="pwned"</script>'
    "<img src=x onerror=\"document.body.appendChild(document.createElement('xss-'+'fired'))\">"
    "</script><!-- <svg onload=alert(1)>"
)
TEXT = f'Ann Lee said "Taxes will fall." Bo Ray said "{PAYLOAD}" Ann Lee agreed.'


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _mention(part: str, actor: str, nth: int = 0) -> MentionRow:
    start, end = _at(TEXT, part, nth)
    return MentionRow(
        mention_id=f"m{start}",
        doc_id="x.txt",
        text=part,
        start_char=start,
        end_char=end,
        label="PERSON",
        kind="person",
        entity_id=f"e-{actor}",
        sentence_index=0,
        method="ner",
    )


def _quote(content: str, speaker: str, actor: str) -> QuoteRow:
    (start, end), (s_start, s_end) = _at(TEXT, content), _at(TEXT, speaker)
    return quote_row(
        content,
        start,
        end_char=end,
        speaker_text=speaker,
        speaker_start_char=s_start,
        speaker_end_char=s_end,
        speaker_entity_id=f"e-{actor}",
    )


def _corpus() -> dict[str, list]:
    people = {"ann": "Ann Lee", "bo": "Bo Ray <b>"}
    return {
        "documents": [
            DocumentRow(
                doc_id="x.txt",
                source_path="x.txt",
                source_line=0,
                title="Tax <i>news</i>",
                date="2024-02-07",
                url="",
                source="",
                encoding="utf-8",
                n_chars=len(TEXT),
                n_tokens=0,
                n_sentences=0,
                body_start_char=0,
                content_sha1="sha",
                text=TEXT,
            )
        ],
        "mentions": [_mention("Ann Lee", "ann"), _mention("Bo Ray", "bo"), _mention("Ann Lee", "ann", 1)],
        "entities": [
            EntityRow(
                entity_id=f"e-{key}",
                doc_id="x.txt",
                name=name,
                kind="person",
                roles="",
                aliases="",
                n_mentions=1,
                first_char=0,
                actor_id=key,
            )
            for key, name in people.items()
        ],
        "actors": [
            ActorRow(actor_id=key, name=name, kind="person", aliases="", roles="", n_documents=1, n_mentions=1)
            for key, name in people.items()
        ],
        "quotes": [_quote("Taxes will fall.", "Ann Lee", "ann"), _quote(PAYLOAD, "Bo Ray", "bo")],
        "claims": [],
        "dates": [],
        "errors": [],
    }


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.fixture()
def page(tmp_path, output_folder) -> str:
    path = write_report(output_folder(tmp_path / "out", _corpus()))
    assert path == tmp_path / "out" / "report.html"
    return path.read_text(encoding="utf-8")


def test_report_payload_is_escaped_not_markup(page):
    elements = _Elements(page).elements
    assert [attrs.get("type") for tag, attrs in elements if tag == "script"] == ["application/json", None]
    assert not [tag for tag, _ in elements if tag in {"img", "iframe", "object"}]
    assert not [tag for tag, attrs in elements if any(name.startswith("on") for name in attrs)]
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in page
    assert "<i>news</i>" not in page and "Tax &lt;i&gt;news&lt;/i&gt;" in page


def test_report_embedded_json_cannot_close_its_script(page):
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert PAYLOAD in [node["text"] for node in data["graph"]["nodes"].values()]


def test_report_is_self_contained(page):
    for tag, attrs in _Elements(page).elements:
        for name in ("src", "href"):
            assert not attrs.get(name) or attrs[name].startswith("#"), (tag, attrs)
    assert "<link" not in page and "@import" not in page and "default-src 'none'" in page


@pytest.mark.parametrize("section", ["summary", "speakers", "actors", "graph", "documents"])
def test_report_has_section(page, section):
    assert f'<section id="{section}">' in page


def test_report_speaker_chart_and_actors_table(page):
    chart = re.search(r'<section id="speakers">.*?</section>', page, re.S).group(0)
    assert "<svg" in chart and chart.count('class="bar"') == 2 and "Bo Ray &lt;b&gt;" in chart
    assert page.count('<tr data-id="actor:') == 2


def test_report_graph_svg_has_nodes_and_edges(page):
    elements = _Elements(page).elements
    nodes = [attrs["data-id"] for tag, attrs in elements if tag == "g" and "data-id" in attrs]
    assert sorted(nodes) == ["actor:ann", "actor:bo", "quote:q14", "quote:q45"]
    kinds = sorted(attrs["class"] for tag, attrs in elements if tag == "line")
    assert kinds == ["edge co_quoted", "edge said", "edge said"]


def test_report_is_byte_identical_across_runs(tmp_path, output_folder):
    out_dir = output_folder(tmp_path / "out", _corpus())
    first = write_report(out_dir, tmp_path / "first.html").read_bytes()
    assert write_report(out_dir, tmp_path / "second.html").read_bytes() == first


def test_report_without_quotes_says_so(tmp_path, output_folder):
    tables = {**_corpus(), "quotes": []}
    page = write_report(output_folder(tmp_path / "out", tables)).read_text(encoding="utf-8")
    assert "No quote is attributed to an actor." in page and "No statement is linked to an actor." in page


@pytest.mark.parametrize("removed", ["documents", "mentions"])
def test_report_missing_table_names_folder_and_table(tmp_path, removed, output_folder):
    out_dir = output_folder(tmp_path / "out", _corpus())
    (out_dir / f"{removed}.csv").unlink()
    with pytest.raises(MissingTableError, match=rf"'{out_dir}'.*{removed}"):
        write_report(out_dir)


@pytest.mark.parametrize(
    "text,marks,expected",
    [
        ("a<b", [], "a&lt;b"),
        (
            "Ann said",
            [Highlight(0, 3, "ent", "PERSON")],
            '<span class="ent" title="PERSON" data-groups="">Ann</span> said',
        ),
        (
            '"x y"',
            [Highlight(1, 4, "quote", "Q", "q1"), Highlight(3, 4, "ent", "E")],
            '&quot;<span class="quote" title="Q" data-groups="q1">x </span>'
            '<span class="ent quote" title="Q\nE" data-groups="q1">y</span>&quot;',
        ),
        (
            "ab",
            [Highlight(1, 9, "ent", 'say "<hi>"')],
            'a<span class="ent" title="say &quot;&lt;hi&gt;&quot;" data-groups="">b</span>',
        ),
        ("ab", [Highlight(2, 2, "ent", "empty"), Highlight(-3, 0, "ent", "before")], "ab"),
    ],
)
def test_report_render_highlighted(text, marks, expected):
    assert render_highlighted(text, marks) == expected


@pytest.mark.parametrize("value,expected", [("</script>", '"\\u003c/script\\u003e"'), ("a&b", '"a\\u0026b"')])
def test_report_embed_json_escapes_markup(value, expected):
    assert embed_json(value) == expected
    assert json.loads(embed_json(value)) == value


@pytest.mark.parametrize("max_nodes,expected", [(300, 4), (2, 2), (1, 0)])
def test_report_graph_view_respects_max_nodes(max_nodes, expected):
    view = graph_view(build_graph(_corpus()), max_nodes=max_nodes)
    assert len(view) == expected and "document" not in {kind for _, kind in view.nodes(data="kind")}


def test_report_tables_cover_the_schema():
    assert set(_corpus()) == set(TABLES)


def test_report_interrupted_quote_counts_once_and_hovers_together():
    from extractor.report.blocks import rows_block

    text = '"We will not stop," he said, "not before the bridge is safe."'
    document = {"doc_id": "d", "title": "", "date": "", "text": text}
    pieces = [("q1", 1, 18), ("q2", 30, 60)]
    quotes = [
        {
            "quote_id": quote_id,
            "statement_id": "q1",
            "kind": "direct",
            "start_char": start,
            "end_char": end,
            "speaker_text": "he",
            "speaker_start_char": 20,
            "speaker_end_char": 22,
            "speaker_entity_id": "",
        }
        for quote_id, start, end in pieces
    ]
    block = rows_block(0, document, [], [], quotes, [])
    assert "1 quote<" in block
    assert block.count('data-groups="q1"') >= 3 and 'data-groups="q2"' not in block
