#!/usr/bin/env python3
"""Search at archive scale: what a reader downloads and how long a query takes, in Chromium.

    python3 bench/search.py [--articles 1000 10000 100000] [--workdir /tmp/bench-search]
                            [--make-archive PATH] [--rebuild]

For each size: writes a synthetic archive with ../shared/bench/make_archive.py,
builds the whole site (`build --verbose`, unless the work directory already
holds that build and --rebuild is not given), serves build/ on 127.0.0.1 and
runs a fixed list of queries in headless Chromium (Debian's /usr/bin/chromium).

Prints per size: the search stage's seconds, the index's bytes on disk, the
site's size and its share per article, the bytes of a first query (every file
fetched from opening the search page until its results and their passages
are drawn, each counted gzip-compressed at level 6 as a static host
serves it; a fresh browser context per query), the bytes each later query adds
in one page (each query typed once the last one's passages are drawn, as a
reader would), and the latency window.searchTimings records (from the key
press to the results drawn) over the queries after the first: median and 95th
percentile. Then whether each exact title finds its article (or another
version of its story) first.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browsing import chromium, serve

MAKE_ARCHIVE = Path(__file__).resolve().parents[2] / "shared/bench/make_archive.py"
FIXED_QUERIES = ("said", "people", "officials said", "ceasefire", "hospital evacuated", "Mosul", "Juba",
                 "30,000", "35,000", "Thursday", "refinery airport ceasefire", "temporary amnesty airport",
                 "amnest*", "the")
"""Queries that make_archive's vocabulary answers whatever the size; names, a rare word and titles
are taken from each archive (see queries())."""
TITLES = 5


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    title_of: str = ""
    """For an exact title: the path (under content/) of the article it is the title of."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-search"))
    parser.add_argument("--make-archive", type=Path, default=MAKE_ARCHIVE)
    parser.add_argument("--rebuild", action="store_true", help="build again even if a build is there")
    args = parser.parse_args(argv)
    for size in args.articles:
        root = args.workdir / f"a{size}"
        prepare_archive(root, size, args.make_archive)
        built = build(root, args.rebuild)
        report(root, size, built)
    return 0


def prepare_archive(root: Path, size: int, make_archive: Path) -> None:
    if not (root / "content-truth.json").exists():
        subprocess.run([sys.executable, str(make_archive), str(root / "content"), "--articles", str(size)],
                       check=True, stdout=subprocess.DEVNULL)
    (root / "site.yaml").write_text(f"title: Search benchmark, {size} articles\nbase_url: /\n")


