"""Import articles into content/: one Markdown file with front matter each.

Sources are files, folders and URLs: news pages (HTML), RSS and Atom feeds,
JSON lines and CSV exports, plain wire text. The stages: expand folders ->
load each source -> parse it into articles with their provenance -> apply
the command line's overrides -> plan (new, new version, already there) ->
write. Nothing is written unless every source imports.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator.errors import ContentError
from generator.ingest.fetch import fetch_url
from generator.ingest.frontmatter import to_markdown
from generator.ingest.pagemeta import normalise_lang
from generator.ingest.parse import parse_payload
from generator.ingest.plaintext import WireArticle, parse_wire_text
from generator.ingest.plan import Imported, plan_imports
from generator.ingest.sources import Fetcher, expand, load
from generator.ingest.table import parse_mapping

__all__ = ["Imported", "WireArticle", "import_files", "parse_wire_text", "to_markdown"]


def import_files(
    sources: Sequence[str | Path],
    content_dir: Path,
    *,
    title: str = "",
    source: str = "",
    date: str = "",
    story: str = "",
    lang: str = "",
    mapping: str = "",
    follow: bool = True,
    fetch: Fetcher = fetch_url,
    now: datetime | None = None,
) -> tuple[Imported, ...]:
    """Import every article the sources hold; return what became of each, in order.

    `title` and `story` replace what a source says, `source` (the outlet)
    too; `date` and `lang` fill in for a source that says nothing. `mapping`
    is the `--map` of a table; `follow` reads the page of a feed entry that
    carries only a summary. `now` is the retrieval time recorded (default:
    the clock).
    """
    given = [str(one) for one in sources]
    columns = parse_mapping(mapping)
    _check_arguments(given, title=title, date=date)
    retrieved = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles = _parse_all(expand(given), retrieved=retrieved, fetch=fetch, follow=follow,
                          mapping=columns, title=title, source=source, date=date, story=story)
    if title and len(articles) > 1:
        raise ContentError(given[0], 0, f"--title names one article but the source holds {len(articles)}; "
                                        "leave --title out to use each article's headline")
    overrides = {"title": title, "source": source, "story": story}
    articles = [_with_arguments(article, overrides, date=date, lang=lang) for article in articles]
    plan = plan_imports(articles, content_dir)
    if plan.writes:
        content_dir.mkdir(parents=True, exist_ok=True)
    for target, text in plan.writes.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return plan.results


def _check_arguments(sources: Sequence[str], *, title: str, date: str) -> None:
    """Arguments that apply to every source must make sense before any is read."""
    if title and len(sources) > 1:
        raise ContentError(
            sources[1], 0, f"--title names one article but {len(sources)} files were given; "
            "import each file with its own --title, "
            "or leave --title out to use each file's headline"
        )
    if date and sources:
        try:
            datetime.fromisoformat(date)
        except ValueError:
            raise ContentError(
                sources[0], 0, f"--date {date!r} is not an ISO 8601 date; give it as YYYY-MM-DD"
            ) from None


def _parse_all(sources: Sequence[str], **arguments) -> list[WireArticle]:
    """Every source loaded and parsed; all their errors reported together, on the first one."""
    articles: list[WireArticle] = []
    errors: list[ContentError] = []
    for source in sources:
        try:
            articles += parse_payload(load(source, arguments["fetch"]), **arguments)
        except ContentError as error:
            errors.append(error)
    if errors:
        for other in errors[1:]:
            errors[0].add_note(str(other))
        raise errors[0]
    return articles


def _with_arguments(article: WireArticle, overrides: dict[str, str], *, date: str, lang: str) -> WireArticle:
    """The command line's title, outlet and story instead of the source's; its date and language
    where the source gives none."""
    changes = {key: value for key, value in overrides.items() if value}
    if date and not article.date:
        changes["date"] = date
    if lang and not article.lang:
        changes["lang"] = normalise_lang(lang)
    return replace(article, **changes) if changes else article
