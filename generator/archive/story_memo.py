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
from generator.model import Annotation, Article, Story

MEMO_DIR = ".cache/story-archive/stories"
T = TypeVar("T")


class StoryMemo:
    """The entries of STORIES under ROOT/MEMO_DIR; EXTRA: whatever else the stages read
    (the corrections), the same for every story."""

    def __init__(self, root: Path, stories: Sequence[Story], articles: Mapping[str, Article],
                 annotations: Mapping[str, Annotation], extra: object) -> None:
        self.folder = root / MEMO_DIR
        salt = diskcache.key(diskcache.package_digest(), extra)
        self.keys = {story.id: diskcache.key(salt, story, *((articles[a], annotations[a]) for a in story.articles))
                     for story in stories}
        self.entries: dict[str, dict[str, Any]] = {
            story_id: diskcache.load(self.folder / key, _is_entry) or {} for story_id, key in self.keys.items()}
        self.changed: set[str] = set()

    def each(self, stage: str, stories: Sequence[Story], compute: Callable[[Story], T]) -> dict[str, T]:
        """STAGE's result for each story: remembered, or COMPUTEd now."""
        found = {}
        for story in stories:
            entry = self.entries[story.id]
            if stage not in entry:
                entry[stage] = compute(story)
                self.changed.add(story.id)
            found[story.id] = entry[stage]
        return found

    def save(self) -> None:
        """Store the entries computed this build; drop those of stories no longer built."""
        for story_id in sorted(self.changed):
            diskcache.store(self.folder / self.keys[story_id], self.entries[story_id])
        diskcache.prune(self.folder, self.keys.values())


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)