def build(root: Path, again: bool) -> dict:
    """Build ROOT's site (or read what the last build recorded): wall seconds, stage seconds, and the
    peak RSS of this process's largest child so far (sizes run smallest first, so: this build's)."""
    record = root / "bench-build.json"
    if record.exists() and (root / "build/search/manifest.json").exists() and not again:
        return json.loads(record.read_text())
    (root / ".cache/story-archive/last-build.json").unlink(missing_ok=True)  # build, even if unchanged
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--source", str(root), "--verbose"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parents[1])
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"the build of {root} failed:\n{err}")
    stages = {m[1].strip(): float(m[2]) for m in re.finditer(r"^stage (.+): ([\d.]+) s$", err, re.MULTILINE)}
    result = {"seconds": seconds, "stages": stages, "summary": out.strip(),
              "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
    record.write_text(json.dumps(result, indent=1))
    return result


def report(root: Path, size: int, built: dict) -> None:
    site = root / "build"
    search_bytes = sum(p.stat().st_size for p in (site / "search").rglob("*.json"))
    search_files = sum(1 for _ in (site / "search").rglob("*.json"))
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    queries = list_queries(root)
    with serve(site) as url, chromium() as browser:
        first = [first_query(browser, url, query.text, site) for query in queries]
        later, timings, tops = later_queries(browser, url, queries, site)
    truth = json.loads((root / "content-truth.json").read_text())
    titles = [q for q in queries if q.title_of]
    shared = title_sharers(root, titles)
    title_ok = sum(1 for q, top in zip(queries, tops) if q.title_of and
                   (truth.get(top + ".md") == truth[q.title_of] or top + ".md" in shared[q.text]))

    print(f"\n== {size} articles ({built['summary']})")
    rows = [
        ("full build s", f"{built['seconds']:.1f}"),
        ("peak RSS of the build MB", f"{built['peak_rss_mb']:.0f}" if built.get("peak_rss_mb") else "-"),
        ("index build s (stage 'search index')", f"{built['stages'].get('search index', float('nan')):.1f}"),
        ("index bytes on disk (files)", f"{search_bytes:,} ({search_files:,})"),
        ("site bytes / per article", f"{site_bytes:,} / {site_bytes // size:,}"),
        ("first query KB gzip-6, median / max", f"{kb(statistics.median(first))} / {kb(max(first))}"),
        ("later query KB gzip-6, median / max", f"{kb(statistics.median(later))} / {kb(max(later))}"),
        ("latency ms after the first, median / p95",
         f"{statistics.median(timings):.1f} / {percentile(timings, 95):.1f}"),
        ("exact titles: top result is that story's", f"{title_ok} of {len(titles)}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print(f"\n{'query':<60} {'first KB':>9} {'later KB':>9} {'ms':>7}")
    for query, one, more, ms in zip(queries, first, [0, *later], [float("nan"), *timings]):
        print(f"{query.text[:60]:<60} {kb(one):>9} {kb(more):>9} {ms:>7.1f}")


def list_queries(root: Path) -> list[Query]:
    """FIXED_QUERIES, two people's full names, a word one article has, and TITLES exact titles."""
    aliases = json.loads((root / "content-aliases.json").read_text())
    people = [group[0][1] for key, group in sorted(aliases.items())][:2]
    paths = sorted(json.loads((root / "content-truth.json").read_text()))
    picked = [paths[i * (len(paths) - 1) // (TITLES - 1)] for i in range(TITLES)]
    titles = [Query(front_matter_title(root / "content" / path), path) for path in picked]
    return [*map(Query, FIXED_QUERIES), *map(Query, people), Query(rare_word(root / "build")), *titles]


def front_matter_title(path: Path) -> str:
    match = re.search(r"^title: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    value = match[1] if match else ""
    return json.loads(value) if value.startswith('"') else value


def rare_word(site: Path) -> str:
    """The alphabetic term (four letters or more) that the fewest articles have."""
    manifest = json.loads((site / "search/manifest.json").read_text())
    best = (float("inf"), "")
    for n in range(len(manifest["shards"])):
        for entry in json.loads((site / f"search/t/{n}.json").read_text()):
            if entry[2] > 0 and entry[0].isalpha() and len(entry[0]) >= 4:
                best = min(best, (entry[2], entry[0]))
    return best[1]


def title_sharers(root: Path, titles: list[Query]) -> dict[str, set[str]]:
    """Exact title -> every article path that has it (a title two stories share may rank either)."""
    wanted = {q.text: set() for q in titles}
    for path in (root / "content").rglob("*.md"):
        title = front_matter_title(path)
        if title in wanted:
            wanted[title].add(path.relative_to(root / "content").as_posix())
    return wanted


def first_query(browser, url: str, text: str, site: Path) -> int:
    """Gzip bytes of every file a fresh reader fetches to see TEXT's results."""
    context, page = search_page(browser, url)
    ask(page, text)
    fetched = [page.evaluate("() => performance.getEntriesByType('navigation')[0].name"), *downloads(page)]
    context.close()
    return sum(gzip_size(site, one) for one in fetched)


def later_queries(browser, url: str, queries: list[Query], site: Path):
    """In one page, every query in turn: bytes each adds after the first, latencies, top results."""
    context, page = search_page(browser, url)
    added, tops = [], []
    for n, query in enumerate(queries):
        page.evaluate("() => performance.clearResourceTimings()")
        ask(page, query.text)
        if n:
            added.append(sum(gzip_size(site, one) for one in downloads(page)))
        first = page.locator("#search-results a.search-result-title").first
        tops.append((first.get_attribute("href") or "").removeprefix("/articles/").rstrip("/")
                    if first.count() else "")
    timings = page.evaluate("() => window.searchTimings.map(t => t.ms)")
    context.close()
    return added, timings[1:], tops


def search_page(browser, url: str):
    """A fresh browser context and its search page, ready for a query."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("performance.setResourceTimingBufferSize(100000)")
    page.goto(url + "search/")
    page.locator("#search[data-ready=true]").wait_for(state="attached")
    return context, page


def downloads(page) -> list[str]:
    """The address of every file the page has fetched since its resource timings were cleared (the
    page's own records: a fetch is in them once its response is whole, so none is missed or counted
    twice, as the browser's events to this process could be)."""
    return page.evaluate("() => performance.getEntriesByType('resource').map(entry => entry.name)")


def ask(page, text: str) -> None:
    page.fill("#search-q", text)
    page.press("#search-q", "Enter")
    query = json.dumps(text.strip(), ensure_ascii=False)
    page.locator(f"#search-results[data-state=done][data-query={query}][data-passages=done]").wait_for(
        state="attached", timeout=120_000)


@functools.cache
def gzip_size_of(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) if path.is_file() else 0


def gzip_size(site: Path, url: str) -> int:
    path = unquote(urlparse(url).path).lstrip("/")
    return gzip_size_of(site / (path + "index.html" if path.endswith("/") or not path else path))


def kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


if __name__ == "__main__":
    sys.exit(main())
