"""The build, as a short list of stages: site.yaml + content/ -> files for build/."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TypeVar

from . import collector, diskcache
from .archive.align import align_versions
from .archive.align_reuse import reuse_shares
from .archive.compare import compare_figures, contradictions_within, story_alignments
from .archive.entities import reconcile_entities
from .archive.entities_memo import EntityMemo
from .archive.group_memo import GroupMemo
from .archive.onlyin import only_in_discrepancies
from .archive.related import find_related
from .archive.related_memo import RelatedMemo
from .archive.spellings import entity_names, spelling_discrepancies
from .archive.stories import group_versions
from .archive.story_memo import StoryMemo
from .config import SiteConfig
from .corrections import NONE as NO_CORRECTIONS
from .corrections import (
    Corrections,
    apply_to_alignments,
    apply_to_annotations,
    apply_to_discrepancies,
    apply_to_entities,
    apply_to_stories,
    load_corrections,
)
from .errors import BuildError, ContentError
from .export import data_salt, export_data
from .model import (
    Alignment,
    Annotation,
    Article,
    Discrepancy,
    EntityTable,
    Reuse,
    Site,
    Story,
)
from .page_memo import PageMemo, mention_digests, prune_untouched, text_digests
from .parallel import Beside, run_parts, timed
from .perarticle import Prepared, read_and_annotate
from .publish import publish_files
from .records import fast_record
from .render import render_parts
from .review import review_page
from .scan import ContentRead
from .search.index import build_search_files
from .theme import load_theme
from .write import Kept


@dataclass(frozen=True, slots=True)
class BuildResult:
    site: Site
    files: Mapping[str, bytes | Kept]
    """Output path under build/ -> its bytes (or Kept: as build/ holds it): every page, asset and data file."""
    problems: tuple[BuildError, ...]
    """Articles left out, with why."""
    warnings: tuple[BuildError, ...] = ()
    """Files under content/ that are not articles, so not published."""
    timings: tuple[tuple[str, float], ...] = ()
    """(stage, wall-clock seconds), in the order the stages ran."""


T = TypeVar("T")


def build(config: SiteConfig, review: bool = False,
          previous: Callable[[], Mapping[str, str] | None] = lambda: None, content: ContentRead | None = None
          ) -> BuildResult:
    """Run every stage; raise ConfigError or TemplateError when nothing can be built.
    REVIEW: also the page of doubtful judgements (review/index.html). PREVIOUS() (asked for once
    the pages are to be made, so it can be worked out meanwhile): what build/ holds (file ->
    digest) if it is what the last build wrote: pages that would come out the same are then not
    rendered again but Kept (see generator.page_memo). CONTENT: content/ as read already
    (scan.read_content), if it was."""
    with collector.frozen_until_done():
        return _build(config, review, previous, content)


def _build(config: SiteConfig, review: bool, held: Callable[[], Mapping[str, str] | None],
           content: ContentRead | None) -> BuildResult:
    timings: list[tuple[str, float]] = []
    began = time.time()

    def stage(name: str, run: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = run()
        collector.freeze()  # what a stage made lives to the end of the build
        timings.append((name, time.perf_counter() - started))
        return value

    search: list[Beside] = []

    def index_beside(named: Site) -> None:  # the search index reads no more than the stories and entities
        search.append(Beside(timed(lambda: build_search_files(named, config))))

    theme = stage("theme", lambda: load_theme(config))
    corrections = load_corrections(config.root)
    prepared = stage("read and annotate", lambda: read_and_annotate(config, content=content))
    try:
        site, clashes, unapplied = stage("stories, entities, alignment",
                                         lambda: archive(prepared, config, corrections, index_beside))
        workers = os.cpu_count() or 1
        previous = held()
        data_memo = PageMemo(config.root, "data", previous, data_salt(config, corrections))
        parts = [*render_parts(site, config, theme, shares=workers, previous=previous),
                 ("feeds and sitemap", lambda: publish_files(site, config, theme)),
                 ("data", data_memo.part("all", lambda: export_data(site, config, data_memo)))]

        def pages_and_index() -> tuple[dict[str, bytes | Kept], list[tuple[str, float]]]:
            made, part_times = run_parts(parts, workers)
            index, seconds = search[0].value()
            return {**index, **made}, [("search index", seconds), *part_times]

        made, part_times = stage("pages, search index, feeds, data (at once)", pages_and_index)
    finally:
        for beside in search:
            beside.stop()
    timings += [(f"  {name}", seconds) for name, seconds in part_times]
    prune_untouched(config.root, began)
    files = {**theme.static, **made, **(review_page(site, config, theme) if review else {})}
    return BuildResult(site, files, prepared.errors + clashes, prepared.warnings + unapplied, tuple(timings))


def archive(prepared: Prepared, config: SiteConfig, corrections: Corrections = NO_CORRECTIONS,
            named: Callable[[Site], None] = lambda site: None) -> tuple[Site, tuple[BuildError, ...], tuple[BuildError, ...]]:
    """The site made of the articles read: articles that claim another's URL left out (the second
    value), the editors' corrections applied (the third value: those that could not be). NAMED:
    see build_archive."""
    articles, clashes = drop_clashing_ids(prepared.articles)
    annotations = {article.id: prepared.annotations[article.path] for article in articles}
    annotations, orphans = apply_to_annotations(corrections, articles, annotations)
    digests = fingerprints(articles, annotations, prepared)
    site, unknown = build_archive(articles, annotations, config, corrections, digests, named)
    return site, clashes, orphans + unknown


def fingerprints(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                 prepared: Prepared | None = None) -> dict[str, str]:
    """Article id -> a digest of the article and its annotation: its per-article cache key where
    the annotation is the one PREPARED holds (no correction changed it), else a digest of both."""
    keys = prepared.keys if prepared else {}
    made = prepared.annotations if prepared else {}
    return {a.id: keys[a.path] if a.path in keys and made[a.path] is annotations[a.id]
            else diskcache.key(a, annotations[a.id]) for a in articles}


def build_archive(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                  config: SiteConfig, corrections: Corrections = NO_CORRECTIONS,
                  digests: Mapping[str, str] | None = None, named: Callable[[Site], None] = lambda site: None
                  ) -> tuple[Site, tuple[BuildError, ...]]:
    """The cross-article stages: stories, entities, alignment, related coverage, disagreements;
    and a warning for each correction that names an entity the archive does not have. DIGESTS:
    the articles' fingerprints(), if known. NAMED is called with the site as soon as its stories
    and entities are known, the rest of it still empty (no alignment, related coverage or
    disagreement): work that needs no more can start."""
    digests = digests if digests is not None else fingerprints(articles, annotations)
    by_id = {article.id: article for article in articles}
    grouped = group_versions(articles, annotations, config.grouping_threshold,
                             GroupMemo(config.root, digests, config.grouping_threshold))
    stories, misplaced = apply_to_stories(corrections, articles, grouped)
    decisions = EntityMemo(config.root, digests, config.gazetteer)
    entities, unknown = apply_to_entities(corrections, articles,
                                          reconcile_entities(articles, annotations, stories, config.gazetteer, decisions))
    named(Site(articles=tuple(articles), annotations=annotations, entities=entities, stories=stories,
               alignments=(), related={}, reuse={}, discrepancies={}, fingerprints=digests))
    memo = StoryMemo(config.root, stories, digests, corrections)
    versions = compare_stories(stories, by_id, annotations, entities, corrections, memo.each)
    memo.save()
    return Site(
        articles=tuple(articles),
        annotations=annotations,
        entities=entities,
        stories=stories,
        alignments=versions.alignments,
        related=find_related(articles, annotations, stories, entities, config.related_limit, RelatedMemo(config.root)),
        reuse=versions.reuse,
        discrepancies=versions.discrepancies,
        fingerprints=digests,
        mention_digests=mention_digests(entities, decisions.digested),
        text_digests=text_digests(config.root, articles, annotations, digests),
        link_digests=versions.link_digests,
    ), misplaced + unknown + versions.unapplied


@dataclass(frozen=True, slots=True)
class Versions:
    """Stories' versions aligned and compared (Site's fields of the same names), and the
    corrections that could not be applied to them."""

    alignments: tuple[Alignment, ...]
    reuse: dict[str, Mapping[str, Reuse]]
    discrepancies: dict[str, tuple[Discrepancy, ...]]
    unapplied: tuple[BuildError, ...]
    link_digests: dict[tuple[str, str], str]


def each_story(stage: str, stories: Sequence[Story], compute: Callable[[Story], T]) -> dict[str, T]:
    """COMPUTE for each story, by its id (StoryMemo.each, without the memo)."""
    return {story.id: compute(story) for story in stories}


def compare_stories(stories: Sequence[Story], by_id: Mapping[str, Article], annotations: Mapping[str, Annotation],
                    entities: EntityTable, corrections: Corrections, each=each_story) -> Versions:
    """STORIES' versions aligned and compared, with the editors' corrections; EACH computes a stage
    for each story (StoryMemo.each: the results of unchanged stories remembered)."""
    raw = each("alignments", stories, lambda s: align_versions([s], by_id, annotations))
    digested = each("link digests", stories, lambda s: [diskcache.key(a.links) for a in raw[s.id]])
    alignments, unlinked = apply_to_alignments(corrections, tuple(by_id.values()), annotations, tuple(sorted(
        chain.from_iterable(raw.values()), key=lambda x: (x.article, x.other))))
    known = {id(a): digest for s in stories  # (of an entry that is not what it should be: none)
             if isinstance(digested[s.id], list) and len(digested[s.id]) == len(raw[s.id])
             for a, digest in zip(raw[s.id], digested[s.id])}
    digests = {(a.article, a.other): known.get(id(a)) or diskcache.key(a.links) for a in alignments}  # a correction's: new
    by_story = story_alignments(stories, alignments)
    compared = each("compared", stories, lambda s: compare_versions(s, by_id, annotations, by_story[s.id]))
    names = entity_names(entities)
    discrepancies, unmatched = apply_to_discrepancies(corrections, {
        s.id: compared[s.id].figures + spelling_discrepancies(s, entities, names) + compared[s.id].only_in
        for s in stories})
    return Versions(alignments, {s.id: compared[s.id].reuse for s in stories}, discrepancies, unlinked + unmatched,
                    digests)


@fast_record
@dataclass(frozen=True, slots=True)
class Compared:
    """One story's versions against each other; their spellings aside (those need every entity)."""

    reuse: Mapping[str, Reuse]
    figures: tuple[Discrepancy, ...]
    """Figures that differ between versions, then those that differ within one."""
    only_in: tuple[Discrepancy, ...]


def compare_versions(story: Story, by_id: Mapping[str, Article], annotations: Mapping[str, Annotation],
                     alignments: Sequence[Alignment]) -> Compared:
    within = tuple(d for a in story.articles for d in contradictions_within(by_id[a], annotations[a]))
    return Compared(reuse_shares(story, alignments, by_id, annotations),
                    compare_figures(story, by_id, annotations, alignments) + within,
                    only_in_discrepancies(story, by_id, annotations, alignments))


def drop_clashing_ids(articles: Sequence[Article]) -> tuple[tuple[Article, ...], tuple[BuildError, ...]]:
    """Two files that would publish at one URL: the first by path keeps it, the other is reported."""
    kept: dict[str, Article] = {}
    errors = []
    for article in sorted(articles, key=lambda a: a.path):
        first = kept.get(article.id)
        if first is None:
            kept[article.id] = article
        else:
            errors.append(ContentError(f"content/{article.path}", 1,
                                       f"has the same URL as content/{first.path} (id '{article.id}'): "
                                       "give one of them a different `slug:` in its front matter"))
    return tuple(sorted(kept.values(), key=lambda a: a.id)), tuple(errors)
