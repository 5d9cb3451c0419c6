"""The entity index (by type, with counts) and one page per entity."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

from generator import urls
from generator.highlight import ANNOTATION, Span, highlight
from generator.model import ENTITY_TYPES, Entity, EntityMention
from generator.render_context import Lookup, page
from generator.theme import Theme

RELATED_ENTITIES = 10


def render_entities(lookup: Lookup, theme: Theme) -> dict[str, bytes]:
    pages = {urls.output_file(urls.ENTITY_INDEX): page(theme, "entities.html", lookup.config,
                                                       groups=entity_groups(lookup))}
    named_in = {article: {m.entity for m in mentions} for article, mentions in lookup.site.entities.mentions.items()}
    for entity in lookup.site.entities.entities:
        path = urls.output_file(urls.entity_path(entity.id))
        pages[path] = page(theme, "entity.html", lookup.config, **entity_context(lookup, entity, named_in))
    return pages


def entity_groups(lookup: Lookup) -> list[dict[str, object]]:
    """Entities by type (in ENTITY_TYPES order), each sorted by name, with its counts."""
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for entity in lookup.site.entities.entities:
        by_type[entity.type].append(entity)
    order = [t for t in ENTITY_TYPES if t in by_type] + sorted(set(by_type) - set(ENTITY_TYPES))
    return [{
        "type": kind,
        "entities": [{
            "name": e.name, "url": lookup.url(urls.entity_path(e.id)),
            "mentions": len(lookup.mentions_of.get(e.id, ())), "articles": len(e.articles),
        } for e in sorted(by_type[kind], key=lambda e: (e.name.casefold(), e.id))],
    } for kind in order]


def entity_context(lookup: Lookup, entity: Entity, named_in: Mapping[str, set[str]]) -> dict[str, object]:
    mentions = lookup.mentions_of.get(entity.id, ())
    return {
        "entity": entity,
        "spellings": spellings(lookup, entity, mentions),
        "appearances": appearances(lookup, mentions),
        "companions": companions(lookup, entity, named_in),
    }


def spellings(lookup: Lookup, entity: Entity,
              mentions: tuple[tuple[str, EntityMention], ...]) -> list[dict[str, object]]:
    """Every spelling (the aliases and any text seen), the outlets and articles that use it."""
    used: dict[str, set[str]] = defaultdict(set)
    for article_id, mention in mentions:
        used[mention.text].add(article_id)
    found = []
    for text in sorted(set(entity.aliases) | set(used), key=lambda t: (t.casefold(), t)):
        articles = sorted(a for a in used.get(text, ()) if a in lookup.articles)
        found.append({
            "text": text,
            "sources": sorted({lookup.articles[a].source for a in articles if lookup.articles[a].source}),
            "articles": [lookup.summary(a) for a in articles],
        })
    return found


def appearances(lookup: Lookup, mentions: tuple[tuple[str, EntityMention], ...]) -> list[dict[str, object]]:
    """Each article that names the entity, with each sentence naming it, the name marked."""
    by_article: dict[str, list[EntityMention]] = defaultdict(list)
    for article_id, mention in mentions:
        if article_id in lookup.articles:
            by_article[article_id].append(mention)
    found = []
    for article_id, found_mentions in by_article.items():
        found.append({**lookup.summary(article_id), "contexts": _contexts(lookup, article_id, found_mentions)})
    found.sort(key=lambda a: a["id"])
    found.sort(key=lambda a: a["date"], reverse=True)
    return found


def _contexts(lookup: Lookup, article_id: str, mentions: list[EntityMention]) -> list[dict[str, object]]:
    text = lookup.articles[article_id].text
    base = lookup.url(urls.article_path(article_id))
    contexts = []
    for sentence in lookup.sentences(article_id):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        if not inside:
            continue
        marks = [Span(m.start, m.end, ANNOTATION, "mark", (("class", f"ent-{m.type}"),)) for m in inside]
        contexts.append({"url": f"{base}#{sentence.id}",
                         "html": highlight(text[sentence.start:sentence.end], marks, offset=sentence.start)})
    return contexts


def companions(lookup: Lookup, entity: Entity, named_in: Mapping[str, set[str]]) -> list[dict[str, object]]:
    """The entities named in most of the same articles."""
    counts: Counter[str] = Counter()
    for article_id in entity.articles:
        counts.update(named_in.get(article_id, set()) - {entity.id})
    ranked = sorted((other for other in counts if other in lookup.entities),
                    key=lambda other: (-counts[other], lookup.entities[other].name.casefold(), other))
    return [{
        "name": lookup.entities[other].name, "type": lookup.entities[other].type,
        "url": lookup.url(urls.entity_path(other)), "articles": counts[other],
    } for other in ranked[:RELATED_ENTITIES]]

