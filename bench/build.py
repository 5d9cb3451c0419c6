#!/usr/bin/env python3
"""Build speed at archive scale, and against Pelican on the same articles.

    python3 bench/build.py [--articles 1000 10000] [--workdir /tmp/bench-build]
                           [--make-archive PATH] [--no-pelican]

Per size, on a synthetic archive from ../shared/bench/make_archive.py: a cold full build
(no build/, no cache), the seconds of each stage (`build --verbose`), the build's peak
memory, a rebuild with nothing changed, a rebuild after one article's text is edited, and
the size of build/. For the 1,000-article archive, Pelican 4.12 builds the same articles in
the same run: its own virtual environment (made once, not timed), a site made by
`pelican-quickstart` with its default answers (which leave Pelican's content cache off), the
articles with Pelican's metadata lines instead of YAML front matter (converted, not timed),
no output/ left from before; the ratio is our cold build over Pelican's.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from browsing import chromium

MAKE_ARCHIVE = REPO.parent / "shared/bench/make_archive.py"
PELICAN = "pelican[markdown]==4.12.*"
QUICKSTART_ANSWERS = "\n\n\n\nn\n" + "\n" * 20
"""Defaults for every question of pelican-quickstart but the URL prefix (none)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-build"))
    parser.add_argument("--make-archive", type=Path, default=MAKE_ARCHIVE)
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--serve", action="store_true",
                        help="also time `build --serve`: saving an article to the open page showing it")
    args = parser.parse_args(argv)
    for size in args.articles:
        root = args.workdir / f"a{size}"
        if not (root / "content-truth.json").exists():
            subprocess.run([sys.executable, str(args.make_archive), str(root / "content"), "--articles",
                            str(size)], check=True, stdout=subprocess.DEVNULL)
        (root / "site.yaml").write_text(f"title: Build benchmark, {size} articles\nbase_url: /\n")
        shutil.rmtree(root / "build", ignore_errors=True)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold = run([sys.executable, "-m", "generator", "--source", str(root), "--verbose"])
        stages = {name.rstrip(): value for name, value in re.findall(r"^stage (.+): ([\d.]+) s$", cold["stderr"], re.MULTILINE)}
        again = run([sys.executable, "-m", "generator", "--source", str(root)])
        edit_one(root)
        edited = run([sys.executable, "-m", "generator", "--source", str(root)])
        rows = [("cold full build s", f"{cold['seconds']:.1f}"),
                *((f"  stage {name} s", value) for name, value in stages.items()),
                ("peak memory MB (max RSS of one process)", f"{cold['max_rss_mb']:.0f}"),
                ("peak memory MB (all processes, PSS)", f"{cold['peak_pss_mb']:.0f}"),
                ("rebuild, nothing changed s", f"{again['seconds']:.1f}"),
                ("rebuild, one article edited s", f"{edited['seconds']:.1f}"),
                ("output bytes (build/)", f"{tree_bytes(root / 'build'):,}")]
        if size == 1000 and not args.no_pelican:
            pelican = pelican_build(root, args.workdir)
            rows += [("Pelican 4.12 cold build s", f"{pelican['seconds']:.1f}"),
                     ("Pelican peak memory MB", f"{pelican['max_rss_mb']:.0f}"),
                     ("Pelican output bytes", f"{tree_bytes(root.parent / 'pelican-site' / 'output'):,}"),
                     ("ratio ours / Pelican", f"{cold['seconds'] / pelican['seconds']:.2f}")]
        if args.serve:
            served = serve_latency(root)
            rows += [("serve: start to watching, previews ready s", f"{served['ready']:.1f}"),
                     ("serve: save to page showing it s", f"{served['shown']:.1f}"),
                     ("serve: save to site rebuilt s", f"{served['rebuilt']:.1f}")]
        print(f"\n== {size} articles: {cold['stdout'].strip()}")
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value:>14}")
    return 0


