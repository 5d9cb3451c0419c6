"""Which imported articles are new, which are new versions, which are already in content/.

An article whose title and text are already in content/ is not written again.
One whose URL is there with other text is an edit of that article: it is
written as a new file beside the first version, and every version carries the
first version's `story:` key (the first is given one if it had none), so the
edits line up as versions of one story.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.ingest.fetch import clean_url
from generator.ingest.frontmatter import markdown_body, split_front_matter, to_markdown
from generator.ingest.plaintext import WireArticle
from generator.slug import slugify

SLUG_MAX_CHARS = 60


@dataclass(frozen=True, slots=True)
class Imported:
    """What became of one article."""

    path: Path
    """The content file that holds it: written now, or already there."""
    status: str
    """"new", "version" (a changed article at a known URL) or "already" (nothing written)."""
    origin: str
    """Where it was imported from (provenance's imported_from)."""


@dataclass(frozen=True, slots=True)
class Plan:
    results: tuple[Imported, ...]
    writes: Mapping[Path, str]
    """Path -> the whole text to write: new articles, and known ones given a story key."""


@dataclass(frozen=True, slots=True)
class _Known:
    """A content file, as far as deduplication needs it."""

    path: Path
    story: str
    text: str
    """The file's text; empty for an article planned in this run."""


def plan_imports(articles: Sequence[WireArticle], content_dir: Path) -> Plan:
    """Decide, for each article in order, whether and where it is written."""
    by_text, by_url = _read_known(content_dir)
    planned: dict[Path, WireArticle] = {}
    stories: dict[Path, str] = {}  # files already in content/ to be given a story key
    results = []
    for article in articles:
        fingerprint = _fingerprint(article.title, markdown_body(article))
        if fingerprint in by_text:
            results.append(Imported(by_text[fingerprint], "already", article.imported_from))
            continue
        url = clean_url(article.url)
        versions = by_url.get(url, []) if url else []
        if versions:
            first = versions[0]
            story = first.story or article.story or slugify(first.path.stem)
            for known in versions:
                if known.path in planned:
                    planned[known.path] = replace(planned[known.path], story=story)
                elif not known.story:
                    stories[known.path] = story
            versions = [replace(known, story=story) for known in versions]
            article = replace(article, story=story)
            target = _free_path(first.path.parent, first.path.stem, planned)
        else:
            target = _free_path(content_dir, article_slug(article.title), planned)
        planned[target] = article
        by_text[fingerprint] = target
        if url:
            by_url[url] = [*versions, _Known(target, article.story, "")]
        results.append(Imported(target, "version" if versions else "new", article.imported_from))
    writes = {path: to_markdown(article) for path, article in planned.items()}
    for known in (k for found in by_url.values() for k in found if k.path in stories):
        writes[known.path] = with_story(known.text, stories[known.path])
    return Plan(tuple(results), writes)


def article_slug(title: str) -> str:
    """The title's slug, cut at a dash to at most SLUG_MAX_CHARS characters."""
    slug = slugify(title)
    if len(slug) <= SLUG_MAX_CHARS:
        return slug
    cut = slug.rfind("-", 0, SLUG_MAX_CHARS + 1)
    return slug[:cut] if cut > 0 else slug[:SLUG_MAX_CHARS]


def with_story(text: str, story: str) -> str:
    """A content file's text with `story: KEY` added as the last line of its front matter."""
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    entry = yaml.safe_dump({"story": story}, allow_unicode=True, width=1_000_000).rstrip("\n")
    return "\n".join([*lines[:close], entry, *lines[close:]])


def _read_known(content_dir: Path) -> tuple[dict[str, Path], dict[str, list[_Known]]]:
    """Fingerprint -> the first file with that title and text; URL -> its files, in path order."""
    by_text: dict[str, Path] = {}
    by_url: dict[str, list[_Known]] = {}
    if not content_dir.is_dir():
        return by_text, by_url
    for path in sorted(content_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        front, body = split_front_matter(text)
        try:
            meta = yaml.safe_load(front) if front else {}
        except yaml.YAMLError:
            meta = {}  # the build reports a broken front matter; here only its text counts
        meta = meta if isinstance(meta, dict) else {}
        by_text.setdefault(_fingerprint(str(meta.get("title", "")), body), path)
        url = clean_url(str(meta.get("url") or ""))
        if url:
            by_url.setdefault(url, []).append(_Known(path, str(meta.get("story") or ""), text))
    return by_text, by_url


def _fingerprint(title: str, body: str) -> str:
    """Title and body with their spacing evened out: what "the same text" means."""
    text = " ".join(title.split()) + "\n" + " ".join(body.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _free_path(folder: Path, slug: str, planned: Mapping[Path, object]) -> Path:
    """folder/<slug>.md, or <slug>-2.md, -3 ... when a different article has it."""
    candidate = folder / f"{slug}.md"
    suffix = 2
    while candidate.exists() or candidate in planned:
        candidate = folder / f"{slug}-{suffix}.md"
        suffix += 1
    return candidate
