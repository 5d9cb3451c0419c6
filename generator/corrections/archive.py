"""Corrections of the cross-article judgements: entities, stories, alignment links, disagreements."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from ..archive.stories import story_of
from ..errors import ContentWarning
from ..model import (
    Alignment,
    Annotation,
    Article,
    Discrepancy,
    Entity,
    EntityTable,
    SentenceLink,
    Story,
)
from ..slug import slugify
from .model import FILE, Corrections, Split
from .text import locate


def apply_to_entities(corrections: Corrections, articles: Sequence[Article],
                      table: EntityTable) -> tuple[EntityTable, tuple[ContentWarning, ...]]:
    """The entity table after merges, splits, links and retypes (in that order); a warning for
    each that names an entity the archive does not have, or a mention it cannot find."""
    by_id = {article.id: article for article in articles}
    known = {entity.id: entity for entity in table.entities}
    warnings: list[ContentWarning] = []
    target: dict[str, str] = {}  # merged entity id -> the one it joins
    for merge in corrections.merges:
        missing = [one for one in merge.entities if one not in known]
        if missing:
            warnings.append(ContentWarning(FILE, merge.line, f"no entity {missing[0]!r}: this merge is not applied; "
                                                             "use ids from the entity pages' addresses"))
            continue
        keep = target.get(merge.entities[0], merge.entities[0])
        for other in merge.entities[1:]:
            target[other] = keep
    relinked: dict[tuple[str, int], str] = {}  # (article, mention start) -> entity id
    types: dict[str, str] = {}
    created: dict[str, Split] = {}
    for split in corrections.splits:
        if split.entity not in known:
            warnings.append(ContentWarning(FILE, split.line, f"no entity {split.entity!r}: this split is not applied; "
                                                             "use an id from the entity pages' addresses"))
            continue
        new_id, n = slugify(split.name) or "entity", 2
        while new_id in known or new_id in created:
            new_id, n = f"{slugify(split.name) or 'entity'}-{n}", n + 1
        created[new_id] = split
        types[new_id] = split.type or known[split.entity].type
        for quoted in split.mentions:
            article = by_id.get(quoted.article)
            place = locate(article.text, quoted.exact, quoted.prefix, quoted.suffix) if article else None
            hits = [m for m in table.mentions.get(quoted.article, ()) if place and m.entity == split.entity
                    and m.start < place[1] and m.end > place[0]]
            if not hits:
                warnings.append(ContentWarning(FILE, quoted.line, f"{quoted.exact!r} in {quoted.article} is no "
                                                                  f"mention of {split.entity!r}: not moved"))
            for mention in hits:
                relinked[(quoted.article, mention.start)] = new_id
    for fix in corrections.mentions:
        article = by_id.get(fix.article)
        place = locate(article.text, fix.exact, fix.prefix, fix.suffix) if article else None
        if place is None or fix.action not in ("link", "retype"):
            continue  # reported by apply_to_annotations
        if fix.action == "link" and fix.entity not in known:
            warnings.append(ContentWarning(FILE, fix.line, f"no entity {fix.entity!r}: this link is not applied; "
                                                           "use an id from the entity pages' addresses"))
            continue
        for mention in table.mentions.get(fix.article, ()):
            if mention.start < place[1] and mention.end > place[0]:
                if fix.action == "link":
                    relinked[(fix.article, mention.start)] = target.get(fix.entity, fix.entity)
                else:
                    types[target.get(mention.entity, mention.entity)] = fix.type
    if not (target or relinked or types):
        return table, tuple(warnings)
    mentions = {}
    for article, found in table.mentions.items():
        mentions[article] = tuple(
            dataclasses.replace(m, entity=relinked.get((article, m.start), target.get(m.entity, m.entity)))
            for m in found)
    seen: dict[str, tuple[set[str], set[str]]] = {}
    for article, found in mentions.items():
        for m in found:
            spellings, where = seen.setdefault(m.entity, (set(), set()))
            spellings.add(m.text)
            where.add(article)
    entities = []
    fresh = [Entity(new_id, split.name, types[new_id], (), ()) for new_id, split in created.items()]
    for entity in sorted([*table.entities, *fresh], key=lambda e: e.id):
        if entity.id not in seen:
            continue  # merged into another, or every mention linked elsewhere
        spellings, where = seen[entity.id]
        entities.append(dataclasses.replace(entity, type=types.get(entity.id, entity.type),
                                            aliases=tuple(sorted(spellings | {entity.name})),
                                            articles=tuple(sorted(where))))
    kinds = {entity.id: entity.type for entity in entities}
    mentions = {article: tuple(dataclasses.replace(m, type=kinds[m.entity]) for m in found)
                for article, found in mentions.items()}
    return EntityTable(tuple(entities), mentions), tuple(warnings)


def apply_to_stories(corrections: Corrections, articles: Sequence[Article], stories: Sequence[Story]
                     ) -> tuple[tuple[Story, ...], tuple[ContentWarning, ...]]:
    """The stories with the editors' moves. A story id the archive does not have starts a new
    story (two moves make one of two versions); a story left with one version is no story."""
    by_id = {article.id: article for article in articles}
    members = {story.id: [by_id[a] for a in story.articles if a in by_id] for story in stories}
    started: dict[str, int] = {}  # new story id -> the line that started it
    warnings = []
    for move in corrections.stories:
        if move.article not in by_id:
            warnings.append(ContentWarning(FILE, move.line, f"no article {move.article!r}: this move is not "
                                                            "applied; use ids from the pages' addresses"))
            continue
        for found in members.values():
            found[:] = [a for a in found if a.id != move.article]
        if move.story:
            if move.story not in members:
                members[move.story], started[move.story] = [], move.line
            members[move.story].append(by_id[move.article])
    warnings += [ContentWarning(FILE, line, f"story {story_id!r} has one version only: move another article "
                                            "into it, or check the id (an existing story's is in its address)")
                 for story_id, line in started.items() if len(members[story_id]) < 2]
    old = {story.id: story for story in stories}
    kept = [story_of(story_id, found) for story_id, found in members.items()
            if len(found) >= 2 or (story_id in old and len(found) == 1
                                   and (found[0].id,) == old[story_id].articles)]
    return tuple(sorted(kept, key=lambda story: story.id)), tuple(warnings)


def apply_to_alignments(corrections: Corrections, articles: Sequence[Article],
                        annotations: Mapping[str, Annotation], alignments: Sequence[Alignment]
                        ) -> tuple[tuple[Alignment, ...], tuple[ContentWarning, ...]]:
    """The alignments with the editors' links, in both directions."""
    if not corrections.alignments:
        return tuple(alignments), ()
    by_id = {article.id: article for article in articles}
    links = {(a.article, a.other): list(a.links) for a in alignments}
    warnings = []

    def sentence(article_id: str, text: str) -> str:
        article = by_id.get(article_id)
        place = locate(article.text, text) if article and article_id in annotations else None
        if place is None:
            return ""
        return next((s.id for s in annotations[article_id].sentences if s.start <= place[0] < s.end), "")

    for fix in corrections.alignments:
        mine, theirs = sentence(fix.article, fix.quote), sentence(fix.other, fix.other_quote)
        if not mine or not theirs:
            missing = (fix.article, fix.quote) if not mine else (fix.other, fix.other_quote)
            warnings.append(ContentWarning(FILE, fix.line, f"{missing[1]!r} is in no sentence of {missing[0]}: "
                                                           "this correction is not applied; update its quote"))
            continue
        ends = ((fix.article, mine, fix.other, theirs), (fix.other, theirs, fix.article, mine))
        linked = any(link.sentence == mine and link.other_sentence == theirs
                     for link in links.get((fix.article, fix.other), ()))
        if fix.action != "add" and not linked:
            warnings.append(ContentWarning(FILE, fix.line, "these two sentences are not linked: nothing to "
                                                           f"{fix.action}; check the quotes"))
            continue
        if fix.action == "relabel":  # the relation as stated, from this version to the other; the rest kept
            links[(fix.article, fix.other)] = [
                dataclasses.replace(link, relation=fix.relation)
                if (link.sentence, link.other_sentence) == (mine, theirs) else link
                for link in links[(fix.article, fix.other)]]
            continue
        for article_id, sentence_id, other_id, other_sentence in ends:  # add and remove: both ways
            kept = [link for link in links.get((article_id, other_id), ())
                    if not (link.sentence == sentence_id and link.other_sentence == other_sentence)]
            if fix.action == "add":
                kept.append(SentenceLink(sentence_id, other_id, other_sentence, fix.relation, 1.0))
            links[(article_id, other_id)] = sorted(kept, key=lambda link: (link.sentence, link.other_sentence))
    return tuple(Alignment(a, b, tuple(found)) for (a, b), found in sorted(links.items())), tuple(warnings)


def apply_to_discrepancies(corrections: Corrections, found: Mapping[str, tuple[Discrepancy, ...]]
                           ) -> tuple[dict[str, tuple[Discrepancy, ...]], tuple[ContentWarning, ...]]:
    """The disagreements with the editors' verdicts on them; a warning for each verdict that
    matches none (the story is gone, or no longer disagrees on that)."""
    changed = dict(found)
    warnings = []
    for verdict in corrections.disagreements:
        hits = [n for n, d in enumerate(changed.get(verdict.story, ()))
                if d.about == verdict.about or any(verdict.about in m.text for m in d.mentions)]
        if not hits:
            warnings.append(ContentWarning(FILE, verdict.line, f"story {verdict.story!r} has no disagreement about "
                                                               f"{verdict.about!r}: this verdict is not applied; "
                                                               "update it or remove it"))
            continue
        status = "dismissed" if verdict.action == "dismiss" else "confirmed"
        changed[verdict.story] = tuple(dataclasses.replace(d, status=status, note=verdict.note) if n in hits else d
                                       for n, d in enumerate(changed[verdict.story]))
    return changed, tuple(warnings)
