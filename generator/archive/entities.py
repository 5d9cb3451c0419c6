"""Reconcile the articles' candidate names into the archive's entities.

Each mention becomes a node: a gazetteer entry where the site owner names it;
else its folded spelling (ALEPPO and Aleppo, U.N. and UN are one node); a lone
word that may be a surname (Assad) is a node of its story only, so that it joins
the right full name in each story. The rules of entities_merge join nodes within
each story; the joined sets are the entities.

Canonical name: the gazetteer's; else the spelling that is not all capitals, has
the most name words, is the most frequent, has the fewest dots, is the
longest, then first in alphabetical order. Id: the slug of the name; where two entities would share
one, the one named in more articles keeps it and the others take their type,
then a number, after it. Type: the gazetteer's, else the one with the greatest
weight of cues over all mentions.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator import diskcache
from generator.archive.entities_gazetteer import (
    GazetteerIndex,
    apply_gazetteer,
    index_gazetteer,
)
from generator.archive.entities_memo import EntityMemo, Resolved
from generator.archive.entities_merge import (
    SURE,
    Node,
    NodeInfo,
    UnionFind,
    merge_story,
)
from generator.archive.entities_names import fold, name_parts, phonetic
from generator.model import (
    ENTITY_TYPES,
    Annotation,
    Article,
    Entity,
    EntityMention,
    EntityTable,
    Gazetteer,
    Mention,
    Story,
)
from generator.slug import slugify


class _Occurrence(NamedTuple):  # a tuple: an archive has hundreds of thousands
    article: str
    mention: Mention
    node: Node


def reconcile_entities(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                       stories: Sequence[Story], gazetteer: Gazetteer, memo: EntityMemo | None = None) -> EntityTable:
    """One entity per real-world name across the archive, and every mention resolved to one; with
    MEMO, the last build's decisions when they read the same names, and its mentions resolved
    under them (see entities_memo.py)."""
    index = index_gazetteer(gazetteer)
    story_of = {a.id: a.id for a in articles} | {a: s.id for s in stories for a in s.articles}  # one of its own if none
    ordered = [article.id for article in sorted(articles, key=lambda a: a.id) if article.id in annotations]
    texts = {article.id: article.text for article in articles}
    folded: dict[str, str] = {}  # one fold per distinct spelling: most recur across the archive
    found: dict[str, list[_Occurrence]] = {}

    def occurrences_of(article: str) -> list[_Occurrence]:
        if article not in found:
            found[article] = [_Occurrence(article, m, _node(m, folded, story_of[article], index))
                              for m in apply_gazetteer(texts[article], annotations[article].mentions, index)]
        return found[article]

    remembered = {a: memo.signature(a, story_of[a]) for a in ordered} if memo else {}
    key = memo.key((a, story_of[a], remembered[a] or _signed(occurrences_of(a))) for a in ordered) if memo else ""
    decided = memo.decisions(key, (occ.node for occs in found.values() for occ in occs)) if memo else None
    if decided:
        root_of, entities = decided
    else:
        occurrences = [occ for article in ordered for occ in occurrences_of(article)]
        root_of = _roots(occurrences, story_of)
        members: dict[Node, list[_Occurrence]] = defaultdict(list)
        for occ in occurrences:
            members[root_of[occ.node]].append(occ)
        entities = _name_entities(members, index)
    entity_of = {node: entities[root] for node, root in root_of.items()}

    def resolve(article: str) -> Resolved:  # as the last build did, if it decided the same
        kept = memo.resolved(article, story_of[article]) if memo and decided else None
        return kept or _resolved(occurrences_of(article), entity_of)

    resolved = {a: resolve(a) for a in ordered}
    if memo:
        memo.store(key, root_of, entities, {(a, story_of[a]): resolved[a] for a in ordered})
    return EntityTable(
        entities=tuple(sorted(entities.values(), key=lambda e: e.id)),
        mentions={a.id: resolved[a.id][0] if a.id in resolved else () for a in sorted(articles, key=lambda a: a.id)},
    )


def _signed(occurrences: list[_Occurrence]) -> str:
    """An article's part of the decisions' key: what they read of its mentions."""
    return diskcache.key([(o.node, o.mention.key, o.mention.type, o.mention.score) for o in occurrences])


def _resolved(occurrences: list[_Occurrence], entity_of: Mapping[Node, Entity]) -> Resolved:
    """One article's OCCURRENCES resolved (ENTITY_OF: each node's entity), by start, and their digest."""
    mentions = tuple(sorted((EntityMention(o.mention.start, o.mention.end, o.mention.text, entity_of[o.node].type,
                                           entity_of[o.node].id) for o in occurrences), key=lambda m: m.start))
    return mentions, diskcache.key(mentions)


def _roots(occurrences: list[_Occurrence], story_of: Mapping[str, str]) -> dict[Node, Node]:
    """Each node's root: nodes of one root are one entity."""
    info = _node_info(occurrences)
    joined = UnionFind()
    nodes_of_story: dict[str, set[Node]] = defaultdict(set)
    for occ in occurrences:
        nodes_of_story[story_of[occ.article]].add(occ.node)
    for story in sorted(nodes_of_story):
        merge_story(nodes_of_story[story], info, joined)
    _join_unresolved_words(info, joined)
    return {node: joined.find(node) for node in info}


