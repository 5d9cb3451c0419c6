"""Article pages: the highlighted text, its story's other versions, related coverage."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from urllib.parse import urlparse

from markupsafe import Markup

from generator import urls
from generator.archive.align_reuse import paragraph_reuse
from generator.highlight import Span, highlight
from generator.model import ENTITY_TYPES, QUALIFIERS, Alignment, Article, Block, Story
from generator.page_memo import PageMemo
from generator.render_context import Lookup, page
from generator.render_spans import article_spans, disputed_figures
from generator.theme import Theme
from generator.write import Kept


@dataclass(frozen=True, slots=True)
class BodyBlock:
    """A run of the body as the template writes it: `tag` around each of `parts`."""

    tag: str
    """"p", "h2".."h6", "blockquote", "ul" (parts are its items) or "pre"."""
    parts: tuple[Markup, ...]
    reuse: int | None = None
    """Percentage of the block's words taken from the story's original; None on the original."""

    @property
    def reuse_band(self) -> str:
        """"most", "part" or "little" of the block is from the original."""
        if self.reuse is None:
            return ""
        return "most" if self.reuse >= 80 else "part" if self.reuse >= 30 else "little"


def render_articles(lookup: Lookup, theme: Theme, share: tuple[int, int] = (0, 1),
                    memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """Every article page, a story's versions together; with SHARE (k, n), only every n-th
    story (or article in none) from the k-th; with MEMO, a story's pages are not rendered again
    when nothing they show has changed."""
    pages: dict[str, bytes | Kept] = {}
    part, parts = share
    in_story = set(lookup.story_of)
    groups = [*(story.articles for story in lookup.site.stories),
              *((article.id,) for article in lookup.site.articles if article.id not in in_story)]
    for group in groups[part::parts]:
        render = functools.partial(group_pages, lookup, theme, group)
        pages.update(memo.pages(article_inputs(lookup, group), render) if memo else render())
    return pages


def group_pages(lookup: Lookup, theme: Theme, group: tuple[str, ...]) -> dict[str, bytes]:
    story = lookup.story_of.get(group[0])
    reuse = block_reuse(lookup, story) if story else {}
    pages = {}
    for article in (lookup.articles[article_id] for article_id in group):
        page_path = urls.article_path(article.id)
        context = article_context(lookup, article, reuse.get(article.id, ()))
        pages[urls.output_file(page_path)] = page(theme, "article.html", lookup.config, article.lang,
                                                  page_path=page_path, page_title=article.title, **context)
    return pages


def article_inputs(lookup: Lookup, group: tuple[str, ...]) -> list[object]:
    """All that the pages of GROUP (a story's versions, or one article) read but the
    configuration and the templates: each article, its annotation and resolved mentions and
    their entities' names (an entity's other fields list every article that names it: they are
    not shown here, and change with every edit that names it), the story, its alignments and
    disagreements, the related articles."""
    story = lookup.story_of.get(group[0])
    site = lookup.site
    found: list[object] = [story, site.discrepancies.get(story.id) if story else None]
    for article_id in group:
        mentions = site.entities.mentions.get(article_id, ())
        related = site.related.get(article_id, ())  # the related articles, not their scores (not shown)
        found += [lookup.fingerprint(article_id), lookup.mentions_digest(article_id),
                  [entity.name for entity in map(lookup.entities.get, sorted({m.entity for m in mentions})) if entity],
                  [lookup.summary(r.article) for r in related if r.article in lookup.articles],
                  [(other, lookup.source(other), lookup.version_number(other), lookup.links_digest(article_id, other))
                   for other in lookup.aligned_with.get(article_id, ())]]  # (a correction may link another story)
    return found


def block_reuse(lookup: Lookup, story: Story) -> dict[str, tuple[float, ...]]:
    """Article id -> for each of its blocks, the share of words from its story's original."""
    if len(story.articles) < 2 or any(a not in lookup.site.annotations for a in story.articles):
        return {}
    alignments = [Alignment(a, other, lookup.links[(a, other)])
                  for a in story.articles for other in lookup.aligned_with.get(a, ())]
    return paragraph_reuse(story, alignments, lookup.articles, lookup.site.annotations)


