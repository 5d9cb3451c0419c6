"""Which names of one story are one entity: acronyms, transliterations, surnames.

Names are nodes; a union-find joins them. Candidates are only ever compared
within one story and within a block of one consonant skeleton, so the work
grows with the archive, not with its square.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.archive.entities_names import initials, same_name, same_sound, skeleton

Node = tuple[str, ...]
"""("gazetteer", name) | ("name", folded) | ("story", story id, folded): see entities.py."""

SURE = 0.6
"""A node whose best cue scored below this may change type when it joins another."""


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """What the merge rules read about one node."""

    surface: str
    """Its most frequent spelling."""
    parts: tuple[str, ...]
    """name_parts of that spelling."""
    sounds: tuple[str, ...]
    """The phonetic form of each part."""
    type: str
    """Its type by the weight of its mentions' cues."""
    best_score: float


class UnionFind:
    """Nodes joined into entities; the root of a set is its smallest node, so joins are order-free."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        root = node
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while node != root:
            self.parent[node], node = root, self.parent.get(node, node)
        return root

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


def _compatible(a: Node, b: Node, info: Mapping[Node, NodeInfo]) -> bool:
    """Of one type (or one of them unsure of its own), and not two names the site owner declared."""
    if a[0] == b[0] == "gazetteer":
        return False
    return info[a].type == info[b].type or min(info[a].best_score, info[b].best_score) < SURE


def merge_story(nodes: Iterable[Node], info: Mapping[Node, NodeInfo], joined: UnionFind) -> None:
    """Join the names of one story that are one entity."""
    nodes = sorted(set(nodes))
    _join_acronyms(nodes, info, joined)
    _join_transliterations(nodes, info, joined)
    _join_surnames(nodes, info, joined)


def _join_acronyms(nodes: list[Node], info: Mapping[Node, NodeInfo], joined: UnionFind) -> None:
    """United Nations / UN / U.N.; United States / U.S."""
    acronyms = {info[n].parts[0]: n for n in nodes
                if len(info[n].parts) == 1 and info[n].surface.replace(".", "").isupper()}
    for node in nodes:
        short = acronyms.get(initials(info[node].surface))
        if short is not None and short != node and _compatible(node, short, info):
            joined.union(node, short)


def _join_transliterations(nodes: list[Node], info: Mapping[Node, NodeInfo], joined: UnionFind) -> None:
    """Hezbollah / Hizbullah; Omar Haddad / Umar Hadad: compared only within a skeleton block."""
    blocks: dict[tuple[str, ...], list[Node]] = defaultdict(list)
    for node in nodes:
        blocks[tuple(map(skeleton, info[node].sounds))].append(node)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if _compatible(a, b, info) and same_name(info[a].sounds, info[b].sounds):
                    joined.union(a, b)


def _join_surnames(nodes: list[Node], info: Mapping[Node, NodeInfo], joined: UnionFind) -> None:
    """Assad / Bashar al-Assad: a lone word joins the one full name of the story it ends."""
    full_names: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        if info[node].type == "person" and len(info[node].parts) > 1:
            full_names[skeleton(info[node].sounds[-1])].append(node)
    for node in nodes:
        single = info[node]
        if len(single.parts) != 1 or node[0] == "name":  # an archive-wide name is no story's surname
            continue
        roots = {joined.find(full) for full in full_names.get(skeleton(single.sounds[0]), ())
                 if same_sound(info[full].sounds[-1], single.sounds[0]) and _compatible(node, full, info)}
        if len(roots) == 1:  # two people of one surname: the lone word stays apart
            joined.union(node, roots.pop())