def run(command: list[str], cwd: Path | None = None) -> dict:
    """Run COMMAND; its wall seconds, peak memory, output. Stops the benchmark if it fails. The
    files the run before wrote are flushed to disk first (os.sync), so that their write-back, which
    the system does in its own time, does not slow this run (a cold build writes 600 MB)."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=cwd or REPO)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=sample_memory, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))  # both pipes at once
    reader.start()
    stdout = process.stdout.read()
    reader.join()
    stderr = errors[0]
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode not in (0,):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    return {"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024, "peak_pss_mb": peak[0] / 1024,
            "stdout": stdout, "stderr": stderr}


def sample_memory(pid: int, peak: list[int], done: threading.Event) -> None:
    """The highest sum, over PID and its descendants, of their proportional set size (KB; pages that
    forked workers share are counted once), sampled every 0.2 s."""
    while not done.wait(0.2):
        tree, total = {pid}, 0
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                parents[int(stat.parent.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        grew = True
        while grew:
            grew = False
            for child, parent in parents.items():
                if parent in tree and child not in tree:
                    tree.add(child)
                    grew = True
        for member in tree:
            try:
                rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            except OSError:
                continue
            total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        peak[0] = max(peak[0], total)


def edit_one(root: Path) -> None:
    """Add a sentence to the body of the first article (by path)."""
    article = min((root / "content").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOfficials said the talks would resume.\n",
                       encoding="utf-8")


def serve_latency(root: Path) -> dict[str, float]:
    """Seconds from starting `build --serve` to its watching for changes with previews ready; from
    saving an edited article to its page, open in Chromium, showing the edit (the preview); and
    from saving to the whole site rebuilt (after os.sync, as run())."""
    os.sync()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "generator", "--source", str(root), "--serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
    try:
        url = ""
        while not url:
            line = server.stdout.readline()
            if not line:
                sys.exit("build --serve stopped before serving")
            url = line.split()[1] if line.startswith("serving ") else ""
        while not line.startswith("watching"):
            line = server.stdout.readline()
            if not line:
                sys.exit("build --serve stopped before watching")
        ready = time.perf_counter() - started
        built: list[float] = []
        threading.Thread(target=lambda: [built.append(time.perf_counter()) for line in server.stdout
                                         if line.startswith("built ")], daemon=True).start()
        article = min((root / "content").rglob("*.md"))
        page_path = "articles/" + article.relative_to(root / "content").with_suffix("").as_posix() + "/"
        marker = f"Edited at {time.time_ns()}"
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url + page_path)
            text = article.read_text(encoding="utf-8")
            saved = time.perf_counter()
            article.write_text(text + f"\n{marker}.\n", encoding="utf-8")
            page.get_by_text(marker).wait_for(timeout=600_000)
            shown = time.perf_counter() - saved
        while not built:
            if server.poll() is not None:
                sys.exit("build --serve stopped before rebuilding")
            time.sleep(0.1)
        return {"ready": ready, "shown": shown, "rebuilt": built[0] - saved}
    finally:
        server.terminate()
        server.wait()


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pelican_build(root: Path, workdir: Path) -> dict:
    """Pelican's cold build of ROOT's articles (see the module's docstring)."""
    venv = workdir / "pelican-venv"
    if not (venv / "bin/pelican").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "-q", PELICAN], check=True)
    site = root.parent / "pelican-site"
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([str(venv / "bin/pelican-quickstart"), "-p", str(site), "-t", "Bench", "-a", "Bench"],
                   input=QUICKSTART_ANSWERS, text=True, check=True, stdout=subprocess.DEVNULL)
    for article in sorted((root / "content").rglob("*.md")):
        target = site / "content" / article.relative_to(root / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        slug = article.relative_to(root / "content").with_suffix("").as_posix().replace("/", "-")
        target.write_text(pelican_markdown(article.read_text(encoding="utf-8"), slug), encoding="utf-8")
    shutil.rmtree(site / "output", ignore_errors=True)
    return run([str(venv / "bin/pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"], cwd=site)


def pelican_markdown(text: str, slug: str) -> str:
    """YAML front matter -> Pelican's `Key: value` metadata lines (with a SLUG: versions of a story
    share their title, from which Pelican would make one URL for all); the body as it is."""
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    meta = {}
    for line in front.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        meta[key.strip()] = json.loads(value) if value.startswith('"') else value
    lines = [f"Title: {meta.get('title', 'Untitled')}", f"Slug: {slug}"]
    if meta.get("date"):
        lines.append(f"Date: {meta['date'][:16].replace('T', ' ')}")
    if meta.get("source"):
        lines.append(f"Category: {meta['source']}")
    return "\n".join(lines) + "\n\n" + body.lstrip("\n")


if __name__ == "__main__":
    sys.exit(main())
