"""site.yaml -> SiteConfig: a typed schema, and errors that name site.yaml:LINE."""
from __future__ import annotations

import difflib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from .errors import ConfigError
from .model import ENTITY_TYPES, Gazetteer, GazetteerEntry

CONFIG_NAME = "site.yaml"
ENTITY_BACKENDS = ("rules", "spacy")
EXECUTORS = ("local", "dask")
DEFAULT_SPACY_MODEL = "en_core_web_sm"
BLANK_MODEL = "blank:"
_MODEL_NAME = re.compile(r"blank:[a-z]{2,3}|[A-Za-z_]\w*")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The validated site configuration."""

    root: Path
    """The directory that holds site.yaml, content/ and (optionally) templates/."""
    title: str
    base_url: str = "/"
    """Absolute URL or path of the site root, always ending in "/"."""
    language: str = "en"
    description: str = ""
    grouping_threshold: float = 0.3
    """Share of text two articles must have in common to be versions of one story."""
    related_limit: int = 5
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    entities_backend: str = "rules"
    """Who finds candidate names: "rules" (built in) or "spacy" (the optional extra)."""
    spacy_model: str = DEFAULT_SPACY_MODEL
    """The installed spaCy pipeline the spacy backend loads, or blank:LANG (no statistical model)."""
    executor: str = "local"
    """Where the per-article stage runs: "local" (this machine's cores) or "dask" (a Dask cluster)."""
    dask_scheduler: str = ""
    """The Dask scheduler's address (tcp://host:8786); empty: a local cluster, one worker per core."""

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def base_path(self) -> str:
        """The path part of base_url: "/" for a user site, "/archive/" for a project site."""
        return urlparse(self.base_url).path or "/"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the schema: how to check its YAML node, and what it means."""

    check: Callable[[yaml.Node, str], Any]
    doc: str
    required: bool = False


def load_config(root: Path) -> SiteConfig:
    """Read and validate ROOT/site.yaml; raise ConfigError naming the line at fault."""
    path = root / CONFIG_NAME
    shown = CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(shown, 0, f"not found in {root}: create it (see the README's site.yaml reference)")
    except UnicodeDecodeError:
        raise ConfigError(shown, 0, "is not UTF-8 text: save it as UTF-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError(shown, line, f"invalid YAML: {err.problem}; fix the syntax")
    if node is None:
        raise ConfigError(shown, 0, "is empty: it needs at least `title:`")
    values = _check_mapping(node, SCHEMA, shown)
    _check_spacy(node, values, shown)
    _check_dask(node, values, shown)
    return SiteConfig(root=root, **values)


def _check_dask(node: yaml.Node, values: dict[str, Any], path: str) -> None:
    """With `executor: dask`, dask.distributed must be installed."""
    if values.get("executor") == "dask" and importlib.util.find_spec("distributed") is None:
        raise ConfigError(path, _value_line(node, "executor"), "executor: dask needs dask.distributed, "
                                                               "which is not installed: run pip install 'story-archive[dask]'")
    if values.get("dask_scheduler") and values.get("executor") != "dask":
        raise ConfigError(path, _value_line(node, "dask_scheduler"), "dask_scheduler is used only with "
                                                                     "executor: dask; add that line or remove this one")


def _check_mapping(node: yaml.Node, schema: dict[str, Field], path: str) -> dict[str, Any]:
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(path, _line(node), "expected a mapping of `key: value` lines")
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        field = schema.get(key)
        if field is None:
            guess = difflib.get_close_matches(key, list(schema), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else f"; known keys: {', '.join(sorted(schema))}"
            raise ConfigError(path, _line(key_node), f"unknown key '{key}'{hint}")
        if key in values:
            raise ConfigError(path, _line(key_node), f"key '{key}' is given twice; keep one")
        values[key] = field.check(value_node, path)
    for key, field in schema.items():
        if field.required and key not in values:
            raise ConfigError(path, _line(node), f"missing key '{key}': {field.doc}")
    return {_attr(k): v for k, v in values.items()}


def _check_spacy(node: yaml.Node, values: dict[str, Any], path: str) -> None:
    """With `entities_backend: spacy`, spaCy and the pipeline named must be installed."""
    if values.get("entities_backend") != "spacy":
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None:
        raise ConfigError(path, _value_line(node, "entities_backend"),
                          "entities_backend: spacy needs spaCy, which is not installed: "
                          "run pip install 'story-archive[spacy]'")
    model = values.get("spacy_model", DEFAULT_SPACY_MODEL)
    line = _value_line(node, "spacy_model" if "spacy_model" in values else "entities_backend")
    if model.startswith(BLANK_MODEL):
        lang = model.removeprefix(BLANK_MODEL)
        if not any(Path(folder, "lang", lang).is_dir() for folder in spec.submodule_search_locations or ()):
            raise ConfigError(path, line, f"spaCy has no language '{lang}' for spacy_model: {model}; "
                                          "use a language code such as blank:en")
    elif importlib.util.find_spec(model) is None:
        raise ConfigError(path, line, f"the spaCy pipeline '{model}' is not installed: "
                                      f"run python -m spacy download {model} (or set spacy_model: blank:en)")


def _value_line(node: yaml.Node, key: str) -> int:
    """The line of KEY's value in a mapping node (the mapping's own line if KEY is absent)."""
    return next((_line(value) for name, value in node.value if name.value == key), _line(node))


def _attr(key: str) -> str:
    return key.replace("-", "_")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, path: str, expected: str) -> Any:
    """The Python value of a scalar node (YAML's own typing: 0.3 is a float, yes a bool)."""
    if not isinstance(node, yaml.ScalarNode):
        raise ConfigError(path, _line(node), f"expected {expected}")
    try:
        return yaml.SafeLoader("").construct_object(node)
    except ValueError:  # looks like a date but is none (2016-13-45): the field's check says what it wants
        return node.value


def text_value(node: yaml.Node, path: str) -> str:
    value = _scalar(node, path, "text")
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, _line(node), f"expected text, got {value!r}")
    return value.strip()