def _node(mention: Mention, folds: dict[str, str], story: str, index: GazetteerIndex) -> Node:
    folded = folds.get(mention.key)
    if folded is None:
        folded = folds[mention.key] = fold(mention.key)
    entry = index.entries.get(folded)
    if entry is not None:
        return ("gazetteer", entry.name)
    if " " not in folded and (mention.type == "person" or mention.score < SURE):
        return ("story", story, folded)
    return ("name", folded)


def _node_info(occurrences: list[_Occurrence]) -> dict[Node, NodeInfo]:
    spellings: dict[Node, Counter[str]] = defaultdict(Counter)
    weights: dict[Node, Counter[str]] = defaultdict(Counter)
    best: dict[Node, float] = defaultdict(float)
    for occ in occurrences:
        spellings[occ.node][occ.mention.key] += 1
        weights[occ.node][occ.mention.type] += occ.mention.score
        best[occ.node] = max(best[occ.node], occ.mention.score)
    info = {}
    for node, counts in spellings.items():
        surface = min(counts, key=lambda s: (-counts[s], s))
        parts = name_parts(surface) or (fold(surface),)
        info[node] = NodeInfo(surface, parts, tuple(map(phonetic, parts)), _heaviest(weights[node]), best[node])
    return info


def _heaviest(weights: Counter[str]) -> str:
    return min(ENTITY_TYPES, key=lambda t: (-weights[t], ENTITY_TYPES.index(t)))


def _join_unresolved_words(info: Mapping[Node, NodeInfo], joined: UnionFind) -> None:
    """A lone word that joined no full name in its story is one entity across stories."""
    roots_with_full_name = {joined.find(n) for n, i in info.items() if len(i.parts) > 1}
    by_spelling: dict[str, Node] = {n[1]: n for n in sorted(info) if n[0] == "name"}
    for node in sorted(info):
        if node[0] == "story" and joined.find(node) not in roots_with_full_name:
            anchor = by_spelling.setdefault(node[2], node)
            joined.union(anchor, node)


def _canonical(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda s: (s.replace(".", "").isupper(), -len(name_parts(s)),
                                         -spellings[s], s.count("."), -len(s), s))


def _name_entities(members: Mapping[Node, list[_Occurrence]], index: GazetteerIndex) -> dict[Node, Entity]:
    drafts = []
    for root, occs in members.items():
        # A set holding a gazetteer node has it as root: "gazetteer" sorts first.
        entry = index.entries.get(fold(root[1])) if root[0] == "gazetteer" else None
        spellings = Counter(o.mention.key for o in occs)
        weights: Counter[str] = Counter()
        for o in occs:
            weights[o.mention.type] += o.mention.score
        name = entry.name if entry else _canonical(spellings)
        drafts.append((root, Entity(
            id=slugify(name), name=name, type=entry.type if entry else _heaviest(weights),
            aliases=tuple(sorted(set(spellings) | {name})),
            articles=tuple(sorted({o.article for o in occs})),
            description=entry.description if entry else "", link=entry.link if entry else "")))
    return _unique_ids(drafts)


def _unique_ids(drafts: list[tuple[Node, Entity]]) -> dict[Node, Entity]:
    by_id: dict[str, list[tuple[Node, Entity]]] = defaultdict(list)
    for root, entity in drafts:
        by_id[entity.id].append((root, entity))
    named: dict[Node, Entity] = {}
    taken = set(by_id)
    for slug, rivals in sorted(by_id.items()):
        rivals.sort(key=lambda r: (-len(r[1].articles), r[1].name, r[1].type, r[1].aliases))
        named[rivals[0][0]] = rivals[0][1]
        for root, entity in rivals[1:]:
            candidate, n = f"{slug}-{entity.type}", 2
            while candidate in taken:
                candidate, n = f"{slug}-{entity.type}-{n}", n + 1
            taken.add(candidate)
            named[root] = _with_id(entity, candidate)
    return named


def _with_id(entity: Entity, entity_id: str) -> Entity:
    return Entity(entity_id, entity.name, entity.type, entity.aliases, entity.articles,
                  entity.description, entity.link)
