"""The theme: Jinja2 templates and static files, the site's own over the defaults.

A site overrides any default template or static file by giving one of the same
name in its templates/ directory. Every template is compiled when the theme is
loaded, so a syntax error stops the build before anything is written; the files are
read once then, and the pages render from what was read (a template saved while a
build runs is the next build's), which `digest` identifies.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

import generator
from generator.config import SiteConfig
from generator.errors import TemplateError


@dataclass(frozen=True, slots=True)
class Theme:
    """The compiled templates and the static files of one build."""

    environment: jinja2.Environment
    """Loads from the site's templates/ first, then the default theme."""
    static: Mapping[str, bytes]
    """Output path ("static/style.css") -> file content."""
    search: tuple[Path, ...]
    """The template directories, the site's first."""
    digest: str
    """Of every file the theme read (name and bytes): what the pages rendered with it depend on."""

    def render(self, name: str, **context: object) -> str:
        """Render template `name`; a runtime error becomes a TemplateError naming its line."""
        try:
            return self.environment.get_template(name).render(**context)
        except jinja2.TemplateError as err:
            where, line = _where(err, name, self.search)
            raise TemplateError(where, line, f"{err}; fix the template") from err


def default_templates_dir() -> Path:
    """The default theme: inside the installed package, else the repository's templates/."""
    package = Path(generator.__file__).parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def load_theme(config: SiteConfig) -> Theme:
    """Read and compile every template (site's and default) and read every static file."""
    search = [d.resolve() for d in (config.templates_dir, default_templates_dir()) if d.is_dir()]
    files = _theme_files(search)
    environment = jinja2.Environment(
        loader=_ReadOnce(files, search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    for name in sorted(filter(_is_template, files)):
        _compile(environment, name)
    digest = hashlib.sha256()
    for name, (_, data) in files.items():
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    static = {name: data for name, (_, data) in files.items() if name.startswith("static/")}
    return Theme(environment=environment, static=static, search=tuple(search), digest=digest.hexdigest())


def _theme_files(search: list[Path]) -> dict[str, tuple[Path, bytes]]:
    """Name under templates/ -> (its file, its bytes), for every file of the theme, sorted; the
    first directory in SEARCH wins. Linked folders are followed (each real folder once)."""
    found: dict[str, tuple[Path, bytes]] = {}
    for directory in reversed(search):
        seen: set[str] = set()
        for folder, dirs, names in os.walk(directory, followlinks=True):
            if os.path.realpath(folder) in seen:
                dirs[:] = []
                continue
            seen.add(os.path.realpath(folder))
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in names:
                path = Path(folder, name)
                if path.is_file():  # not a dangling link (an editor's lock file, ".#index.html")
                    found[path.relative_to(directory).as_posix()] = (path, path.read_bytes())
    return dict(sorted(found.items()))


class _ReadOnce(jinja2.BaseLoader):
    """Templates from FILES (read when the theme loaded), as Jinja's file loader would find them."""

    def __init__(self, files: Mapping[str, tuple[Path, bytes]], search: list[Path]) -> None:
        self.files = files
        self.search = search

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        name = "/".join(split_template_path(template))  # "./a.html" is "a.html"; ".." is refused
        if name not in self.files:
            folders = ", ".join(repr(str(folder)) for folder in self.search)
            raise jinja2.TemplateNotFound(template, f"{template!r} not found in search paths: {folders}")
        path, data = self.files[name]
        return data.decode("utf-8"), str(path), lambda: True


def _is_template(name: str) -> bool:
    return name.endswith(".html") and not name.startswith("static/")


def _compile(environment: jinja2.Environment, name: str) -> None:
    try:
        environment.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        where = err.name or name
        raise TemplateError(f"templates/{where}", err.lineno or 0, f"{err.message}; fix the template") from err


def _where(err: jinja2.TemplateError, name: str, search: tuple[Path, ...]) -> tuple[str, int]:
    """The template and line a runtime error happened in, from Jinja's rewritten traceback."""
    where, line = f"templates/{name}", 0
    traceback = err.__traceback__
    while traceback is not None:
        filename = Path(traceback.tb_frame.f_code.co_filename)
        for directory in search:
            if filename.is_relative_to(directory):
                where, line = f"templates/{filename.relative_to(directory).as_posix()}", traceback.tb_lineno
        traceback = traceback.tb_next
    return where, line
