"""content/ -> Article: front matter, Markdown, plain text with its blocks."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .errors import ContentError, ContentWarning
from .markdown import markdown_blocks
from .model import Article
from .scan import read_content_file, scan_content
from .slug import slugify

FIELDS = ("title", "source", "date", "byline", "dateline", "credits", "story", "slug", "lang", "url",
          "retrieved", "imported_from", "rights")


@dataclass(frozen=True, slots=True)
class ReadResult:
    articles: tuple[Article, ...]
    errors: tuple[ContentError, ...]
    warnings: tuple[ContentWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class FrontMatter:
    values: dict[str, Any]
    lines: dict[str, int]
    """Key -> its line in the file, so that an error names the line at fault."""

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def read_articles(content_dir: Path) -> ReadResult:
    """Read every article; a broken one becomes an error, the rest are read."""
    scan = scan_content(content_dir)
    articles, errors = [], list(scan.errors)
    for path in scan.files:
        rel = path.relative_to(content_dir).as_posix()
        try:
            articles.append(read_article(read_content_file(path, rel), rel))
        except ContentError as err:
            errors.append(err)
    return ReadResult(tuple(articles), tuple(errors), scan.warnings)


class _LenientDates:
    """A date-like value that is no date (`2016-13-45`) stays text, so that the field's own
    check names the key and line instead of a crash."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


class _FrontMatterLoader(_LenientDates, yaml.SafeLoader):
    """yaml's safe loader, dates aside."""


class _FastFrontMatterLoader(_LenientDates, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same on libyaml's parser, where PyYAML has it: five times as fast, but with other
    messages, so a front matter it refuses is read again by _FrontMatterLoader for the message.
    It also reads some text the other refuses or reads otherwise (tabs between tokens, a comment
    on a block scalar's `|` line, an empty `!` tag): front matter with a tab, `!`, `|` or `>` is
    left to _FrontMatterLoader, so that a file builds the same wherever libyaml is missing."""


_NOT_FOR_LIBYAML = re.compile(r"[\t!|>]")


for _loader in (_FrontMatterLoader, _FastFrontMatterLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)


def _load_yaml(front: str) -> Any:
    """FRONT read by libyaml where it reads it as the Python parser does; a refusal is worded by
    the Python parser."""
    if not _NOT_FOR_LIBYAML.search(front):
        try:
            return yaml.load(front, Loader=_FastFrontMatterLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(front, Loader=_FrontMatterLoader)


def read_article(data: bytes, rel: str) -> Article:
    """Parse one content file (REL is its path under content/, used in messages and ids)."""
    shown = f"content/{rel}"
    text = _decode(data, shown)
    meta, body = split_front_matter(text, shown)
    title = _text_field(meta, "title", shown, required=True)
    article_id = _article_id(meta, rel, shown)
    plain, blocks = markdown_blocks(title, body)
    return Article(
        id=article_id, path=rel, title=title, text=plain, blocks=blocks,
        source=_text_field(meta, "source", shown), date=_date_field(meta, shown),
        byline=_text_field(meta, "byline", shown), dateline=_text_field(meta, "dateline", shown),
        credits=_text_field(meta, "credits", shown), story=_text_field(meta, "story", shown),
        lang=_text_field(meta, "lang", shown), url=_text_field(meta, "url", shown),
        retrieved=_text_field(meta, "retrieved", shown), imported_from=_text_field(meta, "imported_from", shown),
        rights=_text_field(meta, "rights", shown),
    )


def _decode(data: bytes, shown: str) -> str:
    if b"\0" in data:
        line = data[:data.index(b"\0")].count(b"\n") + 1
        raise ContentError(shown, line, "is a binary file, not Markdown text: remove it from content/")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise ContentError(shown, line, "is not valid UTF-8: save the file as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError(shown, 1, "is empty: write an article or remove the file")
    return text


def split_front_matter(text: str, shown: str) -> tuple[FrontMatter, str]:
    """The YAML block between the opening and closing `---` lines, and the body after it."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError(shown, 1, "has no front matter: start the file with a `---` line, "
                                     "then `title: ...`, then a closing `---` line")
    try:
        # At the start of a line only: an indented `---` belongs to a value quoted over several lines.
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        raise ContentError(shown, 1, "front matter is not closed: add a `---` line after it") from None
    try:
        meta = _load_yaml("\n".join(lines[1:close]))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 2 if mark else 2
        problem = getattr(err, "problem", None) or str(err)
        raise ContentError(shown, line, f"invalid YAML in front matter: {problem}; fix the syntax") from None
    if not isinstance(meta, dict):
        raise ContentError(shown, 2, "front matter must be `key: value` lines")
    key_lines = {str(k): _key_line(lines, close, str(k)) for k in meta}
    unknown = sorted(k for k in key_lines if k not in FIELDS)
    if unknown:
        guess = difflib.get_close_matches(unknown[0], FIELDS, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"known keys: {', '.join(FIELDS)}"
        raise ContentError(shown, key_lines[unknown[0]], f"unknown front-matter key '{unknown[0]}'; {hint}")
    return FrontMatter({str(k): v for k, v in meta.items()}, key_lines), "\n".join(lines[close + 1:])


def _key_line(lines: list[str], close: int, key: str) -> int:
    return next((i + 1 for i in range(1, close) if lines[i].startswith(f"{key}:")), 2)


def _text_field(meta: FrontMatter, key: str, shown: str, required: bool = False) -> str:
    value = meta.values.get(key)
    if value is None:
        if required:
            raise ContentError(shown, 1, f"front matter has no '{key}': add a `{key}: ...` line")
        return ""
    if isinstance(value, (dict, list)):
        kind = "list" if isinstance(value, list) else "mapping"
        raise ContentError(shown, meta.line(key), f"front-matter '{key}' must be text, not a {kind}")
    text = " ".join(str(value).split())
    if required and not text:
        raise ContentError(shown, meta.line(key), f"front-matter '{key}' is empty: give it a value")
    return text


def _date_field(meta: FrontMatter, shown: str) -> str:
    value = meta.values.get("date")
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ContentError(shown, meta.line("date"), f"front-matter 'date' is not a date: {value!r}; "
                                     "write it as 2016-12-04 or 2016-12-04T08:00:00Z") from None


def _article_id(meta: FrontMatter, rel: str, shown: str) -> str:
    slug = meta.values.get("slug")
    if slug is not None:
        if any(part.strip() == ".." for part in str(slug).replace("\\", "/").split("/")):
            raise ContentError(shown, meta.line("slug"), f"front-matter 'slug' {str(slug)!r} would write "
                                                         "outside build/ ('..'): give a plain name such as "
                                                         f"'{slugify(str(slug))}'")
        parts = [slugify(part) for part in str(slug).split("/") if part.strip(" ./")]
        if not parts:
            raise ContentError(shown, meta.line("slug"), "front-matter 'slug' is empty: give it a value")
        return "/".join(parts)
    return "/".join(slugify(part) for part in PurePosixPath(rel).with_suffix("").parts)
