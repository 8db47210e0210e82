"""Find and load the statistical spaCy pipeline a run uses.

The default is `en_core_web_sm` when it is installed (what most users have)
and otherwise the pipeline bundled with this package, which is trained here
from openly licensed data, so the tool works offline out of the box.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

BUNDLED = "bundled"
AUTO = "auto"
PREFERRED_PACKAGE = "en_core_web_sm"
BUNDLED_DIR = Path(__file__).parents[1] / "models" / "en_extractor_news"


@dataclass(frozen=True)
class ModelInfo:
    """What ran: the name a user gave, where it came from, and its meta."""

    requested: str
    name: str
    version: str
    location: str
    license: str


@contextmanager
def quiet_lemmatizer() -> Iterator[None]:
    """Silence spaCy's W108 while pipelines run on text with whitespace tokens.

    The rule lemmatizer warns when a token has no POS: blank lines, blanked
    furniture, and the phrase patterns an entity ruler parses when the
    pipeline loads. Those tokens' lemmas are irrelevant.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W108\]")
        yield


def bundled_path() -> Path:
    """Where the bundled pipeline lives. RETURNS (Path): its directory."""
    return BUNDLED_DIR


def resolve_model(name: str | None) -> str | Path:
    """Turn `--model` into something `spacy.load` accepts.

    name (str | None): a package name, a path, "bundled", or None/"auto".
    RETURNS (str | Path): a package name or a directory.
    """
    import spacy.util

    if name in (None, "", AUTO):
        if spacy.util.is_package(PREFERRED_PACKAGE):
            return PREFERRED_PACKAGE
        name = BUNDLED
    if name == BUNDLED:
        if not (BUNDLED_DIR / "meta.json").exists():
            raise ModelError("E201", path=BUNDLED_DIR)
        return BUNDLED_DIR
    if Path(name).exists() or spacy.util.is_package(name):
        return Path(name) if Path(name).exists() else name
    raise ModelError("E202", name=name)


def load_model(name: str | None, **kwargs) -> tuple[Language, ModelInfo]:
    """Load the pipeline `name` resolves to.

    name (str | None): as for `resolve_model`.
    RETURNS (tuple): the Language and a ModelInfo for the manifest.
    """
    import spacy

    target = resolve_model(name)
    try:
        with quiet_lemmatizer():
            nlp = spacy.load(target, **kwargs)
    except (OSError, ValueError) as err:
        raise ModelError("E203", name=target, reason=err) from err
    meta = nlp.meta
    info = ModelInfo(
        requested=name or AUTO,
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        version=str(meta.get("version", "")),
        location=str(target) if isinstance(target, str) else _display_path(target),
        license=str(meta.get("license", "")),
    )
    return nlp, info


def _display_path(path: Path) -> str:
    # The bundled model's absolute path differs per clone; name it portably.
    return "bundled:" + path.name if path.resolve() == BUNDLED_DIR.resolve() else str(path)
