"""Per-story results remembered across builds: an edit to one article redoes its story's work
and no other story's.

A story's entry holds what the per-story stages made of it (its alignments; its reuse shares,
figures and passages compared), keyed by all that those stages read: the story, each version's
article and annotation, the corrections and the generator's code (all of it), so that an
entry is never stale. See generator.diskcache for how entries are kept.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from generator import diskcache
from generator.model import Story
from generator.parallel import map_forked

MEMO_DIR = ".cache/story-archive/stories"
T = TypeVar("T")
PARALLEL_FROM = 32
"""Stories to compute from which forking workers saves more than it costs."""


class StoryMemo:
    """The entries of STORIES under ROOT/MEMO_DIR; EXTRA: whatever else the stages read
    (the corrections), the same for every story."""

    def __init__(self, root: Path, stories: Sequence[Story], fingerprints: Mapping[str, str], extra: object) -> None:
        self.folder = root / MEMO_DIR
        salt = diskcache.key(diskcache.package_digest(), extra)
        self.keys = {story.id: diskcache.key(salt, story, *(fingerprints[a] for a in story.articles))
                     for story in stories}
        found = diskcache.load_all((self.folder / key for key in self.keys.values()), _is_entry)
        self.entries: dict[str, dict[str, Any]] = {story_id: entry or {} for story_id, entry in zip(self.keys, found)}
        self.changed: set[str] = set()

    def each(self, stage: str, stories: Sequence[Story], compute: Callable[[Story], T]) -> dict[str, T]:
        """STAGE's result for each story: remembered, or COMPUTEd now (on every core if many are not)."""
        missing = [story for story in stories if stage not in self.entries[story.id]]
        fresh = map_forked(compute, missing) if len(missing) >= PARALLEL_FROM else list(map(compute, missing))
        for story, value in zip(missing, fresh):
            self.entries[story.id][stage] = value
            self.changed.add(story.id)
        return {story.id: self.entries[story.id][stage] for story in stories}

    def save(self) -> None:
        """Store the entries computed this build; drop those of stories no longer built."""
        for story_id in sorted(self.changed):
            diskcache.store(self.folder / self.keys[story_id], self.entries[story_id])
        diskcache.prune(self.folder, self.keys.values())


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)
