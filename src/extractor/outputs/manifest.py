"""`manifest.json`: the provenance of a run.

Tables hold no timestamps (they must be byte-identical across runs); the
manifest holds everything that explains a difference between two runs: the
tool, spaCy and model versions (and the installed distribution the model came
from: `en_core_web_sm` may be Explosion's package or its re-upload), the
pipeline config and its hash, the input file hashes, the row counts and the
schema version, and whether the CSV files were written `excel_safe`
(`folder_is_excel_safe` reads that back for the loader and the graph writer).
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import OutputError
from extractor.outputs.atomic import write_text_atomically
from extractor.types import SCHEMA_VERSION

if TYPE_CHECKING:
    from extractor.pipeline.config import PipelineConfig
    from extractor.pipeline.model import ModelInfo

MANIFEST = "manifest.json"


@dataclass
class RunSummary:
    """What a run did: counts per table, the model that ran, where files went."""

    out_dir: Path
    model: ModelInfo
    counts: dict[str, int] = field(default_factory=dict)
    documents_ok: int = 0
    seconds: float = 0.0
    words: int = 0
    sources: list[str] = field(default_factory=list)
    excel_safe: bool = False
    engine: str = "local"
    workers: int = 1
    cached_documents: int = 0


def file_sha1(path: Path) -> str:
    """SHA-1 of a file's bytes, read in blocks."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_hashes(inputs: Path, sources: list[str]) -> dict[str, str]:
    """Hashes of the input files documents came from, by relative path."""
    root = inputs if inputs.is_dir() else inputs.parent
    return {source: file_sha1(root / source) for source in sorted(set(sources)) if (root / source).is_file()}


def build_manifest(summary: RunSummary, config: PipelineConfig, inputs: Path, version: str) -> dict:
    """The manifest as a dict (see the module docstring)."""
    import spacy

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "extractor", "version": version},
        "spacy_version": spacy.__version__,
        "python_version": platform.python_version(),
        "model": {
            "requested": summary.model.requested,
            "name": summary.model.name,
            "version": summary.model.version,
            "location": summary.model.location,
            "license": summary.model.license,
            "distribution": summary.model.distribution,
            "distribution_version": summary.model.distribution_version,
        },
        "pipeline": {"source": config.source, "sha1": config.sha1, "config": config.text},
        "inputs": {"path": str(inputs), "files": input_hashes(inputs, summary.sources)},
        "row_counts": dict(sorted(summary.counts.items())),
        "documents_ok": summary.documents_ok,
        "processing": {
            "engine": summary.engine,
            "workers": summary.workers,
            "cached_documents": summary.cached_documents,
        },
        "excel_safe": summary.excel_safe,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(summary.seconds, 3),
    }


def write_manifest(out_dir: Path, summary: RunSummary, config: PipelineConfig, inputs: Path, version: str) -> Path:
    """Write `manifest.json` atomically. RETURNS (Path): its path."""
    path = out_dir / MANIFEST
    manifest = build_manifest(summary, config, inputs, version)
    write_text_atomically(path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return path


def folder_is_excel_safe(out_dir: Path) -> bool:
    """Whether the CSV files of an output folder were written with `excel_safe`.

    out_dir (Path): An output folder.
    RETURNS (bool): The manifest's `excel_safe`; False when there is no manifest
        (a folder written by hand or by an older version).
    RAISES OutputError: E306 when `manifest.json` exists but can't be read as JSON.
    """
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        return False
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise OutputError("E306", path=path, reason=err) from err
    if not isinstance(manifest, dict):
        raise OutputError("E306", path=path, reason=f"a JSON {type(manifest).__name__}, not an object")
    return manifest.get("excel_safe") is True
