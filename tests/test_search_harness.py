"""search.js under Node against split indexes of four generated archives: every ranking and
every exact count as one lunr.py index gives them, with fresh stores, overlapping searches and
failing fetches (tests/search_harness.js). Thousands of searches in seconds, where Chromium runs
dozens."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from test_search_index import article, site_config
from test_search_shards import (
    COMMON,
    RARE,
    SOURCES,
    benchmark_like_site,
    benchmark_queries,
    reference,
    whole_index,
)

from generator.model import EntityTable, Site, Story
from generator.search.index import build_search_files, in_search_order

HARNESS = Path(__file__).parent / "search_harness.js"
MORE = ["armistice", "armed", "army-led", "cityscape", "peoples", "aid-workers", "talked", "talking"]
QUERIES = ["army", "army city", "forces people truce", "qalun", "marova army", "arm", "30,000", "U.N.", "12.5%",
           "Report 7 on", "border talks aid", "zabir homek", "nothingatall", "said army", "peo", "city", "peo arm",
           "ar", "tal", "army-led", "aid-workers city", "cit", "for", "bor", "the", "for the"]


def skewed_site(count: int, seed: int) -> Site:
    """Articles of 1 to 40 words drawn with Zipf-like weights from the test vocabulary."""
    rng = random.Random(seed)
    vocabulary = COMMON + RARE + MORE
    weights = [1.0 / (i + 1) ** rng.uniform(0.5, 1.5) for i in range(len(vocabulary))]
    articles = []
    for n in range(count):
        words = rng.choices(vocabulary, weights=weights, k=rng.randint(1, 40))
        title = " ".join(rng.choices(vocabulary, weights=weights, k=rng.randint(1, 4)))
        articles.append(article(f"r/{n:04d}", title, " ".join(words) + ".", source=SOURCES[rng.randrange(4)]))
    return Site(tuple(articles), {}, EntityTable((), {}), (), (), {}, {}, {})


def tied_site(count: int, seed: int) -> Site:
    """Articles that repeat a dozen bodies and five titles: many exact ties in score."""
    rng = random.Random(seed)
    vocabulary = COMMON + RARE[:8] + MORE[:4]
    bodies = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 6))) for _ in range(12)]
    titles = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 2))) for _ in range(5)]
    return Site(tuple(article(f"t/{n:04d}", rng.choice(titles), rng.choice(bodies) + ".",
                              source=SOURCES[rng.randrange(4)]) for n in range(count)),
                {}, EntityTable((), {}), (), (), {}, {}, {})


def write_cases(folder: Path, site: Site, head: int, whole: int, seed: int) -> int:
    """The split index of SITE under FOLDER, and cases.json: queries x sources with the whole index's answer."""
    config = site_config(folder / "_config", base_url="/")
    for name, data in build_search_files(site, config, head=head, whole=whole).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    whole = whole_index(site, folder / "_config")
    rng = random.Random(seed)
    vocabulary = COMMON + RARE + MORE + ["report", "ceasefire", "hospital", "refinery", "said", "the"]
    queries = QUERIES + list(benchmark_queries())
    for _ in range(24):
        query = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 4)))
        queries.append(query + (" " + rng.choice(vocabulary)[: rng.randint(2, 5)] if rng.random() < 0.4 else ""))
    sources = sorted({one.source for one in site.articles})
    cases = []
    for query in queries:
        for source in [None, *range(len(sources))]:
            allowed = None if source is None else {one.id for one in site.articles if one.source == sources[source]}
            cases.append({"q": query, "source": source, "ref": reference(whole, site, query, allowed)})
    (folder / "cases.json").write_text(json.dumps({"ids": [one.id for one in in_search_order(site)], "cases": cases}))
    return len(cases)


def with_stories(site: Site, seed: int) -> Site:
    """SITE with its articles in stories of one to five versions, at random: refs then follow the
    stories, and an article's file shows its story's other versions."""
    rng = random.Random(seed)
    ids = sorted(one.id for one in site.articles)
    rng.shuffle(ids)
    stories, at = [], 0
    while at < len(ids):
        size = rng.randint(1, 5)
        versions = tuple(sorted(ids[at:at + size]))
        if len(versions) > 1:
            stories.append(Story(f"story-{len(stories)}", versions, versions[0]))
        at += size
    return replace(site, stories=tuple(sorted(stories, key=lambda story: story.id)))


SITES = {"skewed": (lambda: skewed_site(800, 3), 5, 40), "tied": (lambda: tied_site(300, 4), 3, 20),
         "benchmark-like": (lambda: benchmark_like_site(160), 3, 12),
         "in stories": (lambda: with_stories(skewed_site(400, 8), 9), 2, 16)}
"""Per site: how to make it, and the HEAD and WHOLE its index is cut with (shards.py): low, so that
terms come in every way (in the head alone, whole in the shard, with tails and members)."""


@pytest.mark.parametrize("name", sorted(SITES))
def test_every_search_ranks_and_counts_as_one_index(tmp_path, name):
    if shutil.which("node") is None:
        pytest.fail("node is needed (it runs search.js; the README's set-up installs it with npm)")
    make, head, whole = SITES[name]
    cases = write_cases(tmp_path, make(), head, whole, seed=len(name))
    assert any(len(case["ref"]) > 45 for case in json.loads((tmp_path / "cases.json").read_text())["cases"])
    for mode in ("fresh", "race", "fail"):
        done = subprocess.run(["node", str(HARNESS), str(tmp_path), mode, "10,20,45"], capture_output=True,
                              text=True, timeout=300, check=True)
        tally = json.loads(done.stdout.strip().splitlines()[-1])
        assert tally == {"runs": cases * 3, "mismatches": [], "counts": [], "errors": []}, mode
