"""The entity index (by type, with counts) and one page per entity."""
from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from generator import diskcache, urls
from generator.highlight import ANNOTATION, Span, highlight
from generator.model import ENTITY_TYPES, Entity, EntityMention
from generator.page_memo import PageMemo
from generator.render_context import Lookup, breadcrumbs, memo_page, page
from generator.render_lists import ITEMS_PER_PAGE, ListPage, paginate, pagination
from generator.theme import Theme
from generator.write import Kept

RELATED_ENTITIES = 10


def render_entity_index(lookup: Lookup, theme: Theme, memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """The entity index: every entity by type, with counts, in pages of at most ITEMS_PER_PAGE;
    with MEMO, a page is not rendered again when what it lists has not changed."""
    pages: dict[str, bytes | Kept] = {}
    for listing in entity_index_listings(lookup):
        pages.update(memo_page(memo, theme, "entities.html", lookup.config, listing.path,
                               page_title=listing.title("Entities"), groups=group_by_type(listing.items),
                               pagination=pagination(lookup, listing),
                               breadcrumbs=breadcrumbs(lookup, ("Entities", listing.path))))
    return pages


def render_entities(lookup: Lookup, theme: Theme, share: tuple[int, int] = (0, 1),
                    memo: PageMemo | None = None) -> dict[str, bytes | Kept]:
    """Every entity's pages (its articles ITEMS_PER_PAGE to a page); with SHARE (k, n), those of
    every n-th entity from the k-th; with MEMO, an entity's pages are not rendered again when
    nothing they show has changed."""
    type_paths = type_anchors(entity_index_listings(lookup))
    named_in = {article: {m.entity for m in mentions} for article, mentions in lookup.site.entities.mentions.items()}
    part, parts = share
    pages: dict[str, bytes | Kept] = {}
    appearances: dict[str, str] = {}
    for entity in lookup.site.entities.entities[part::parts]:
        found = companions(lookup, entity, named_in)
        render = functools.partial(_entity_pages, lookup, theme, entity, found, type_paths[entity.type])
        pages.update(memo.pages(entity_inputs(lookup, entity, found, type_paths[entity.type], appearances), render)
                     if memo else render())
    return pages


def entity_inputs(lookup: Lookup, entity: Entity, found: list[dict[str, object]], type_path: str,
                  appearances: dict[str, str]) -> list[object]:
    """All that an entity's pages read but the configuration and the templates: the entity, the
    entities named with it (FOUND), where its type is listed, and each article that names it (a
    digest of appearance_inputs(), kept in APPEARANCES: most articles name several entities)."""
    inputs: list[object] = [entity, found, type_path]
    for article_id in sorted({a for a, _ in lookup.mentions_of.get(entity.id, ())}):
        if article_id not in appearances:
            appearances[article_id] = diskcache.key(*appearance_inputs(lookup, article_id))
        inputs.append(appearances[article_id])
    return inputs


def appearance_inputs(lookup: Lookup, article_id: str) -> tuple[object, ...]:
    """What the pages of an entity show of an article that names it: its title, source, date, the
    digests of its text and sentences and of its mentions (this entity's among them). Not its
    fingerprint: a byline or a figure correction changes that, and would render again the pages
    of every entity the article names."""
    if article_id not in lookup.articles:
        return article_id, lookup.mentions_digest(article_id)
    return lookup.summary(article_id), lookup.text_digest(article_id), lookup.mentions_digest(article_id)


def _entity_pages(lookup: Lookup, theme: Theme, entity: Entity, found: list[dict[str, object]],
                  type_path: str) -> dict[str, bytes]:
    """An entity's articles ITEMS_PER_PAGE to a page; its spellings and companions (FOUND) on the first."""
    mentions = lookup.mentions_of.get(entity.id, ())
    named = appearances(lookup, mentions)
    pages = {}
    for listing in entity_listings(entity, named):
        first = listing.number == 1
        trail = (("Entities", urls.ENTITY_INDEX), (entity.type, type_path), (entity.name, listing.path))
        pages[urls.output_file(listing.path)] = page(
            theme, "entity.html", lookup.config, page_path=listing.path, page_title=listing.title(entity.name),
            entity=entity, appearances=listing.items, spellings=spellings(lookup, entity, mentions) if first else [],
            companions=found if first else [], pagination=pagination(lookup, listing),
            breadcrumbs=breadcrumbs(lookup, *trail))
    return pages


def entity_index_listings(lookup: Lookup) -> tuple[ListPage, ...]:
    return paginate(entity_rows(lookup), ITEMS_PER_PAGE, urls.ENTITY_INDEX)


def entity_listings(entity: Entity, items: Sequence[object]) -> tuple[ListPage, ...]:
    """The pages of an entity's ITEMS: its appearances, or the ids of the articles naming it."""
    return paginate(items, ITEMS_PER_PAGE, urls.entity_path(entity.id))


def appearing_in(lookup: Lookup, entity: Entity) -> list[str]:
    """The ids of the articles whose mentions name the entity (one appearance each)."""
    return sorted({a for a, _ in lookup.mentions_of.get(entity.id, ()) if a in lookup.articles})


def entity_rows(lookup: Lookup) -> list[dict[str, object]]:
    """Every entity with its counts, by type (ENTITY_TYPES order first), then by name."""
    order = {kind: i for i, kind in enumerate(ENTITY_TYPES)}
    ranked = sorted(lookup.site.entities.entities,
                    key=lambda e: (order.get(e.type, len(order)), e.type, e.name.casefold(), e.id))
    return [{"type": e.type, "name": e.name, "url": lookup.url(urls.entity_path(e.id)),
             "mentions": len(lookup.mentions_of.get(e.id, ())), "articles": len(e.articles)} for e in ranked]


def group_by_type(rows: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """Consecutive rows of one type under that type."""
    groups: list[dict[str, object]] = []
    for row in rows:
        if not groups or groups[-1]["type"] != row["type"]:
            groups.append({"type": row["type"], "entities": []})
        groups[-1]["entities"].append(row)
    return groups


def type_anchors(index: Sequence[ListPage]) -> dict[str, str]:
    """Entity type -> its heading on the first index page that lists it ("entities/#type-org")."""
    anchors: dict[str, str] = {}
    for listing in index:
        for row in listing.items:
            anchors.setdefault(row["type"], f"{listing.path}#type-{row['type']}")
    return anchors


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
    sentences = sorted(lookup.sentences(article_id), key=lambda s: s.start)
    starts = [sentence.start for sentence in sentences]
    by_sentence: dict[int, list[EntityMention]] = defaultdict(list)
    for mention in mentions:  # by bisection: a long article has thousands of sentences
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.start < sentences[index].end:
            by_sentence[index].append(mention)
    contexts = []
    for index, inside in sorted(by_sentence.items()):
        sentence = sentences[index]
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

