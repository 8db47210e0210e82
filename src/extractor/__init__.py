"""extractor: who is named, who said what, and when, in a folder of news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extractor.about import __version__

__all__ = ["__version__", "load", "run"]

if TYPE_CHECKING:
    from extractor.outputs.loading import load
    from extractor.run import run


def __getattr__(name: str) -> Any:
    # Lazy, so `import extractor` (and `extractor --help`) stays free of
    # pandas and spaCy until a user asks for tables or a run.
    if name == "load":
        from extractor.outputs.loading import load

        return load
    if name == "run":
        from extractor.run import run

        return run
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
