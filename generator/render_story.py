"""The home page (stories, newest first) and story pages (versions, reuse, disagreements)."""
from __future__ import annotations

import functools
from collections import defaultdict

from generator import urls
from generator.annotate.numbers_about import figure_about
from generator.model import Discrepancy, Story
from generator.page_memo import PageMemo
from generator.render_context import Lookup, breadcrumbs, has_host, memo_page, page
from generator.render_lists import STORIES_PER_PAGE, ListPage, paginate, pagination
from generator.render_spans import figure_title
from generator.theme import Theme
from generator.write import Kept


def render_home(lookup: Lookup, theme: Theme, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """The stories, newest first, at most STORIES_PER_PAGE to a page: index.html, page/2/, ...;
    with MEMO, a page is not rendered again when what it lists has not changed."""
    pages: dict[str, bytes | Kept] = {}
    for listing in home_listings(lookup):
        pages.update(memo_page(memo, theme, "index.html", lookup.config, listing.path,
                               page_title=listing.title(lookup.config.title), stories=listing.items,
                               pagination=pagination(lookup, listing)))
    return pages


def home_listings(lookup: Lookup) -> tuple[ListPage, ...]:
    return paginate(home_entries(lookup), STORIES_PER_PAGE, urls.HOME)


def home_entries(lookup: Lookup) -> list[dict[str, object]]:
    """Every story, and every article in none as a story of one, newest first."""
    entries = [_story_entry(lookup, story) for story in lookup.site.stories if story.articles]
    entries += [
        _story_entry(lookup, Story(article.id, (article.id,), article.id))
        for article in lookup.site.articles if article.id not in lookup.story_of
    ]
    entries.sort(key=lambda e: e["id"])
    entries.sort(key=lambda e: e["date"], reverse=True)
    return entries


def _story_entry(lookup: Lookup, story: Story) -> dict[str, object]:
    versions = [lookup.articles[a] for a in story.articles if a in lookup.articles]
    original = lookup.articles.get(story.original, versions[0])
    single = len(versions) == 1
    return {
        "id": story.id,
        "title": original.title,
        "url": lookup.url(urls.article_path(original.id) if single else urls.story_path(story.id)),
        "sources": list(dict.fromkeys(v.source for v in versions if v.source)),
        "date": max((v.date for v in versions), default=""),
        "versions": len(versions),
    }


def render_stories(lookup: Lookup, theme: Theme, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """The page of every story of two versions or more; with MEMO, a story's page is not
    rendered again when nothing it shows has changed."""
    pages: dict[str, bytes | Kept] = {}
    for story in lookup.site.stories:
        if len(story.articles) < 2:
            continue
        render = functools.partial(story_page, lookup, theme, story)
        pages.update(memo.pages(story_inputs(lookup, story), render) if memo else render())
    return pages


def story_page(lookup: Lookup, theme: Theme, story: Story) -> dict[str, bytes]:
    path = urls.story_path(story.id)
    return {urls.output_file(path): page(theme, "story.html", lookup.config, page_path=path,
                                         page_title=lookup.articles[story.original].title,
                                         **story_context(lookup, story))}


def story_inputs(lookup: Lookup, story: Story) -> list[object]:
    """All that a story's page reads but the configuration and the templates: the story, each
    version's fingerprint (its text, front matter and figures) and its share from the original,
    the story's disagreements, and the alignments of each version (which of its sentences
    another version has; a correction may link a version of another story)."""
    return [story, lookup.site.discrepancies.get(story.id), lookup.site.reuse.get(story.id),
            *((lookup.fingerprint(a), [(other, lookup.links_digest(a, other), lookup.links_digest(other, a))
                                       for other in lookup.aligned_with.get(a, ())])
              for a in story.articles)]


def story_context(lookup: Lookup, story: Story) -> dict[str, object]:
    discrepancies = lookup.site.discrepancies.get(story.id, ())
    original = lookup.articles[story.original]
    return {
        "story": story,
        "title": original.title,
        "breadcrumbs": breadcrumbs(lookup, (original.title, urls.story_path(story.id))),
        "story_feed_url": lookup.url(urls.story_feed_path(story.id)) if has_host(lookup.config) else None,
        "versions": [_version(lookup, story, a) for a in story.articles],
        "compares": [
            {"a": lookup.summary(a), "b": lookup.summary(b), "url": lookup.url(urls.compare_path(story.id, a, b))}
            for a, b in compare_pairs(story)
        ],
        "figures": figures_table(lookup, story, discrepancies),
        "disagreements": [_discrepancy(lookup, d) for d in discrepancies
                          if d.kind == "figure" and d.status != "dismissed"],
        "dismissed": [_discrepancy(lookup, d) for d in discrepancies if d.status == "dismissed"],
        "spellings": [_discrepancy(lookup, d) for d in discrepancies if d.kind == "spelling"],
        "only_in": [_discrepancy(lookup, d) for d in discrepancies if d.kind == "only-in"],
        "new_passages": new_passages(lookup, story),
    }


def compare_pairs(story: Story) -> list[tuple[str, str]]:
    """Every pair of versions once, the original's first and on the left; the others in the story's
    order, the earlier on the left. (A compare page swaps its sides in the browser.)"""
    order = sorted(story.articles, key=lambda article: article != story.original)
    return [(a, b) for i, a in enumerate(order) for b in order[i + 1:]]


def _version(lookup: Lookup, story: Story, article_id: str) -> dict[str, object]:
    reuse = lookup.site.reuse.get(story.id, {}).get(article_id)
    return {
        **lookup.summary(article_id),
        "number": story.articles.index(article_id) + 1,
        "original": article_id == story.original,
        "reuse_words": round(reuse.words * 100) if reuse else None,
        "reuse_sentences": round(reuse.sentences * 100) if reuse else None,
        "compare_url": (None if article_id == story.original
                        else lookup.url(urls.compare_path(story.id, story.original, article_id))),
    }


def _discrepancy(lookup: Lookup, discrepancy: Discrepancy) -> dict[str, object]:
    return {
        "about": discrepancy.about,
        "status": discrepancy.status,
        "note": discrepancy.note,
        "mentions": [
            {"source": lookup.source(m.article), "text": m.text, "qualifier": m.qualifier,
             "url": lookup.url(urls.article_path(m.article)) + (f"#{m.sentence}" if m.sentence else "")}
            for m in discrepancy.mentions
        ],
    }


def figures_table(lookup: Lookup, story: Story, discrepancies: tuple[Discrepancy, ...]) -> list[dict[str, object]]:
    """Rows of figures by what they count; a cell per version; rows the versions dispute marked."""
    flagged = [d for d in discrepancies if d.kind == "figure" and d.status != "dismissed"]
    disputed = {(m.article, m.text) for d in flagged for m in d.mentions}
    abouts = {d.about for d in flagged}
    rows: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for article_id in story.articles:
        annotation = lookup.site.annotations.get(article_id)
        article = lookup.articles[article_id]
        for figure in annotation.figures if annotation else ():
            about = figure_about(article.text, figure) or figure.text
            rows[about][article_id].append({"text": figure.text, "title": figure_title(figure),
                                            "disputed": (article_id, figure.text) in disputed})
    table = []
    for about, cells in sorted(rows.items()):
        marked = about in abouts or any(f["disputed"] for figures in cells.values() for f in figures)
        table.append({"about": about, "disputed": marked,
                      "cells": [cells.get(article_id, []) for article_id in story.articles]})
    return table


def new_passages(lookup: Lookup, story: Story) -> list[dict[str, object]]:
    """Per version, its sentences that no other version has (no alignment link)."""
    found = []
    for article_id in story.articles:
        linked = linked_sentences(lookup, article_id)
        article = lookup.articles[article_id]
        base = lookup.url(urls.article_path(article_id))
        sentences = [
            {"id": s.id, "text": article.text[s.start:s.end], "url": f"{base}#{s.id}"}
            for s in lookup.sentences(article_id) if s.id not in linked
        ]
        if sentences:
            found.append({"source": lookup.source(article_id), "original": article_id == story.original,
                          "sentences": sentences})
    return found


def linked_sentences(lookup: Lookup, article_id: str) -> set[str]:
    """Sentences of the article aligned with a sentence of another version, either direction."""
    linked = set()
    for other in lookup.aligned_with.get(article_id, ()):
        linked.update(link.sentence for link in lookup.links[(article_id, other)])
        linked.update(link.other_sentence for link in lookup.links.get((other, article_id), ()))
    return linked
