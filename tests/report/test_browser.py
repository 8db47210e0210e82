"""Open the report in headless Chromium: it renders, logs nothing, and runs no document text.

Chromium is driven from the command line (`--dump-dom`, `--screenshot`), with
`--enable-logging=stderr` so every console message and uncaught exception
appears on stderr as a `:CONSOLE` line. `--virtual-time-budget` lets load
events and timers (an `onerror` handler, say) fire before the DOM is dumped.
A positive control runs each payload unescaped, so the XSS check is shown to
catch a payload that does execute.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from tests.rows import quote_row

from extractor.report.html import write_report
from extractor.types import ActorRow, DocumentRow, EntityRow, MentionRow, QuoteRow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium binary on PATH (install the Debian package `chromium`)"
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=3000",
]
PAYLOADS = [
    '<script>document.title="pwned"</script>',
    "<img src=x onerror=\"document.title='pwned'\">",
    "<svg onload=\"document.title='pwned'\"></svg>",
    "</script><script>document.title='pwned'</script>",
]
TEXT = 'Ann Lee said "Taxes will fall." Bo Ray said "' + " ".join(PAYLOADS) + '" Ann Lee agreed.'
TITLE = "extractor report"


def _at(part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


def _quote(content: str, speaker: str, actor: str) -> QuoteRow:
    (start, end), (s_start, s_end) = _at(content), _at(speaker)
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
    people = {"ann": "Ann Lee", "bo": "Bo Ray"}
    mentions = [("Ann Lee", "ann", 0), ("Bo Ray", "bo", 0), ("Ann Lee", "ann", 1)]
    return {
        "documents": [
            DocumentRow(
                doc_id="x.txt",
                source_path="x.txt",
                source_line=0,
                title="Taxes",
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
        "mentions": [
            MentionRow(
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
            for part, actor, nth in mentions
            for start, end in [_at(part, nth)]
        ],
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
        "quotes": [_quote("Taxes will fall.", "Ann Lee", "ann"), _quote(" ".join(PAYLOADS), "Bo Ray", "bo")],
        "claims": [],
        "dates": [],
        "errors": [],
    }


def _chromium(tmp_path: Path, page: Path, *action: str, fragment: str = "") -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="profile-", dir=tmp_path)  # a fresh profile per launch
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri() + fragment]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _console_messages(stderr: str) -> list[str]:
    # Chromium logs console calls and uncaught exceptions as `...:CONSOLE(12)] "message", source: ...`.
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def _page_title(dom: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", dom, re.S).group(1))


@pytest.fixture()
def report(tmp_path, output_folder) -> Path:
    return write_report(output_folder(tmp_path / "out", _corpus()))


def test_report_browser_renders_without_console_errors(tmp_path, report):
    result = _chromium(tmp_path, report, "--dump-dom")
    dom = result.stdout
    assert _console_messages(result.stderr) == []
    assert 'data-report-ready="true"' in dom  # the inline script ran to its last line
    for element in ('id="summary"', 'id="speakers"', 'id="actors-table"', 'id="graph-svg"', 'id="graph-details"'):
        assert element in dom
    assert dom.count('class="bar"') == 2 and dom.count('<g class="node ') == 4
    assert dom.count('<details class="doc"') == 1 and 'class="quote"' in dom


def test_report_browser_linked_node_is_highlighted(tmp_path, report):
    result = _chromium(tmp_path, report, "--dump-dom", fragment="#node=actor%3Aann")
    dom = result.stdout
    assert _console_messages(result.stderr) == []
    assert re.search(r'<svg id="graph-svg"[^>]* class="focus"', dom)
    highlighted = re.findall(r'<g class="node (\w+) hi" data-id="([^"]+)"', dom)
    assert sorted(highlighted) == [("actor", "actor:ann"), ("actor", "actor:bo"), ("quote", "quote:q14")]
    assert dom.count('class="edge said hi"') == 1 and dom.count('class="edge co_quoted hi"') == 1
    details = re.search(r'<aside id="graph-details">(.*?)</aside>', dom, re.S).group(1)
    assert "Ann Lee" in details and 'href="#doc-0"' not in details  # actors have no document link


def test_report_browser_screenshot(tmp_path, report):
    shot = tmp_path / "report.png"
    _chromium(tmp_path, report, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_report_browser_document_text_does_not_run(tmp_path, report):
    dom = _chromium(tmp_path, report, "--dump-dom").stdout
    assert _page_title(dom) == TITLE
    assert dom.count("<script") == 2  # the data block and the report's own script
    for payload in PAYLOADS:  # shown as text: the DOM serialises text with < > & escaped
        assert html.escape(payload, quote=False) in dom


@pytest.mark.parametrize("payload", PAYLOADS)
def test_report_browser_payload_runs_when_not_escaped(tmp_path, payload):
    page = tmp_path / "raw.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>{TITLE}</title></head><body>{payload}</body></html>", encoding="utf-8"
    )
    dom = _chromium(tmp_path, page, "--dump-dom").stdout
    assert _page_title(dom) == "pwned"
