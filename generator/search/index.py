"""Index for search: a lunr index split for loading by query, the display data, the scripts.

The index (lunr.py's weights, computed by builder.py) over every article is cut
into the files shards.py describes; search.js loads the pieces a query needs and searches
them with lunr.js. Field values go to lunr as token lists (tokens.py, mirrored
in search.js), so lunr's own tokenizer and trimmer never run (the trimmer
erases Arabic and Cyrillic words).
"""
from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter

from .. import urls
from ..assets import lunr_js, theme_file
from ..config import SiteConfig
from ..model import Article, Entity, Site, Story
from .builder import weigh_counted
from .shards import (
    DOC_BUCKET,
    ENTITY_BUCKET,
    HEAD,
    WHOLE,
    Split,
    bucketed,
    deltas,
    doc_path,
    split_index,
    to_json,
)
from .stemmer import stem
from .terms import (
    Counted,
    article_terms,
    counted,
    field_texts,
    index_pipeline,
    index_terms,
    restored,
)
from .tokens import tokens

FIELDS = (("title", 10), ("entities", 5), ("body", 1), ("source", 2), ("byline", 1), ("date", 1))
"""Indexed fields and their boosts: a word in the headline or a name counts most."""
SIBLINGS = 20
"""At most this many other versions of its story in an article's file (two pages of results)."""
MANIFEST = "search/manifest.json"
FORMAT = 5
"""The layout of the files under search/ (shards.py). search.js reads this one only, and says so
when a manifest is of another (a page cached from before a rebuild, a site's own search.js copied
from an older theme). 2: terms with tails numbered among themselves. 3: a term in at most WHOLE
documents whole in its shard. 4: a story's versions numbered together, and marked in the manifest.
5: a result's display without its address and opening lines, for SHOWN (50) documents a term."""


def build_search_files(site: Site, config: SiteConfig, head: int = HEAD, whole: int = WHOLE) -> dict[str, bytes]:
    """Output path under build/ -> bytes, for everything the search page needs.

    HEAD, WHOLE: documents per term in its shard, and the most a term whole in its shard is found
    in (shards.py; tests set them low to exercise tails).
    """
    entities = {entity.id: entity for entity in site.entities.entities}
    declared = declared_aliases(config)
    ranked = ranked_entities(site)
    fields = [name for name, _ in FIELDS]
    stories = versioned_stories(site)
    order = in_search_order(site)
    story_at = stories_at(order, stories)
    shown = results_shown(order, story_at, stories, config.base_path)
    named = [entity_entry(entity, config.base_path, declared) for entity in ranked]
    split = Split({}, [], {})  # lunr cannot index nothing: an empty archive has an empty index
    if site.articles:
        weights = weigh_counted(counted_documents(site, entities, declared, order), [boost for _, boost in FIELDS])
        split = split_index(weights, fields, entity_terms(ranked, declared), shown, named,
                            [entity.name for entity in ranked], head, whole)
    sources = sorted({article.source for article in site.articles if article.source})
    files = {
        **split.files,
        **doc_files(story_at, shown, split.vectors),
        **bucketed(named, ENTITY_BUCKET, "search/e/{}.json"),
        **filter_files(order, stories, sources),
        MANIFEST: to_json({"format": FORMAT, "fields": fields, "docs": len(site.articles), "shards": split.firsts,
                           "sources": sources, "entity_bucket": ENTITY_BUCKET, "doc_bucket": DOC_BUCKET,
                           "stories": len(stories), "continues": story_continues(story_at)}),
        "static/lunr.js": lunr_js(),
        "static/search.js": theme_file(config.templates_dir, "static/search.js").read_bytes(),
    }
    return dict(sorted(files.items()))


def build_index(documents: Iterable[dict[str, Any]]) -> Index:
    """One lunr index over DOCUMENTS (an "id" and each of FIELDS as a token list), built by lunr.py:
    what the split files must agree with (the tests compare them)."""
    builder = Builder()
    builder.pipeline = index_pipeline()
    builder.search_pipeline.add(stemmer)
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for document in documents:
        builder.add(document)
    return builder.build()


