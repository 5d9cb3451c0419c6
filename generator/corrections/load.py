"""corrections.yaml -> Corrections: a typed schema, and errors that name corrections.yaml:LINE."""
from __future__ import annotations

from pathlib import Path

import yaml

from ..config import Field, _check_mapping, _line, _scalar, text_value, type_value
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
