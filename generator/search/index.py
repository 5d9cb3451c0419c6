"""Index for search: the lunr index, the display data, and the scripts that read them.

The browser loads search/index.json into lunr.js (Index.load), tokenises the
query with the rules of tokens.py (mirrored in search.js) and shows results
from search/docs.json. Field values go to lunr as token lists, so lunr's own
tokenizer and trimmer never run (the trimmer erases Arabic and Cyrillic words).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter

from .. import urls
from ..assets import lunr_js, theme_file
from ..config import SiteConfig
from ..model import Article, Entity, Site, Story
from .stemmer import lunr_js_stemmer
from .tokens import tokens

FIELDS = (("title", 10), ("entities", 5), ("body", 1), ("source", 2), ("byline", 1), ("date", 1))
"""Indexed fields and their boosts: a word in the headline or a name counts most."""
SNIPPET_CHARS = 200


def build_search_files(site: Site, config: SiteConfig) -> dict[str, bytes]:
    """Output path under build/ -> bytes, for everything the search page needs."""
    entities = {entity.id: entity for entity in site.entities.entities}
    declared = declared_aliases(config)
    index = build_index(index_documents(site, entities, declared))
    return {
        "search/index.json": to_json(index.serialize()),
        "search/docs.json": to_json(display_data(site, config.base_path, declared)),
        "static/lunr.js": lunr_js(),
        "static/search.js": theme_file(config.templates_dir, "static/search.js").read_bytes(),
    }


def build_index(documents: Iterable[dict[str, Any]]) -> Index:
    """A lunr index over DOCUMENTS (an "id" and each of FIELDS as a token list)."""
    builder = Builder()
    builder.pipeline.add(stop_word_filter, lunr_js_stemmer)
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
    """One document per article, each field already tokenised.

    The ref is the article's position in site.articles (sorted by id), which is
    also its entry in docs.json: short refs keep index.json small.
    """
    for position, article in enumerate(site.articles):
        named = sorted({mention.entity for mention in site.entities.mentions.get(article.id, ())})
        names = [spelling for entity_id in named if entity_id in entities
                 for spelling in entity_names(entities[entity_id], declared)]
        yield {
            "id": str(position),
            "title": tokens(article.title),
            "entities": tokens("\n".join(dict.fromkeys(names))),
            "body": tokens(body_text(article)),
            "source": tokens(article.source),
            "byline": tokens(article.byline),
            "date": tokens(article.date[:10]),
        }


def entity_names(entity: Entity, declared: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every name an entity goes by: canonical, seen in the archive, declared in the gazetteer."""
    return (entity.name, *entity.aliases, *declared.get(entity.name.casefold(), ()))


def body_text(article: Article) -> str:
    """The article's text without its headline (the title field has it)."""
    if article.blocks and article.blocks[0].kind == "title":
        return article.text[article.blocks[0].end:].strip()
    return article.text


def display_data(site: Site, base: str, declared: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """What a result shows: per article, and the entities listed above the articles."""
    stories = {article_id: story for story in site.stories for article_id in story.articles}
    titles = {article.id: article.title for article in site.articles}
    return {
        "articles": [article_entry(article, stories.get(article.id), titles, base) for article in site.articles],
        "entities": [entity_entry(entity, base, declared) for entity in
                     sorted(site.entities.entities, key=lambda entity: (-len(entity.articles), entity.name))
                     if entity.articles],
    }


def article_entry(article: Article, story: Story | None, titles: dict[str, str], base: str) -> dict[str, str]:
    in_story = story is not None and len(story.articles) > 1
    return {
        "id": article.id,
        "title": article.title,
        "url": base + urls.article_path(article.id),
        "source": article.source,
        "date": article.date[:10],
        "story": titles.get(story.original, "") if in_story else "",
        "story_url": base + urls.story_path(story.id) if in_story else "",
        "snippet": snippet(body_text(article)),
    }


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


def snippet(text: str) -> str:
    """The first words of TEXT, cut at a word boundary, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= SNIPPET_CHARS:
        return flat
    return flat[:SNIPPET_CHARS].rsplit(" ", 1)[0] + "\u2026"


def to_json(value: Any) -> bytes:
    """Deterministic, compact JSON: sorted keys, UTF-8."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
