"""Editors' corrections of the machine's names, kept in corrections.yaml beside site.yaml.

Each correction points at its place by the article's id and the quoted text, with a little of
the text before and after it when the quote alone is ambiguous (the W3C Web Annotation
text-quote selector: exact, prefix, suffix), so it finds its place again after the article is
edited elsewhere. They are applied in the cross-article stage: the per-article cache is never
invalidated by an edit here. A correction whose quote is gone is reported with its file:line
and left out; the rest of the site is built.

    mentions:
      - article: paper/qusair           # the article's id (its path under content/, no .md)
        exact: Hanano                   # the quoted text
        prefix: "the "                  # optional: text just before it
        suffix: " district"             # optional: text just after it
        action: remove                  # remove: not a name; add: a name the machine missed;
                                        # retype: the entity it names is of another type;
                                        # link: it names another entity (entity: its id)
        type: place                     # for add and retype: person, org, place or group
    merges:
      - [hezbollah, hizbullah]          # entity ids that are one entity; the first keeps its name
    disagreements:
      - story: aleppo-2016              # the story's id
        about: "30,000"                 # what it is about, or one of its figures as written
        action: dismiss                 # dismiss (no real disagreement) or confirm
        note: both are UN estimates, from different days   # shown to readers
    figures:
      - article: wire/qusair
        exact: close to 30,000          # the figure as written
        qualifier: approx               # and what is right: value, qualifier, unit (or remove: true)
    splits:
      - entity: aleppo-army              # some mentions of this entity are another one:
        name: Aleppo Army (2016 alliance)
        mentions:
          - {article: wire/qusair, exact: Aleppo Army}
    stories:
      - article: paper/qusair            # a version of this story (its id) ...
        story: qusair
      - article: sport/results           # ... or of none
        alone: true
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .archive.stories import story_of
from .config import Field, _check_mapping, _line, _scalar, text_value, type_value
from .errors import ConfigError, ContentWarning
from .model import (
    QUALIFIERS,
    RELATIONS,
    Alignment,
    Annotation,
    Article,
    Discrepancy,
    Entity,
    EntityTable,
    Mention,
    SentenceLink,
    Story,
)
from .slug import slugify

FILE = "corrections.yaml"
ACTIONS = ("remove", "add", "retype", "link")


@dataclass(frozen=True, slots=True)
class MentionCorrection:
    line: int
    article: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    action: str = "remove"
    type: str = ""
    entity: str = ""
    """For link: the id of the entity the name stands for."""


@dataclass(frozen=True, slots=True)
class Merge:
    line: int
    entities: tuple[str, ...]
    """Entity ids: the first keeps its name, the others' mentions become its own."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """An editor's word on a flagged disagreement between the versions of a story."""

    line: int
    story: str
    about: str
    """What the disagreement is about, or the text of one of its figures ("30,000")."""
    action: str
    """dismiss (it is no disagreement) or confirm."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Move:
    """An article moved into a story, or out of any."""

    line: int
    article: str
    story: str = ""
    """The id of the story it belongs to; empty: none."""
    alone: bool = False


@dataclass(frozen=True, slots=True)
class FigureCorrection:
    line: int
    article: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    value: float | None = None
    qualifier: str = ""
    unit: str = ""
    remove: bool = False


@dataclass(frozen=True, slots=True)
class LinkCorrection:
    """A sentence of one version and a sentence of another, each by a quote of its text."""

    line: int
    article: str
    quote: str
    other: str
    other_quote: str
    action: str
    """add, remove or relabel."""
    relation: str = ""


@dataclass(frozen=True, slots=True)
class Split:
    """Mentions of one entity that are in truth another, new one."""

    line: int
    entity: str
    name: str
    mentions: tuple[MentionCorrection, ...]
    type: str = ""


@dataclass(frozen=True, slots=True)
class Corrections:
    alignments: tuple[LinkCorrection, ...] = ()
    splits: tuple[Split, ...] = ()
    figures: tuple[FigureCorrection, ...] = ()
    mentions: tuple[MentionCorrection, ...] = ()
    merges: tuple[Merge, ...] = ()
    disagreements: tuple[Verdict, ...] = ()
    stories: tuple[Move, ...] = ()


NONE = Corrections()


