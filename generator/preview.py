"""Previews for `build --serve`: the pages of an edited article, made in about a second against
the last build, shown while the whole site is built again.

At 10,000 articles a rebuild after one edit takes half a minute, most of it work over the whole
archive (entities, stories, related coverage, the search index). Like Hugo's fast render mode,
the server first shows the pages the edit is about: the article read and annotated again, its
story's versions aligned and compared again (the story's page, its versions' and their compare
pages), each name linked to the entity the last build gave the same spelling (in that article,
else its story, else anywhere). The rest is the last build's: a name new to the archive stays
plain, related coverage and the lists are as they were, and an edit that would make an article
a version of another story shows it where it was, until the rebuild. What a preview cannot show
as the rebuild will is left to the rebuild: a new or removed file, site.yaml, corrections.yaml,
a template, an edit that moves an article out of its story or changes its place there (its
story key, date or outlet, or its text where its story is grouped by text), and an article whose
mentions a correction picks out one by one.
"""
from __future__ import annotations

import dataclasses
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator import diskcache
from generator.annotate import Recogniser, annotate, entities_lexicon, entity_recogniser
from generator.archive.entities_gazetteer import (
    GazetteerIndex,
    apply_gazetteer,
    index_gazetteer,
)
from generator.archive.stories import still_one_group, text_boilerplate
from generator.config import SiteConfig
from generator.corrections import Corrections, apply_to_annotations, load_corrections
from generator.errors import ContentError
from generator.fingerprint import code_fingerprint
from generator.model import Annotation, Article, EntityMention, EntityTable, Site
from generator.perarticle import (
    CACHE_DIR,
    LEXICON_DIR,
    cache_key,
    prepare,
    read_and_annotate,
)
from generator.pipeline import archive, compare_stories
from generator.render_article import group_pages
from generator.render_compare import WordDiffs, story_compares
from generator.render_context import Links, Lookup, partners
from generator.render_story import story_page
from generator.scan import read_content_file
from generator.theme import Theme, load_theme


@dataclass(frozen=True, slots=True)
class Warm:
    """What a preview reads, made once after each build."""

    config: SiteConfig
    theme: Theme
    corrections: Corrections
    lookup: Lookup
    ids: Mapping[str, str]
    """Content path -> article id, for the articles of the last build."""
    recogniser: Recogniser
    gazetteer: GazetteerIndex
    entity_of: Mapping[str, str]
    """A spelling -> the entity most of its mentions anywhere were resolved to."""
    common: np.ndarray
    """The shingles that grouping by text sets aside as boilerplate (stories.text_boilerplate)."""
    salt: bytes
    """code_fingerprint(): for the per-article cache, so that the build finds the edit annotated."""


def warm_up(config: SiteConfig, site: Site | None = None) -> Warm:
    """The state previews need after a build that made SITE; without SITE (the build found nothing
    changed, so made none), the site is made again from the caches."""
    corrections = load_corrections(config.root)
    if site is None:
        site = archive(read_and_annotate(config), config, corrections)[0]
    salt = code_fingerprint(config)
    entities_lexicon.remember_in(config.root / LEXICON_DIR, salt)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mentions in site.entities.mentions.values():
        for mention in mentions:
            counts[mention.text][mention.entity] += 1
    warm = Warm(config, load_theme(config), corrections, Lookup.of(site, config),
                {article.path: article.id for article in site.articles}, entity_recogniser(config),
                index_gazetteer(config.gazetteer),
                {text: min(found, key=lambda e: (-found[e], e)) for text, found in counts.items()},
                text_boilerplate(site.articles, site.annotations), salt)
    if site.articles:  # so that the first preview is as quick as the next: the lexicon read, the templates compiled
        first = site.articles[0]
        _pages(warm, {first.id: (first, annotate(first, warm.recogniser))})
    return warm


def preview(warm: Warm, changed: Iterable[str]) -> dict[str, bytes] | None:
    """Output file -> page, for the pages of the articles at CHANGED (paths of files that changed,
    as the watcher lists them) and of their stories; None if something else that pages show
    changed (other files under content/ are not articles, and are passed over), or an article
    cannot be read, or its edit moves it out of its story or changes its place there, or a
    correction picks out its mentions one by one. (An edit that would make an article a version
    of another story shows it where it was, until the rebuild.)"""
    content = os.path.join(os.path.realpath(warm.config.root), "content")  # as the watcher lists it
    edited: dict[str, tuple[Article, Annotation]] = {}
    for name in changed:
        rel = Path(os.path.relpath(name, content)).as_posix()
        if not rel.startswith("../") and not name.endswith(("/", " ->")) and not rel.endswith(".md"):
            continue  # not an article: an editor's backup or lock file, say
        outcome = _read(warm, rel)
        if outcome is None:
            return None
        edited[outcome[0].id] = outcome
    lookup = warm.lookup
    for story in {lookup.story_of[a] for a in edited if a in lookup.story_of}:
        versions = [edited.get(a) or (lookup.articles[a], lookup.site.annotations.get(a)) for a in story.articles]
        if not lookup.articles[story.original].story and not still_one_group(
                versions, warm.common, warm.config.grouping_threshold):
            return None  # grouped by text, and the edit takes it out of its story
    return _pages(warm, edited) if edited else None


