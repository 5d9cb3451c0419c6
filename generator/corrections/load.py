"""corrections.yaml -> Corrections: a typed schema, and errors that name corrections.yaml:LINE."""
from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..config import (
    Field,
    _check_mapping,
    _line,
    _scalar,
    choice,
    text_value,
    type_value,
)
from ..errors import ConfigError
from ..model import QUALIFIERS, RELATIONS
from .model import (
    ACTIONS,
    FILE,
    NONE,
    Corrections,
    FigureCorrection,
    LinkCorrection,
    MentionCorrection,
    Merge,
    Move,
    Split,
    Verdict,
)


def context_value(node: yaml.Node, path: str) -> str:
    """Text around a quote, spaces kept (they are part of the context)."""
    value = _scalar(node, path, "text")
    if not isinstance(value, str):
        raise ConfigError(path, _line(node), f"expected text in quotes, got {value!r}")
    return value


action_value = choice("action", ACTIONS)


MENTION_SCHEMA = {
    "article": Field(text_value, "the article's id (its path under content/ without .md)", required=True),
    "exact": Field(text_value, "the quoted text of the name", required=True),
    "prefix": Field(context_value, "text just before the quote, when the quote alone is ambiguous"),
    "suffix": Field(context_value, "text just after the quote"),
    "action": Field(action_value, "remove, add, retype or link", required=True),
    "type": Field(type_value, "person, org, place or group (for add and retype)"),
    "entity": Field(text_value, "for link: the id of the entity the name stands for (its URL's last part)"),
}


def records(schema: dict[str, Field], make: Callable[..., Any], what: str,
            rule: Callable[[dict[str, Any]], str] = lambda values: "",
            empty_ok: bool = True) -> Callable[[yaml.Node, str], tuple]:
    """A check of a list of mappings of SCHEMA, each made into MAKE(line=..., **values); RULE says
    what is wrong with one whose keys are right but do not go together ("" when nothing is)."""
    def check(node: yaml.Node, path: str) -> tuple:
        if not isinstance(node, yaml.SequenceNode) or not (node.value or empty_ok):
            raise ConfigError(path, _line(node), f"expected a list of {what}")
        found = []
        for item in node.value:
            values = _check_mapping(item, schema, path)
            problem = rule(values)
            if problem:
                raise ConfigError(path, _line(item), problem)
            found.append(make(line=_line(item), **values))
        return tuple(found)
    return check


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


_quotes = records(QUOTE_SCHEMA, functools.partial(MentionCorrection, action="link"),
                  "mentions, each with article and exact", empty_ok=False)


SPLIT_SCHEMA = {
    "entity": Field(text_value, "the id of the entity some of whose mentions are another one", required=True),
    "name": Field(text_value, "the other one's name", required=True),
    "type": Field(type_value, "its type, if not the same"),
    "mentions": Field(_quotes, "its mentions, each by article and quote", required=True),
}


_splits = records(SPLIT_SCHEMA, Split, "splits, each with entity, name and mentions")


_link_action = choice("action", ("add", "remove", "relabel"))
_relation_value = choice("relation", RELATIONS)


LINK_SCHEMA = {
    "article": Field(text_value, "one version's id", required=True),
    "quote": Field(text_value, "some text of its sentence", required=True),
    "other": Field(text_value, "the other version's id", required=True),
    "other_quote": Field(text_value, "some text of the other sentence", required=True),
    "action": Field(_link_action, "add, remove or relabel", required=True),
    "relation": Field(_relation_value, "copy, rewrite or partial (for add and relabel)"),
}


_links = records(LINK_SCHEMA, LinkCorrection, "link corrections", lambda values: (
    f"action {values['action']} needs a relation: copy, rewrite or partial"
    if values["action"] in ("add", "relabel") and not values.get("relation") else ""))


def _number_value(node: yaml.Node, path: str) -> float:
    value = _scalar(node, path, "a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(path, _line(node), f"expected a number such as 30000 or 12.5, got {value!r}")
    return float(value)


_qualifier_value = choice("qualifier", QUALIFIERS)


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


_figures = records(FIGURE_SCHEMA, FigureCorrection, "figure corrections, each with article and exact",
                   lambda values: "" if {"value", "qualifier", "unit", "remove"} & set(values)
                   else "say what is right: value, qualifier, unit, or remove: true")


MOVE_SCHEMA = {
    "article": Field(text_value, "the article's id", required=True),
    "story": Field(text_value, "the id of the story it is a version of"),
    "alone": Field(_true_value, "true: it is a version of no other article"),
}


_moves = records(MOVE_SCHEMA, Move, "moves, each with article and story (or alone: true)", lambda values: (
    "give either story: ID (into that story) or alone: true (out of any)"
    if bool(values.get("story")) == bool(values.get("alone")) else ""))


verdict_value = choice("action", ("dismiss", "confirm"))


VERDICT_SCHEMA = {
    "story": Field(text_value, "the story's id (its page's address)", required=True),
    "about": Field(text_value, "what the disagreement is about, or one of its figures as written", required=True),
    "action": Field(verdict_value, "dismiss or confirm", required=True),
    "note": Field(text_value, "a line shown to readers beside it"),
}


_verdicts = records(VERDICT_SCHEMA, Verdict, "verdicts, each with story, about and action")


def _merges(node: yaml.Node, path: str) -> tuple[Merge, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise ConfigError(path, _line(node), "expected a list of merges, each a list of two or more entity ids")
    found = []
    for item in node.value:
        if not isinstance(item, yaml.SequenceNode) or len(item.value) < 2:
            raise ConfigError(path, _line(item), "a merge is a list of two or more entity ids: [hezbollah, hizbullah]")
        found.append(Merge(_line(item), tuple(text_value(one, path) for one in item.value)))
    return tuple(found)


def _mention_rule(values: dict[str, Any]) -> str:
    if values.get("action") in ("add", "retype") and not values.get("type"):
        return f"action {values['action']} needs a type: person, org, place or group"
    if values.get("action") == "link" and not values.get("entity"):
        return "action link needs an entity: the id of the entity it stands for"
    return ""


_mentions = records(MENTION_SCHEMA, MentionCorrection, "corrections, each with article, exact and action",
                    _mention_rule)
