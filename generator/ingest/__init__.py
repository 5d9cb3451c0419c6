"""Import raw articles into content/: one Markdown file with front matter each."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from generator.errors import ContentError
from generator.ingest.frontmatter import markdown_body, split_front_matter, to_markdown
from generator.ingest.plaintext import WireArticle, parse_wire_text
from generator.slug import slugify

__all__ = ["WireArticle", "import_files", "parse_wire_text", "read_wire_file", "to_markdown"]

SLUG_MAX_CHARS = 60


def import_files(
    paths: Sequence[Path],
    content_dir: Path,
    *,
    title: str = "",
    source: str = "",
    date: str = "",
    story: str = "",
) -> tuple[Path, ...]:
    """Write each raw article to content_dir/<slug>.md; return the paths, in order.

    An article whose body is already in content_dir is not written again: its
    existing path is returned. Nothing is written unless every file imports.
    """
    _check_arguments(paths, title=title, date=date)
    articles = _parse_all(paths, title=title, source=source, date=date, story=story)
    path_of_body = _existing_bodies(content_dir)
    planned: dict[Path, str] = {}
    result = []
    for article in articles:
        body = markdown_body(article)
        if body not in path_of_body:
            target = _free_path(content_dir, article_slug(article.title), planned)
            planned[target] = to_markdown(article)
            path_of_body[body] = target
        result.append(path_of_body[body])
    if planned:
        content_dir.mkdir(parents=True, exist_ok=True)
    for target, text in planned.items():
        target.write_text(text, encoding="utf-8", newline="\n")
    return tuple(result)


def read_wire_file(path: Path) -> str:
    """The file's text; ContentError if it is empty, binary or not UTF-8."""
    data = path.read_bytes()
    if b"\0" in data:
        raise ContentError(
            str(path), 0, "the file holds NUL bytes, so it is not plain text "
            "(a PDF, a word-processor or a UTF-16 file?); "
            "save the article as plain UTF-8 text and import that"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            str(path), 0, "the file is not UTF-8 text "
            f"(byte 0x{data[error.start]:02x} on line {line}); convert it to UTF-8 "
            "(for example `iconv -f windows-1252 -t utf-8`) and import it again"
        ) from None
    if not text.lstrip("\ufeff").strip():
        raise ContentError(
            str(path), 0, "the file is empty: there is no article to import; "
            "check that it was saved whole"
        )
    return text


def article_slug(title: str) -> str:
    """The title's slug, cut at a dash to at most SLUG_MAX_CHARS characters."""
    slug = slugify(title)
    if len(slug) <= SLUG_MAX_CHARS:
        return slug
    cut = slug.rfind("-", 0, SLUG_MAX_CHARS + 1)
    return slug[:cut] if cut > 0 else slug[:SLUG_MAX_CHARS]


def _check_arguments(paths: Sequence[Path], *, title: str, date: str) -> None:
    """Arguments that apply to every file must make sense before any is read."""
    if title and len(paths) > 1:
        raise ContentError(
            str(paths[1]), 0, f"--title names one article but {len(paths)} files were given; "
            "import each file with its own --title, "
            "or leave --title out to use each file's headline"
        )
    if date and paths:
        try:
            datetime.fromisoformat(date)
        except ValueError:
            raise ContentError(
                str(paths[0]), 0, f"--date {date!r} is not an ISO 8601 date; give it as YYYY-MM-DD"
            ) from None


def _parse_all(paths: Sequence[Path], **arguments: str) -> list[WireArticle]:
    """Every file parsed; all their errors reported together, on the first one."""
    articles: list[WireArticle] = []
    errors: list[ContentError] = []
    for path in paths:
        try:
            article = parse_wire_text(read_wire_file(path), **arguments)
        except ContentError as error:
            errors.append(error)
            continue
        if not article.body:
            errors.append(ContentError(
                str(path), 0, "the file has a headline or credits but no article text; "
                "check that the whole article was saved"
            ))
        articles.append(article)
    if errors:
        for other in errors[1:]:
            errors[0].add_note(str(other))
        raise errors[0]
    return articles


def _existing_bodies(content_dir: Path) -> dict[str, Path]:
    """Markdown body -> the content file that holds it (the first in path order)."""
    bodies: dict[str, Path] = {}
    if not content_dir.is_dir():
        return bodies
    for path in sorted(content_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        bodies.setdefault(split_front_matter(text)[1].strip(), path)
    return bodies


def _free_path(content_dir: Path, slug: str, planned: dict[Path, str]) -> Path:
    """content_dir/<slug>.md, or <slug>-2.md, -3 ... when a different article has it."""
    candidate = content_dir / f"{slug}.md"
    suffix = 2
    while candidate.exists() or candidate in planned:
        candidate = content_dir / f"{slug}-{suffix}.md"
        suffix += 1
    return candidate
