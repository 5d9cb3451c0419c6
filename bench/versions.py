#!/usr/bin/env python3
"""Time story grouping and version alignment on a synthetic archive.

    python3 bench/versions.py [--articles 10000] [--workdir /tmp/bench-versions]
                              [--make-archive PATH]

Writes the archive with ../shared/bench/make_archive.py (unless the work
directory already holds one of that size), reads and annotates it (not
timed), then times group_versions and align_versions, and scores the grouping
against the archive's truth file as ../shared/bench/score.py `score_groups`
does (pair precision and recall over story membership).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.annotate import annotate
from generator.archive.align import align_versions
from generator.archive.stories import group_versions
from generator.model import Article, Story
from generator.read import read_articles

MAKE_ARCHIVE = Path(__file__).resolve().parents[2] / "shared/bench/make_archive.py"
THRESHOLD = 0.3
"""The grouping threshold of a default site.yaml."""

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-versions"))
    parser.add_argument("--make-archive", type=Path, default=MAKE_ARCHIVE)
    args = parser.parse_args(argv)

    content = args.workdir / f"a{args.articles}" / "content"
    truth_path = content.parent / "content-truth.json"
    if not truth_path.exists():
        subprocess.run([sys.executable, str(args.make_archive), str(content),
                        "--articles", str(args.articles)], check=True, stdout=subprocess.DEVNULL)
    read = read_articles(content)
    articles = sorted(read.articles, key=lambda a: a.id)
    annotations = {a.id: annotate(a) for a in articles}

    stories, group_times = timed(lambda: group_versions(articles, annotations, THRESHOLD))
    by_id = {a.id: a for a in articles}
    _, align_times = timed(lambda: align_versions(stories, by_id, annotations))
    f1 = groups_f1(articles, stories, json.loads(truth_path.read_text()))

    rows = [
        ("articles", f"{len(articles)}"),
        ("stories found", f"{len(stories)}"),
        ("groups_f1", f"{f1:.3f}"),
        ("grouping s (cpu / wall)", f"{group_times[0]:.2f} / {group_times[1]:.2f}"),
        ("alignment s (cpu / wall)", f"{align_times[0]:.2f} / {align_times[1]:.2f}"),
        ("total s (cpu / wall)",
         f"{group_times[0] + align_times[0]:.2f} / {group_times[1] + align_times[1]:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>15}")
    return 0


def timed(work: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    """The result of `work` and the (CPU, wall) seconds it took."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, (time.process_time() - cpu, time.perf_counter() - wall)


def groups_f1(articles: Iterable[Article], stories: Iterable[Story], truth: Mapping[str, str]) -> float:
    """Pair F1 of story membership against the truth file (score.py `score_groups`)."""
    story_of = {a: s.id for s in stories for a in s.articles}
    predicted = {a.path: story_of.get(a.id, f"alone:{a.id}") for a in articles}
    both = [p for p in truth if p in predicted]
    true_pairs = pairs(Counter((predicted[p], truth[p]) for p in both).values())
    predicted_pairs = pairs(Counter(predicted[p] for p in both).values())
    gold_pairs = pairs(Counter(truth[p] for p in both).values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 0.0
    recall = true_pairs / gold_pairs if gold_pairs else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


if __name__ == "__main__":
    sys.exit(main())
