"""A build killed (SIGKILL) at any point leaves the previous site whole, and the next one succeeds."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator import diskcache, perarticle, write
from generator.perarticle import CACHE_DIR
from generator.uptodate import STAMP

ARTICLES = 280
"""Enough that the per-article stage runs on every core and the write takes a while (240 until
each pair of versions had one compare page instead of two: 1,292 files then, 1,374 now)."""


def large_archive(root: Path, edition: int) -> Path:
    """ARTICLES articles in stories of two; EDITION changes every page, so a new build differs."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Interrupted\n")
    for i in range(ARTICLES):
        (root / "content" / f"a{i:03d}.md").write_text(
            f"---\ntitle: Edition {edition} report {i}\nsource: {'Reuters' if i % 2 else 'Herald'}\n"
            f"story: s{i // 2}\n---\n\nPresident Omar Haddad said {i + 3} people fled Aleppo on Monday "
            f"as talks in Geneva stalled.\n\nAid workers counted close to {i * 100 + 50} families "
            f"in the eastern districts, edition {edition}.\n")
    return root


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def written(staging: list[Path]) -> int:
    """Files written so far into the folders being filled (which may vanish as they are swapped)."""
    return sum(len(files) for folder in staging for _, _, files in os.walk(folder))


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--source", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(build: subprocess.Popen, ready, limit: float = 60.0) -> int:
    """SIGKILL the build (and its worker processes) as soon as READY() holds. The build runs in
    steps of a few milliseconds and is stopped (SIGSTOP) while READY() is looked at, so that a
    busy machine cannot let it run past a short stage unseen (renaming the changed files into
    place took less than one look of the old 5 ms loop, now and then)."""
    deadline = time.monotonic() + limit
    while build.poll() is None and time.monotonic() < deadline:
        os.killpg(build.pid, signal.SIGSTOP)
        if ready():
            break
        os.killpg(build.pid, signal.SIGCONT)
        time.sleep(0.005)
    if build.poll() is None:
        os.killpg(build.pid, signal.SIGKILL)
    return build.wait()


def test_killing_the_build_anywhere_keeps_the_previous_site_whole(tmp_path):
    """With no stamp of the last build (a first build, or one after a kill), the site is written
    aside and swapped in whole."""
    root = large_archive(tmp_path / "archive", 1)
    subprocess.run([sys.executable, "-m", "generator", "--source", str(root)], check=True,
                   stdout=subprocess.DEVNULL)
    before = digest(root / "build")
    large_archive(root, 2)
    started = time.monotonic()
    staging = lambda: list(tmp_path.joinpath("archive").glob(".build.new-*"))
    cache = root / CACHE_DIR
    cached = lambda: sum(1 for _ in cache.iterdir()) if cache.is_dir() else 0
    cached_before = 0
    kill_points = {
        "while starting": lambda: time.monotonic() - started > 0.3,
        "while caching articles": lambda: cached() > cached_before,
        "as build/ is being written aside": lambda: bool(staging()),
        "halfway through writing": lambda: written(staging()) > len(before) // 3,
        "near the end of writing": lambda: written(staging()) > len(before) * 9 // 10,
    }
    seen = {}
    for name, ready in kill_points.items():
        (root / STAMP).unlink(missing_ok=True)
        started, cached_before = time.monotonic(), cached()
        assert kill_when(start_build(root), ready) == -signal.SIGKILL, f"the build ended before {name}"
        seen[name] = digest(root / "build")
    after = build_to_the_end(root)
    assert after != before
    for name, found in seen.items():
        assert found == before or found == after, f"killed {name}: build/ is neither the old nor the new site"
    assert sum(found == before for found in seen.values()) >= 3
    assert sorted(p.name for p in tmp_path.joinpath("archive").iterdir()) == [
        ".cache", "build", "content", "site.yaml"]

    for entry in cache.iterdir():  # every cached entry whole, no half-written one left behind
        assert not entry.name.startswith(".") and diskcache.load(entry, perarticle._is_prepared) is not None
    fresh = large_archive(tmp_path / "fresh", 2)  # the same archive, built with no cache at all
    assert build_to_the_end(fresh) == after


def test_killing_a_build_that_writes_only_what_changed_leaves_every_file_whole_and_the_next_build_one_site(tmp_path):
    """With the stamp of the last build, only the files that differ are written, through a journal:
    killed, build/ holds each file old or new, never half-written, and what the next build does
    first (recover_interrupted) makes it the old site or the new one."""
    root = large_archive(tmp_path / "archive", 1)
    before = build_to_the_end(root)
    journal = tmp_path / "archive/.build.journal"
    state = lambda: json.loads(journal.read_text()).get("committed") if journal.is_file() else None
    kill_points = {
        "as the changed files are written aside": lambda: state() is False,
        "as they are renamed into place": lambda: state() is True,
    }
    for edition, (name, ready) in enumerate(kill_points.items(), start=2):
        large_archive(root, edition)
        build_to_the_end(root, "--output", str(tmp_path / "whole"))  # the new site, built aside
        after = digest(tmp_path / "whole")
        large_archive(root, edition - 1)
        assert build_to_the_end(root) == before  # the stamp again: the next build writes in place
        large_archive(root, edition)
        assert kill_when(start_build(root), ready) == -signal.SIGKILL, f"the build ended before {name}"
        killed = digest(root / "build")
        for rel, found in killed.items():
            assert found in (before.get(rel), after.get(rel)) or rel.rsplit("/", 1)[-1].startswith("."), (
                f"killed {name}: {rel} is neither the old file nor the new one")
        write.recover_interrupted((root / "build").resolve())
        assert digest(root / "build") in (before, after), f"killed {name}: not one site once recovered"
        assert build_to_the_end(root) == after
        before = after
    assert sorted(p.name for p in tmp_path.joinpath("archive").iterdir()) == [
        ".cache", "build", "content", "site.yaml"]


def build_to_the_end(root: Path, *options: str) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "generator", "--source", str(root), *options], check=True,
                   stdout=subprocess.DEVNULL)
    return digest(Path(options[-1]) if options else root / "build")