def context_value(node: yaml.Node, path: str) -> str:
    """Text around a quote, spaces kept (they are part of the context)."""
    value = _scalar(node, path, "text")
    if not isinstance(value, str):
        raise ConfigError(path, _line(node), f"expected text in quotes, got {value!r}")
    return value


def action_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if value not in ACTIONS:
        raise ConfigError(path, _line(node), f"action must be one of {', '.join(ACTIONS)}, got {value!r}")
    return value


MENTION_SCHEMA = {
    "article": Field(text_value, "the article's id (its path under content/ without .md)", required=True),
    "exact": Field(text_value, "the quoted text of the name", required=True),
    "prefix": Field(context_value, "text just before the quote, when the quote alone is ambiguous"),
    "suffix": Field(context_value, "text just after the quote"),
    "action": Field(action_value, "remove, add, retype or link", required=True),
    "type": Field(type_value, "person, org, place or group (for add and retype)"),
    "entity": Field(text_value, "for link: the id of the entity the name stands for (its URL's last part)"),
}


def load_corrections(root: Path) -> Corrections:
    """ROOT/corrections.yaml, checked; none when the file does not exist."""
    path = root / FILE
    if not path.exists():
        return NONE
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        raise ConfigError(FILE, 0, "is not UTF-8 text: save it as UTF-8") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise ConfigError(FILE, mark.line + 1 if mark else 0, f"invalid YAML: {err.problem}; fix the syntax") from None
    if node is None:
        return NONE
    values = _check_mapping(node, {"mentions": Field(_mentions, "corrections of names"),
                                   "merges": Field(_merges, "lists of entity ids that are one entity"),
                                   "disagreements": Field(_verdicts, "flagged disagreements dismissed or confirmed"),
                                   "stories": Field(_moves, "articles moved into a story or out of one"),
                                   "figures": Field(_figures, "figures whose value, qualifier or unit is wrong"),
                                   "alignments": Field(_links, "sentence links between versions added, removed or relabelled"),
                                   "splits": Field(_splits, "mentions of one entity that are another, new one")},
                            FILE)
    return Corrections(**values)


def _true_value(node: yaml.Node, path: str) -> bool:
    value = _scalar(node, path, "true")
    if value is not True:
        raise ConfigError(path, _line(node), f"expected true (or leave the key out), got {value!r}")
    return True


QUOTE_SCHEMA = {key: MENTION_SCHEMA[key] for key in ("article", "exact", "prefix", "suffix")}


def _quotes(node: yaml.Node, path: str) -> tuple[MentionCorrection, ...]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise ConfigError(path, _line(node), "expected a list of mentions, each with article and exact")
    return tuple(MentionCorrection(line=_line(item), action="link", **_check_mapping(item, QUOTE_SCHEMA, path))
                 for item in node.value)


SPLIT_SCHEMA = {
    "entity": Field(text_value, "the id of the entity some of whose mentions are another one", required=True),
    "name": Field(text_value, "the other one's name", required=True),
    "type": Field(type_value, "its type, if not the same"),
    "mentions": Field(_quotes, "its mentions, each by article and quote", required=True),
}


