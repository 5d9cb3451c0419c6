"""What corrections.yaml holds: one frozen record per correction, with its line."""
from __future__ import annotations

from dataclasses import dataclass

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
