"""Assemble a run's spaCy pipeline: a statistical model plus the extraction stages.

The stages and their settings come from a config file in `pipelines/`
(`--pipeline`). Its `[components.*]` blocks are spaCy component configs,
added in the order `[pipeline] stages` gives, after the model's own
components; `[reader]` configures how files are read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

# The project checkout's `pipelines/` (src layout: src/extractor/ → ../../).
PIPELINES_DIR = Path(__file__).resolve().parents[2] / "pipelines"
DEFAULT_PIPELINE = PIPELINES_DIR / "default.cfg"
# spaCy's own default: longer documents are split at paragraph boundaries.
DEFAULT_MAX_LENGTH = 1_000_000
DEFAULT_STAGES = (
    "extractor_mentions",
    "extractor_dates",
    "extractor_actors",
    "extractor_quotes",
    "extractor_claims",
)


@dataclass(frozen=True)
class PipelineConfig:
    """A parsed pipeline file: stage order, component configs, reader settings."""

    stages: tuple[str, ...]
    max_length: int
    components: dict[str, dict[str, Any]]
    reader: dict[str, Any]
    text: str
    source: str

    @property
    def sha1(self) -> str:
        """Hash of the config text, for the manifest."""
        return hashlib.sha1(self.text.encode("utf8")).hexdigest()


def read_pipeline_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> PipelineConfig:
    """Parse a pipeline config, or the built-in defaults when no file exists.

    path (Path | None): a `.cfg` file; None means `pipelines/default.cfg` if present.
    overrides (dict): dotted keys → values, e.g. {"reader.detect_title": False}.
    RETURNS (PipelineConfig): the parsed configuration.
    """
    from thinc.api import Config

    if path is None:
        path = DEFAULT_PIPELINE if DEFAULT_PIPELINE.exists() else None
    if path is not None and not Path(path).is_file():
        raise ConfigError("E204", path=path)
    text = Path(path).read_text(encoding="utf8") if path else _builtin_config_text()
    try:
        config = Config().from_str(text, overrides=overrides or {}, interpolate=True)
    except Exception as err:  # thinc raises several types for syntax and key errors
        raise ConfigError("E205", path=path or "<built-in>", reason=err) from err
    return _parse(config, text, str(path or "<built-in>"))


def _parse(config: dict, text: str, source: str) -> PipelineConfig:
    components = {name: dict(block) for name, block in config.get("components", {}).items()}
    settings = config.get("pipeline", {})
    stages = tuple(settings.get("stages", DEFAULT_STAGES))
    max_length = int(settings.get("max_length", DEFAULT_MAX_LENGTH))
    missing = [stage for stage in stages if stage not in components]
    if missing:
        raise ConfigError("E206", path=source, stages=", ".join(missing))
    return PipelineConfig(stages, max_length, components, dict(config.get("reader", {})), text, source)


def _builtin_config_text() -> str:
    blocks = [f'[pipeline]\nstages = [{", ".join(repr(s).replace(chr(39), chr(34)) for s in DEFAULT_STAGES)}]\n']
    blocks += [f'[components.{stage}]\nfactory = "{stage}"\n' for stage in DEFAULT_STAGES]
    return "\n".join(blocks)


def add_stages(nlp: "Language", config: PipelineConfig) -> "Language":
    """Add the configured extraction stages to `nlp`, in order.

    A stage already in `nlp` (a user pipeline that ships them) is left alone.
    RETURNS (Language): the same `nlp`.
    """
    from .components import register_factories

    register_factories()
    nlp.max_length = config.max_length
    for name in config.stages:
        if name in nlp.pipe_names:
            continue
        block = dict(config.components[name])
        factory = block.pop("factory", name)
        try:
            nlp.add_pipe(factory, name=name, config=block)
        except (ValueError, KeyError) as err:
            raise ConfigError("E207", stage=name, path=config.source, reason=err) from err
    return nlp
