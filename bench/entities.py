#!/usr/bin/env python3
"""Time the default entity recogniser on a synthetic archive, on one core.

    python3 bench/entities.py [--articles 10000] [--workdir /tmp/bench-entities]
                              [--make-archive PATH] [--seed 7] [--score]

Writes the archive with ../shared/bench/make_archive.py (unless the work
directory already holds one of that size), reads it and splits its sentences
(not timed), then times the two stages of the recogniser: find_mentions over
every article (the candidates) and reconcile_entities (the cross-article stage;
its stories come from group_versions, not timed), with the gazetteer of the
repository's site.yaml. The process is pinned to one CPU first. Throughput is
words of article text per second of both stages together, by CPU time (the
work of one core) and by the wall clock (which a busy machine inflates).

With --score, the reconciled entities are scored against the archive's
aliases file by ../shared/bench/score.py `score_aliases`, loaded from that file
and handed the article records in memory: nothing is exported.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.annotate.entities import find_mentions
from generator.annotate.entities_lexicon import known_names, town_names
from generator.annotate.sentences import split_sentences
from generator.archive.entities import reconcile_entities
from generator.archive.stories import group_versions
from generator.config import load_config
from generator.model import Annotation, Article, EntityTable
from generator.read import read_articles

MAKE_ARCHIVE = REPO.parent / "shared/bench/make_archive.py"
SEED = 7
"""make_archive.py's default seed; --seed picks another archive of the same size."""

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-entities"))
    parser.add_argument("--make-archive", type=Path, default=MAKE_ARCHIVE)
    parser.add_argument("--seed", type=int, default=SEED, help=f"make_archive.py's seed (default {SEED})")
    parser.add_argument("--score", action="store_true", help="score aliases against the archive's aliases file")
    args = parser.parse_args(argv)

    cpu = pin_to_one_core()
    content = args.workdir / f"a{args.articles}-seed{args.seed}" / "content"
    aliases_path = content.parent / "content-aliases.json"
    if not aliases_path.exists():
        subprocess.run([sys.executable, str(args.make_archive), str(content),
                        "--articles", str(args.articles), "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
    config = load_config(REPO)
    articles = sorted(read_articles(content).articles, key=lambda a: a.id)
    sentences = {a.id: split_sentences(a) for a in articles}
    words = sum(len(a.text.split()) for a in articles)

    _, lexicon_times = timed(lambda: (known_names(), town_names()))
    mentions, find_times = timed(lambda: {a.id: find_mentions(a, sentences[a.id]) for a in articles})
    annotations = {a.id: Annotation(a.id, sentences[a.id], mentions[a.id], ()) for a in articles}
    stories = group_versions(articles, annotations, config.grouping_threshold)
    table, reconcile_times = timed(lambda: reconcile_entities(articles, annotations, stories, config.gazetteer))

    both = (find_times[0] + reconcile_times[0], find_times[1] + reconcile_times[1])
    rows = [
        ("core", f"cpu {cpu}" if cpu is not None else "not pinned"),
        ("articles (seed)", f"{len(articles)} ({args.seed})"),
        ("words", f"{words}"),
        ("mentions", f"{sum(len(m) for m in mentions.values())}"),
        ("entities", f"{len(table.entities)}"),
        ("lexicon load s (cpu / wall, once)", seconds(lexicon_times)),
        ("find_mentions s (cpu / wall)", seconds(find_times)),
        ("reconcile_entities s (cpu / wall)", seconds(reconcile_times)),
        ("both s (cpu / wall)", seconds(both)),
        ("words/s, both (cpu / wall)", f"{words / both[0]:,.0f} / {words / both[1]:,.0f}"),
        ("words/s, both + lexicon load (cpu / wall)",
         f"{words / (both[0] + lexicon_times[0]):,.0f} / {words / (both[1] + lexicon_times[1]):,.0f}"),
    ]
    if args.score:
        scored = score_aliases(args.make_archive.parent / "score.py", articles, table, aliases_path)
        rows += [(name, f"{value:.3f}" if isinstance(value, float) else f"{value}") for name, value in scored.items()]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>15}")
    return 0


def pin_to_one_core() -> int | None:
    """Run on one CPU (the lowest this process may use), where the OS lets us choose."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def timed(work: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    """The result of `work` and the (CPU, wall) seconds it took."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return result, (time.process_time() - cpu, time.perf_counter() - wall)


def seconds(times: tuple[float, float]) -> str:
    return f"{times[0]:.2f} / {times[1]:.2f}"


def score_aliases(score_py: Path, articles: Sequence[Article], table: EntityTable,
                  aliases_path: Path) -> Mapping[str, Any]:
    """score.py's `aliases` figures, over the article records export.py would write.

    score_aliases reads the records with its module's load_articles: this one
    loaded copy of score.py is given a load_articles that returns them from memory.
    """
    spec = importlib.util.spec_from_file_location("bench_score", score_py)
    if spec is None or spec.loader is None:
        raise SystemExit(f"entities: cannot load {score_py}")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    records = [{"id": a.id, "path": a.path, "text": a.text, "entities": [
        {"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": m.entity}
        for m in table.mentions.get(a.id, ())]} for a in articles]
    score.load_articles = lambda _data_dir: records
    scored = dict(score.score_aliases(None, aliases_path))
    scored["of which two roles share a spelling"] = same_spelling_merges(aliases_path)
    return scored


def same_spelling_merges(aliases_path: Path) -> int:
    """Wrong merges no recogniser can avoid: two roles of one story that
    make_archive.py gave the same name (the scorer keys a mention on its article
    and spelling, so the two are one key)."""
    spellings: dict[str, set[tuple[str, str]]] = {}
    for key, mentions in json.loads(aliases_path.read_text()).items():
        spellings.setdefault(key.rsplit(":", 1)[0], set())
        spellings[key.rsplit(":", 1)[0]] |= {(key, spelling) for _, spelling in mentions}
    count = 0
    for roles in spellings.values():
        by_spelling: dict[str, set[str]] = {}
        for key, spelling in roles:
            by_spelling.setdefault(spelling, set()).add(key)
        count += len({frozenset(keys) for keys in by_spelling.values() if len(keys) > 1})
    return count


if __name__ == "__main__":
    sys.exit(main())