def base_url_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    parsed = urlparse(value)
    absolute = parsed.scheme in ("http", "https") and parsed.netloc
    if not (absolute or value.startswith("/")) or parsed.query or parsed.fragment:
        raise ConfigError(path, _line(node),
                          f"base_url must be an http(s) URL or a path starting with '/', got {value!r}")
    return value if value.endswith("/") else value + "/"


def link_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(path, _line(node), f"link must be an http(s) URL, got {value!r}")
    return value


def language_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if not all(part.isalnum() for part in value.split("-")):
        raise ConfigError(path, _line(node), f"language must be a code such as 'en' or 'pt-BR', got {value!r}")
    return value


def threshold_value(node: yaml.Node, path: str) -> float:
    value = _scalar(node, path, "a number between 0 and 1")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise ConfigError(path, _line(node), f"expected a number between 0 and 1, got {value!r}")
    return float(value)


def limit_value(node: yaml.Node, path: str) -> int:
    value = _scalar(node, path, "a whole number")
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 50:
        raise ConfigError(path, _line(node), f"expected a whole number from 0 to 50, got {value!r}")
    return value


def choice(name: str, allowed: tuple[str, ...]) -> Callable[[yaml.Node, str], str]:
    """A check that the value is one of ALLOWED, naming NAME when it is not."""
    def check(node: yaml.Node, path: str) -> str:
        value = text_value(node, path)
        if value not in allowed:
            raise ConfigError(path, _line(node), f"{name} must be one of {', '.join(allowed)}, got {value!r}")
        return value
    return check


backend_value = choice("entities_backend", ENTITY_BACKENDS)
executor_value = choice("executor", EXECUTORS)


def scheduler_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if not re.fullmatch(r"(tcp|tls|inproc|ucx)://\S+", value):
        raise ConfigError(path, _line(node), f"dask_scheduler must be an address such as tcp://10.0.0.5:8786, got {value!r}")
    return value


def spacy_model_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if not _MODEL_NAME.fullmatch(value):
        raise ConfigError(path, _line(node), "spacy_model must name an installed spaCy pipeline "
                                             f"(en_core_web_sm) or be blank:LANG (blank:en), got {value!r}")
    return value


def _names(node: yaml.Node, path: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of names")
    return tuple(text_value(item, path) for item in node.value)


type_value = choice("type", ENTITY_TYPES)


ENTRY_SCHEMA = {
    "name": Field(text_value, "the canonical name", required=True),
    "type": Field(type_value, "person, org, place or group", required=True),
    "aliases": Field(_names, "other spellings of the name"),
    "description": Field(text_value, "a line shown on the entity's page"),
    "link": Field(link_value, "a URL about the entity (Wikipedia, Wikidata)"),
}


def gazetteer_value(node: yaml.Node, path: str) -> Gazetteer:
    values = _check_mapping(node, GAZETTEER_SCHEMA, path)
    return Gazetteer(**values)


def _entries(node: yaml.Node, path: str) -> tuple[GazetteerEntry, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of entries, each with name and type")
    return tuple(GazetteerEntry(**_check_mapping(item, ENTRY_SCHEMA, path)) for item in node.value)


GAZETTEER_SCHEMA = {
    "entries": Field(_entries, "names the recogniser must know: name, type, aliases, description, link"),
    "ignore": Field(_names, "names never to tag"),
}

SCHEMA = {
    "title": Field(text_value, "the site's title, shown on every page", required=True),
    "base_url": Field(base_url_value, "where the site is published, e.g. https://you.github.io/archive/"),
    "language": Field(language_value, "the language code of the articles, e.g. en"),
    "description": Field(text_value, "one line about the archive"),
    "grouping_threshold": Field(threshold_value, "share of text that makes two articles versions of one story"),
    "related_limit": Field(limit_value, "how many related articles each article page lists"),
    "gazetteer": Field(gazetteer_value, "entities the site owner declares (entries, ignore)"),
    "entities_backend": Field(backend_value, "who finds names: rules (built in) or spacy (optional extra)"),
    "spacy_model": Field(spacy_model_value, "the spaCy pipeline of the spacy backend, e.g. en_core_web_sm"),
    "executor": Field(executor_value, "where articles are annotated: local (this machine) or dask (a cluster)"),
    "dask_scheduler": Field(scheduler_value, "the Dask scheduler's address with executor: dask (empty: local cluster)"),
}