def declared_aliases(config: SiteConfig) -> dict[str, tuple[str, ...]]:
    """Gazetteer name (case-folded) -> the aliases the site owner declares, seen in the text or not."""
    return {entry.name.casefold(): entry.aliases for entry in config.gazetteer.entries}


def index_documents(site: Site, entities: dict[str, Entity],
                    declared: dict[str, tuple[str, ...]]) -> Iterable[dict[str, Any]]:
    """One document per article, each field already tokenised (for lunr.py's own Builder, which
    the tests compare counted_documents() with).

    The ref is the article's position in in_search_order(site).
    """
    for position, article in enumerate(in_search_order(site)):
        yield {"id": str(position),
               "entities": [token for name in named(site, article, entities, declared, {}) for token in tokens(name)],
               **{name: tokens(text) for name, text in field_texts(article).items()}}


def counted_documents(site: Site, entities: dict[str, Entity], declared: dict[str, tuple[str, ...]],
                      order: list[Article] | None = None) -> Iterator[tuple[int, list[Counted]]]:
    """index_documents() as (ref, each of FIELDS' terms counted): the article's own fields as the
    per-article stage counted them (Annotation.terms) where it did, the entities' names here
    (each name's terms found once: most entities are named in many articles)."""
    names_of: dict[str, tuple[str, ...]] = {}
    terms_of: dict[str, list[str]] = {}
    for position, article in enumerate(order or in_search_order(site)):
        stored = site.annotations[article.id].terms if article.id in site.annotations else None
        own = restored(stored) if stored is not None else article_terms(article)
        terms: list[str] = []
        for name in named(site, article, entities, declared, names_of):
            if name not in terms_of:
                terms_of[name] = index_terms(tokens(name))
            terms += terms_of[name]
        own["entities"] = counted(terms)
        yield position, [own[name] for name, _ in FIELDS]


def named(site: Site, article: Article, entities: dict[str, Entity], declared: dict[str, tuple[str, ...]],
          names_of: dict[str, tuple[str, ...]]) -> list[str]:
    """Every name of every entity ARTICLE names, each once (NAMES_OF: each entity's names, filled
    as entities are met)."""
    found: dict[str, None] = {}
    for entity_id in sorted({mention.entity for mention in site.entities.mentions.get(article.id, ())}):
        if entity_id in entities:
            if entity_id not in names_of:
                names_of[entity_id] = entity_names(entities[entity_id], declared)
            found.update(dict.fromkeys(names_of[entity_id]))
    return list(found)