def _read(warm: Warm, rel: str) -> tuple[Article, Annotation] | None:
    """The article of the last build at content path REL, read and annotated again (and kept in the
    per-article cache, so that the rebuild finds it done); None if a preview cannot show it."""
    old = warm.lookup.articles.get(warm.ids.get(rel, ""))
    path = warm.config.content_dir / rel
    if old is None or not path.is_file():
        return None
    try:
        data = read_content_file(path, rel)
    except ContentError:
        return None
    outcome = prepare(rel, data, warm.recogniser)
    if isinstance(outcome, ContentError):
        return None
    article = outcome[0]
    if (article.id, article.story, article.date, article.source) != (old.id, old.story, old.date, old.source):
        return None  # its story, or its place in it (stories.py orders versions by date, a wire first)
    if any(fix.article == article.id and fix.action in ("link", "retype")
           for fix in (*warm.corrections.mentions, *(m for split in warm.corrections.splits for m in split.mentions))):
        return None
    diskcache.store(warm.config.root / CACHE_DIR / cache_key(warm.salt, rel, data), outcome)
    return outcome


def _pages(warm: Warm, edited: Mapping[str, tuple[Article, Annotation]]) -> dict[str, bytes]:
    lookup = _edited(warm, edited)
    pages: dict[str, bytes] = {}
    for article_id in sorted(edited):
        story = lookup.story_of.get(article_id)
        pages.update(group_pages(lookup, warm.theme, story.articles if story else (article_id,)))
        if story and len(story.articles) > 1:
            pages.update(story_page(lookup, warm.theme, story))
            pages.update(story_compares(lookup, warm.theme, story, WordDiffs()))
    return pages


def _edited(warm: Warm, edited: Mapping[str, tuple[Article, Annotation]]) -> Lookup:
    """The last build's lookups with the EDITED articles in, and their stories compared again."""
    old = warm.lookup
    site = old.site
    articles = {**old.articles, **{article_id: article for article_id, (article, _) in edited.items()}}
    corrected, _ = apply_to_annotations(warm.corrections, [article for article, _ in edited.values()],
                                        {article_id: annotation for article_id, (_, annotation) in edited.items()})
    annotations = {**site.annotations, **corrected}
    mentions = {**site.entities.mentions,
                **{article_id: _resolved(warm, articles[article_id], annotations[article_id]) for article_id in edited}}
    entities = EntityTable(site.entities.entities, mentions)
    stories = sorted({old.story_of[a] for a in edited if a in old.story_of}, key=lambda story: story.id)
    touched = {a for story in stories for a in story.articles} | set(edited)
    versions = compare_stories(stories, articles, annotations, entities, warm.corrections)
    alignments = tuple(a for a in versions.alignments if a.article in touched)
    site = dataclasses.replace(
        site, articles=tuple(articles[article.id] for article in site.articles), annotations=annotations,
        entities=entities, alignments=(*(a for a in site.alignments if a.article not in touched), *alignments),
        reuse={**site.reuse, **versions.reuse}, discrepancies={**site.discrepancies, **versions.discrepancies},
        fingerprints={a: digest for a, digest in site.fingerprints.items() if a not in edited},
        mention_digests={a: digest for a, digest in site.mention_digests.items() if a not in edited},
        text_digests={a: digest for a, digest in site.text_digests.items() if a not in edited},
        link_digests={pair: digest for pair, digest in site.link_digests.items() if not touched & set(pair)})
    return dataclasses.replace(
        old, site=site, articles=articles,
        links=Links({**{pair: a for pair, a in old.links.alignments.items() if pair[0] not in touched},
                     **{(a.article, a.other): a for a in alignments}}),
        aligned_with={**old.aligned_with, **dict.fromkeys(touched, ()), **partners(alignments)})


def _resolved(warm: Warm, article: Article, annotation: Annotation) -> tuple[EntityMention, ...]:
    """ARTICLE's mentions, each resolved as the last build resolved its spelling: in this article,
    else in its story, else anywhere; one whose spelling it never met is left out."""
    lookup = warm.lookup
    story = lookup.story_of.get(article.id)
    nearest: dict[str, str] = {}
    for other in (*(story.articles if story else ()), article.id):  # the article's own last
        nearest.update((m.text, m.entity) for m in lookup.site.entities.mentions.get(other, ()))
    found = []
    for mention in apply_gazetteer(article.text, annotation.mentions, warm.gazetteer):
        entity = lookup.entities.get(nearest.get(mention.text) or warm.entity_of.get(mention.text, ""))
        if entity is not None:
            found.append(EntityMention(mention.start, mention.end, mention.text, entity.type, entity.id))
    return tuple(sorted(found, key=lambda m: m.start))
