"""The theme: Jinja2 templates and static files, the site's own over the defaults.

A site overrides any default template or static file by giving one of the same
name in its templates/ directory. Every template is compiled when the theme is
loaded, so a syntax error stops the build before anything is written.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

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
    """Compile every template (site's and default) and read every static file."""
    search = [d.resolve() for d in (config.templates_dir, default_templates_dir()) if d.is_dir()]
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in search]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name in sorted(environment.list_templates(filter_func=_is_template)):
        _compile(environment, name)
    return Theme(environment=environment, static=_static_files(search), search=tuple(search))


def _is_template(name: str) -> bool:
    return name.endswith(".html") and not name.startswith("static/")


def _compile(environment: jinja2.Environment, name: str) -> None:
    try:
        environment.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        where = err.name or name
        raise TemplateError(f"templates/{where}", err.lineno or 0, f"{err.message}; fix the template") from err


def _static_files(search: list[Path]) -> dict[str, bytes]:
    """Relative path under static/ -> bytes; the first directory in `search` wins."""
    found: dict[str, bytes] = {}
    for directory in reversed(search):
        static = directory / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file():
                found[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    return dict(sorted(found.items()))


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
