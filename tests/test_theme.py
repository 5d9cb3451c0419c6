"""load_theme: the site's templates and static files over the defaults; syntax errors up front."""
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.errors import TemplateError
from generator.theme import default_templates_dir, load_theme


def config(root: Path) -> SiteConfig:
    return SiteConfig(root=root, title="Archive")


def test_the_default_theme_is_the_repositorys_templates():
    assert (default_templates_dir() / "base.html").is_file()


def test_default_templates_and_static_files_load(tmp_path):
    theme = load_theme(config(tmp_path))
    assert "static/style.css" in theme.static
    assert b"prefers-color-scheme: dark" in theme.static["static/style.css"]
    assert theme.environment.autoescape is True


def test_a_site_template_overrides_the_default_by_name(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>Mine: {{ stories | length }}</p>{% endblock %}')
    theme = load_theme(config(tmp_path))
    out = theme.render("index.html", site=config(tmp_path), base="/", lang="en", stories=[])
    assert "<p>Mine: 0</p>" in out
    assert '<link rel="stylesheet" href="/static/style.css">' in out


def test_a_site_static_file_overrides_the_default_and_adds_its_own(tmp_path):
    static = tmp_path / "templates" / "static"
    (static / "img").mkdir(parents=True)
    (static / "style.css").write_bytes(b"body{}")
    (static / "img" / "logo.svg").write_bytes(b"<svg/>")
    theme = load_theme(config(tmp_path))
    assert theme.static["static/style.css"] == b"body{}"
    assert theme.static["static/img/logo.svg"] == b"<svg/>"
    assert list(theme.static) == sorted(theme.static)


def test_a_syntax_error_names_the_template_and_its_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "entity.html").write_text("<h1>\n{{ entity.name }}\n{% if x %}\n<p>\n")
    with pytest.raises(TemplateError) as caught:
        load_theme(config(tmp_path))
    error = caught.value
    assert (error.path, error.line) == ("templates/entity.html", 4)
    assert str(error).startswith("templates/entity.html:4: Unexpected end of template.")
    assert str(error).endswith("; fix the template")


def test_an_undefined_variable_is_an_error_naming_the_line(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text("<p>\n{{ nothing.here }}</p>\n")
    theme = load_theme(config(tmp_path))
    with pytest.raises(TemplateError) as caught:
        theme.render("index.html", site=config(tmp_path), base="/", lang="en")
    assert (caught.value.path, caught.value.line) == ("templates/index.html", 2)
    assert "'nothing' is undefined" in caught.value.message


def test_linked_folders_of_templates_and_static_files_are_read(tmp_path):
    shared = tmp_path / "shared"
    (shared / "static").mkdir(parents=True)
    (shared / "static" / "style.css").write_bytes(b"body{color:red}")
    (shared / "parts").mkdir()
    (shared / "parts" / "a.html").write_text("<b>{{ 1 }}</b>")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "static").symlink_to(shared / "static")
    (tmp_path / "templates" / "parts").symlink_to(shared / "parts")
    (shared / "parts" / "loop").symlink_to(shared / "parts")  # a link back up is read once
    (tmp_path / "templates" / "one.html").write_text('{% include "parts/a.html" %}|{% include "./parts/a.html" %}')
    theme = load_theme(config(tmp_path))
    assert theme.static["static/style.css"] == b"body{color:red}"
    assert theme.render("one.html") == "<b>1</b>|<b>1</b>"


def test_a_missing_template_names_where_it_was_looked_for(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "one.html").write_text('x\n{% include "nope.html" %}')
    with pytest.raises(TemplateError) as caught:
        load_theme(config(tmp_path)).render("one.html")
    assert "'nope.html' not found in search paths: " in str(caught.value)
    assert str(tmp_path / "templates") in str(caught.value) and caught.value.line == 2


def test_a_dangling_link_among_the_templates_is_not_a_template(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / ".#index.html").symlink_to(tmp_path / "nowhere")  # an editor's lock file
    theme = load_theme(config(tmp_path))  # not read: reading it would fail the build
    assert "static/style.css" in theme.static and theme.environment.get_template("base.html")
