"""Assemble a run's spaCy pipeline: a statistical model plus the extraction stages.

The stages and their settings come from a config file in `pipelines/`
(`--pipeline`). Its `[components.*]` blocks are spaCy component configs,
added in the order `[pipeline] stages` gives, after the model's own
components; those `[pipeline] before_parser` names go right before the
model's parser (a model without one goes without them); `[reader]`
configures how files are read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

# The packaged default: the one source of the stages, their settings and the
# reader's lists (which it takes from versioned `@misc` entries).
DEFAULT_PIPELINE = Path(__file__).with_name("default.cfg")


@dataclass(frozen=True)
class PipelineConfig:
    """A parsed pipeline file: stage order, component configs, reader settings."""

    stages: tuple[str, ...]
    before_parser: tuple[str, ...]
    max_length: int | None
    components: dict[str, dict[str, Any]]
    reader: dict[str, Any]
    text: str
    source: str

    @property
    def sha1(self) -> str:
        """Hash of the config text, for the manifest."""
        return hashlib.sha1(self.text.encode("utf8")).hexdigest()


def read_pipeline_config(path: Path | None = None, overrides: dict[str, Any] | None = None) -> PipelineConfig:
    """Parse a pipeline config.

    path (Path | None): a `.cfg` file; None means the packaged `default.cfg`.
    overrides (dict): dotted keys → values, e.g. {"reader.detect_title": False}.
    RETURNS (PipelineConfig): the parsed configuration.
    """
    from thinc.api import Config

    path = Path(path) if path is not None else DEFAULT_PIPELINE
    if not path.is_file():
        raise ConfigError("E204", path=path)
    text = path.read_text(encoding="utf8")
    try:
        config = Config().from_str(text, overrides=overrides or {}, interpolate=True)
        reader = _resolve_reader(config.get("reader", {}))
    except ConfigError:
        raise
    except Exception as err:  # thinc and catalogue raise several types for syntax, key and registry errors
        raise ConfigError("E205", path=path, reason=err) from err
    return _parse(config, reader, text, str(path))


def _resolve_reader(block: dict[str, Any]) -> dict[str, Any]:
    # [reader] is no component config, so spaCy never resolves its `@misc`
    # references (the furniture lists); resolve them here.
    from spacy.util import registry

    return dict(registry.resolve({"reader": dict(block)})["reader"])


def _parse(config: dict[str, Any], reader: dict[str, Any], text: str, source: str) -> PipelineConfig:
    components = {name: dict(block) for name, block in config.get("components", {}).items()}
    settings = config.get("pipeline", {})
    before_parser = tuple(settings.get("before_parser", ()))
    stages = tuple(settings.get("stages", [name for name in components if name not in before_parser]))
    max_length = settings.get("max_length")
    missing = [stage for stage in (*before_parser, *stages) if stage not in components]
    if missing:
        raise ConfigError("E206", path=source, stages=", ".join(missing))
    return PipelineConfig(
        stages=stages,
        before_parser=before_parser,
        max_length=int(max_length) if max_length is not None else None,
        components=components,
        reader=reader,
        text=text,
        source=source,
    )


def add_stages(nlp: Language, config: PipelineConfig) -> Language:
    """Add the configured extraction stages to `nlp`, in order.

    A stage already in `nlp` (a user pipeline that ships them) is left alone.
    RETURNS (Language): the same `nlp`.
    """
    if config.max_length is not None:
        nlp.max_length = config.max_length
    if "parser" in nlp.pipe_names:
        for name in config.before_parser:
            _add_stage(nlp, config, name, before="parser")
    for name in config.stages:
        _add_stage(nlp, config, name)
    return nlp


def _add_stage(nlp: Language, config: PipelineConfig, name: str, before: str | None = None) -> None:
    # A stage already in `nlp` (a user pipeline that ships it) is left alone.
    if name in nlp.pipe_names:
        return
    block = dict(config.components[name])
    factory = block.pop("factory", name)
    try:
        nlp.add_pipe(factory, name=name, config=block, before=before)
    except (ValueError, KeyError) as err:
        raise ConfigError("E207", stage=name, path=config.source, reason=err) from err