def entity_names(entity: Entity, declared: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every name an entity goes by: canonical, seen in the archive, declared in the gazetteer."""
    return (entity.name, *entity.aliases, *declared.get(entity.name.casefold(), ()))


def ranked_entities(site: Site) -> list[Entity]:
    """The entities search shows, most mentioned first: their rank is their place in this list."""
    return sorted((entity for entity in site.entities.entities if entity.articles),
                  key=lambda entity: (-len(entity.articles), entity.name, entity.id))


def entity_terms(ranked: list[Entity], declared: dict[str, tuple[str, ...]]) -> dict[str, list[int]]:
    """Index term -> the ranks of the entities one of whose names has it."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    for rank, entity in enumerate(ranked):
        for name in entity_names(entity, declared):
            for token in tokens(name):
                if stop_word_filter(token) is not None:
                    found[stem(token)].add(rank)
    return {term: sorted(ranks) for term, ranks in found.items()}


def versioned_stories(site: Site) -> list[Story]:
    """The stories of more than one version: the story filter's, numbered in this order."""
    return [story for story in site.stories if len(story.articles) > 1]


def in_search_order(site: Site) -> list[Article]:
    """The articles in the order of their refs: by id, but each story's versions together, where
    its first one comes, so that the versions a search shows together come in one file (doc_files)."""
    by_id = {article.id: article for article in site.articles}
    versions = {article_id: story.articles for story in versioned_stories(site) for article_id in story.articles}
    order: dict[str, Article] = {}
    for article in site.articles:
        for article_id in sorted(versions.get(article.id, (article.id,))):
            if article_id in by_id:
                order.setdefault(article_id, by_id[article_id])
    return list(order.values())


def stories_at(order: list[Article], stories: list[Story]) -> list[int]:
    """Per ref (ORDER), the number of its article's story in STORIES; -1 for one in none."""
    story_of = {article_id: n for n, story in enumerate(stories) for article_id in story.articles}
    return [story_of.get(article.id, -1) for article in order]


def doc_files(story_at: list[int], shown: list[Any], vectors: dict[int, list[int]]) -> dict[str, bytes]:
    """One file per article: what its result shows ("v": its rows of the terms with tails) and what
    the results of its story's other versions show ("w": [ref, shown], the SIBLINGS nearest by
    ref, so that one fetch gives a story's results and a story of many versions costs no more).
    STORY_AT: stories_at(); a story's versions have consecutive refs."""

    def siblings(n: int) -> list[int]:
        if story_at[n] < 0:
            return []
        near = range(max(0, n - SIBLINGS), min(len(story_at), n + SIBLINGS + 1))
        return sorted(sorted((other for other in near if other != n and story_at[other] == story_at[n]),
                             key=lambda other: (abs(other - n), other))[:SIBLINGS])

    return {doc_path(n): to_json({**entry, "v": vectors.get(n, []),
                                  "w": [[other, shown[other]] for other in siblings(n)]})
            for n, entry in enumerate(shown)}


def story_continues(story_at: list[int]) -> str:
    """A bit per ref, set where the article is a version of the same story as the one before (in
    base64, eight refs a byte, the lowest bit first): the page fetches one file a story."""
    bits = bytearray((len(story_at) + 7) // 8)
    for n in range(1, len(story_at)):
        if story_at[n] >= 0 and story_at[n] == story_at[n - 1]:
            bits[n >> 3] |= 1 << (n & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def results_shown(order: list[Article], story_at: list[int], stories: list[Story], base: str) -> list[dict[str, Any]]:
    """Per article (in ORDER: by ref), what its result shows."""
    titles = {article.id: article.title for article in order}
    return [{**article_entry(article, None if story < 0 else stories[story], titles, base), "st": story}
            for article, story in zip(order, story_at)]


def filter_files(order: list[Article], stories: list[Story], sources: list[str]) -> dict[str, bytes]:
    """The refs of each source's articles and of each story's versions, for the filters."""
    ref = {article.id: n for n, article in enumerate(order)}
    files = {f"search/s/{n}.json": to_json(deltas(ref[a.id] for a in order if a.source == source))
             for n, source in enumerate(sources)}
    files.update({f"search/st/{n}.json": to_json(sorted(ref[a] for a in story.articles if a in ref))
                  for n, story in enumerate(stories)})
    return files


def article_entry(article: Article, story: Story | None, titles: dict[str, str], base: str) -> dict[str, str]:
    """What an article's result shows before its passage: few bytes, as the shards hold fifty a term.
    Its address is base + urls.article_path(id) (search.js makes it); its text comes from its data
    file, with the passage that matches the query."""
    entry = {"id": article.id, "title": article.title, "source": article.source, "date": article.date[:10]}
    if story is not None and len(story.articles) > 1:
        entry.update(story=titles.get(story.original, ""), story_url=base + urls.story_path(story.id))
    return entry


def entity_entry(entity: Entity, base: str, declared: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """An entity result: its other names shown once each, whatever their case."""
    others = {name.casefold(): name for name in reversed(entity_names(entity, declared)[1:])}
    others.pop(entity.name.casefold(), None)
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": sorted(others.values()),
        "url": base + urls.entity_path(entity.id),
        "articles": len(entity.articles),
    }