def article_context(lookup: Lookup, article: Article, reuse: tuple[float, ...] = ()) -> dict[str, object]:
    spans = article_spans(lookup, article)
    headline, body = render_body(article, spans, reuse)
    return {
        "article": article,
        "headline": headline,
        "body": body,
        "story": story_nav(lookup, article.id),
        "disputes": dispute_list(lookup, article.id),
        "related": [
            lookup.summary(r.article)  # not the score: it moves with every edit anywhere (see article_inputs)
            for r in lookup.site.related.get(article.id, ()) if r.article in lookup.articles
        ],
        "provenance": article.url if urlparse(article.url).scheme in ("http", "https") else "",
        "reuse_shown": bool(reuse),
        "entity_types": ENTITY_TYPES,
        "qualifiers": QUALIFIERS,
    }


def render_body(article: Article, spans: list[Span],
                reuse: tuple[float, ...] = ()) -> tuple[Markup, tuple[BodyBlock, ...]]:
    """The headline (the title block, else the title) and the body blocks, highlighted."""
    headline = Markup("")
    blocks: list[BodyBlock] = []
    by_block = spans_by_block(spans, article.blocks)
    for index, block in enumerate(article.blocks):
        html = highlight(article.text[block.start:block.end], by_block[index], offset=block.start)
        if block.kind == "title":
            headline = html
            continue
        tag = _tag(block)
        if tag == "ul" and blocks and blocks[-1].tag == "ul":
            blocks[-1] = BodyBlock("ul", (*blocks[-1].parts, html))
        else:
            share = round(reuse[index] * 100) if index < len(reuse) else None
            blocks.append(BodyBlock(tag, (html,), share))
    if not headline:
        headline = highlight(article.title, [])
    return headline, tuple(blocks)


def spans_by_block(spans: list[Span], blocks: tuple[Block, ...]) -> list[list[Span]]:
    """For each block, the spans that overlap it, in their given order (found by bisection:
    a 10 MB article has tens of thousands of blocks and spans)."""
    starts = [block.start for block in blocks]
    found: list[list[Span]] = [[] for _ in blocks]
    for span in spans:
        first = max(bisect.bisect_right(starts, span.start) - 1, 0)
        for index in range(first, bisect.bisect_left(starts, span.end)):
            if span.start < blocks[index].end and blocks[index].start < span.end:
                found[index].append(span)
    return found


def _tag(block: Block) -> str:
    if block.kind == "heading":
        return f"h{min(max(block.level, 2), 6)}"
    return {"quote": "blockquote", "item": "ul", "code": "pre"}.get(block.kind, "p")


def story_nav(lookup: Lookup, article_id: str) -> dict[str, object] | None:
    """The story this version belongs to, with the versions before and after it."""
    story = lookup.story_of.get(article_id)
    if story is None or len(story.articles) < 2:
        return None
    index = story.articles.index(article_id)
    return {
        "id": story.id,
        "url": lookup.url(urls.story_path(story.id)),
        "number": index + 1,
        "count": len(story.articles),
        "original": story.original == article_id,
        "previous": lookup.summary(story.articles[index - 1]) if index > 0 else None,
        "next": lookup.summary(story.articles[index + 1]) if index + 1 < len(story.articles) else None,
    }


def dispute_list(lookup: Lookup, article_id: str) -> list[dict[str, object]]:
    """The figures of this version that other versions give differently, with links to theirs."""
    found = []
    for (sentence, text), others in sorted(disputed_figures(lookup, article_id).items()):
        found.append({
            "text": text,
            "sentence": sentence,
            "others": [
                {"source": lookup.source(m.article), "text": m.text,
                 "url": f"{lookup.url(urls.article_path(m.article))}#{m.sentence}"}
                for m in others
            ],
        })
    return found