def _splits(node: yaml.Node, path: str) -> tuple[Split, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of splits, each with entity, name and mentions")
    return tuple(Split(line=_line(item), **_check_mapping(item, SPLIT_SCHEMA, path)) for item in node.value)


def _link_action(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if value not in ("add", "remove", "relabel"):
        raise ConfigError(path, _line(node), f"action must be add, remove or relabel, got {value!r}")
    return value


def _relation_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if value not in RELATIONS:
        raise ConfigError(path, _line(node), f"relation must be one of {', '.join(RELATIONS)}, got {value!r}")
    return value


LINK_SCHEMA = {
    "article": Field(text_value, "one version's id", required=True),
    "quote": Field(text_value, "some text of its sentence", required=True),
    "other": Field(text_value, "the other version's id", required=True),
    "other_quote": Field(text_value, "some text of the other sentence", required=True),
    "action": Field(_link_action, "add, remove or relabel", required=True),
    "relation": Field(_relation_value, "copy, rewrite or partial (for add and relabel)"),
}


def _links(node: yaml.Node, path: str) -> tuple[LinkCorrection, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of link corrections")
    found = []
    for item in node.value:
        values = _check_mapping(item, LINK_SCHEMA, path)
        if values["action"] in ("add", "relabel") and not values.get("relation"):
            raise ConfigError(path, _line(item), f"action {values['action']} needs a relation: copy, rewrite or partial")
        found.append(LinkCorrection(line=_line(item), **values))
    return tuple(found)


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
        for article_id, sentence_id, other_id, other_sentence in ends:
            kept = [link for link in links.get((article_id, other_id), ())
                    if not (link.sentence == sentence_id and link.other_sentence == other_sentence)]
            if fix.action != "remove":
                kept.append(SentenceLink(sentence_id, other_id, other_sentence, fix.relation, 1.0))
            links[(article_id, other_id)] = sorted(kept, key=lambda link: (link.sentence, link.other_sentence))
    return tuple(Alignment(a, b, tuple(found)) for (a, b), found in sorted(links.items())), tuple(warnings)


def _number_value(node: yaml.Node, path: str) -> float:
    value = _scalar(node, path, "a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(path, _line(node), f"expected a number such as 30000 or 12.5, got {value!r}")
    return float(value)


def _qualifier_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if value not in QUALIFIERS:
        raise ConfigError(path, _line(node), f"qualifier must be one of {', '.join(QUALIFIERS)}, got {value!r}")
    return value


FIGURE_SCHEMA = {
    "article": Field(text_value, "the article's id", required=True),
    "exact": Field(text_value, "the figure as the text writes it", required=True),
    "prefix": Field(context_value, "text just before it"),
    "suffix": Field(context_value, "text just after it"),
    "value": Field(_number_value, "the right value"),
    "qualifier": Field(_qualifier_value, "exact, approx, min, max or vague"),
    "unit": Field(text_value, "what it counts (people, USD, percent)"),
    "remove": Field(_true_value, "true: it is not a figure"),
}


def _figures(node: yaml.Node, path: str) -> tuple[FigureCorrection, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of figure corrections, each with article and exact")
    found = []
    for item in node.value:
        values = _check_mapping(item, FIGURE_SCHEMA, path)
        if not ({"value", "qualifier", "unit", "remove"} & set(values)):
            raise ConfigError(path, _line(item), "say what is right: value, qualifier, unit, or remove: true")
        found.append(FigureCorrection(line=_line(item), **values))
    return tuple(found)


MOVE_SCHEMA = {
    "article": Field(text_value, "the article's id", required=True),
    "story": Field(text_value, "the id of the story it is a version of"),
    "alone": Field(_true_value, "true: it is a version of no other article"),
}


def _moves(node: yaml.Node, path: str) -> tuple[Move, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of moves, each with article and story (or alone: true)")
    found = []
    for item in node.value:
        values = _check_mapping(item, MOVE_SCHEMA, path)
        if bool(values.get("story")) == bool(values.get("alone")):
            raise ConfigError(path, _line(item), "give either story: ID (into that story) or alone: true (out of any)")
        found.append(Move(line=_line(item), **values))
    return tuple(found)


def apply_to_stories(corrections: Corrections, articles: Sequence[Article], stories: Sequence[Story]
                     ) -> tuple[tuple[Story, ...], tuple[ContentWarning, ...]]:
    """The stories with the editors' moves; a story left with one version is no story."""
    by_id = {article.id: article for article in articles}
    members = {story.id: [by_id[a] for a in story.articles if a in by_id] for story in stories}
    warnings = []
    for move in corrections.stories:
        if move.article not in by_id or (move.story and move.story not in members):
            missing = f"no article {move.article!r}" if move.article not in by_id else f"no story {move.story!r}"
            warnings.append(ContentWarning(FILE, move.line, f"{missing}: this move is not applied; "
                                                            "use ids from the pages' addresses"))
            continue
        for found in members.values():
            found[:] = [a for a in found if a.id != move.article]
        if move.story:
            members[move.story].append(by_id[move.article])
    kept = tuple(story_of(story.id, members[story.id]) for story in stories if len(members[story.id]) >= 2
                 or (len(members[story.id]) == 1 and tuple(a.id for a in members[story.id]) == story.articles))
    return kept, tuple(warnings)


def verdict_value(node: yaml.Node, path: str) -> str:
    value = text_value(node, path)
    if value not in ("dismiss", "confirm"):
        raise ConfigError(path, _line(node), f"action must be dismiss or confirm, got {value!r}")
    return value


VERDICT_SCHEMA = {
    "story": Field(text_value, "the story's id (its page's address)", required=True),
    "about": Field(text_value, "what the disagreement is about, or one of its figures as written", required=True),
    "action": Field(verdict_value, "dismiss or confirm", required=True),
    "note": Field(text_value, "a line shown to readers beside it"),
}


def _verdicts(node: yaml.Node, path: str) -> tuple[Verdict, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of verdicts, each with story, about and action")
    return tuple(Verdict(line=_line(item), **_check_mapping(item, VERDICT_SCHEMA, path)) for item in node.value)


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


def _merges(node: yaml.Node, path: str) -> tuple[Merge, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of merges, each a list of two or more entity ids")
    found = []
    for item in node.value:
        if not isinstance(item, yaml.SequenceNode) or len(item.value) < 2:
            raise ConfigError(path, _line(item), "a merge is a list of two or more entity ids: [hezbollah, hizbullah]")
        found.append(Merge(_line(item), tuple(text_value(one, path) for one in item.value)))
    return tuple(found)


def _mentions(node: yaml.Node, path: str) -> tuple[MentionCorrection, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of corrections, each with article, exact and action")
    found = []
    for item in node.value:
        values = _check_mapping(item, MENTION_SCHEMA, path)
        if values.get("action") in ("add", "retype") and not values.get("type"):
            raise ConfigError(path, _line(item), f"action {values['action']} needs a type: person, org, place or group")
        if values.get("action") == "link" and not values.get("entity"):
            raise ConfigError(path, _line(item), "action link needs an entity: the id of the entity it stands for")
        found.append(MentionCorrection(line=_line(item), **values))
    return tuple(found)


def locate(text: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Where EXACT stands in TEXT with PREFIX just before and SUFFIX just after (the first such
    place); None when there is none."""
    start = text.find(exact)
    while start >= 0 and exact:
        end = start + len(exact)
        if text[:start].endswith(prefix) and text[end:].startswith(suffix):
            return start, end
        start = text.find(exact, start + 1)
    return None


def apply_to_annotations(corrections: Corrections, articles: Sequence[Article],
                         annotations: Mapping[str, Annotation]) -> tuple[dict[str, Annotation], tuple[ContentWarning, ...]]:
    """The annotations with names removed and added and figures corrected; a warning for each
    correction whose article or quote is gone."""
    by_id = {article.id: article for article in articles}
    changed = dict(annotations)
    warnings = []
    for fix in corrections.mentions:
        article = by_id.get(fix.article)
        place = locate(article.text, fix.exact, fix.prefix, fix.suffix) if article else None
        if place is None:
            what = f"no article {fix.article!r}" if article is None else f"{fix.exact!r} is no longer in {fix.article}"
            warnings.append(ContentWarning(FILE, fix.line, f"{what}: this correction is not applied; "
                                                           "update its quote or remove it"))
            continue
        if fix.action in ("retype", "link"):
            continue  # applied to the entities, after reconciliation
        start, end = place
        annotation = changed[fix.article]
        kept = [m for m in annotation.mentions if m.end <= start or m.start >= end]
        if fix.action == "add":
            kept.append(Mention(start, end, fix.exact, fix.type, fix.exact, 1.0))
        changed[fix.article] = dataclasses.replace(annotation, mentions=tuple(sorted(kept, key=lambda m: m.start)))
    for fix in corrections.figures:
        article = by_id.get(fix.article)
        place = locate(article.text, fix.exact, fix.prefix, fix.suffix) if article else None
        figures = changed[fix.article].figures if place else ()
        hit = [f for f in figures if f.start < place[1] and f.end > place[0]] if place else []
        if not hit:
            what = f"no article {fix.article!r}" if article is None else f"no figure {fix.exact!r} in {fix.article}"
            warnings.append(ContentWarning(FILE, fix.line, f"{what}: this correction is not applied; "
                                                           "update its quote or remove it"))
            continue
        fixed = [] if fix.remove else [dataclasses.replace(
            f, value=f.value if fix.value is None else fix.value, qualifier=fix.qualifier or f.qualifier,
            unit=fix.unit or f.unit) for f in hit]
        kept = [f for f in figures if f not in hit] + fixed
        changed[fix.article] = dataclasses.replace(changed[fix.article],
                                                   figures=tuple(sorted(kept, key=lambda f: f.start)))
    return changed, tuple(warnings)


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
