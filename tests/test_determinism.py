"""The same archive gives byte-identical output, whatever the folder, the clock or the listing order."""
import os
import time
from pathlib import Path

from conftest import REPO

from generator.cli import main

EXTRA = {
    "wire/geneva talks.md": "---\ntitle: Talks stall in Geneva\nsource: Reuters\ndate: 2016-12-05\n"
                            "story: geneva\n---\n\nTalks on Syria stalled in Geneva on Monday, "
                            "the United Nations said.\n",
    "papers/geneva-herald.md": "---\ntitle: Geneva talks stall\nsource: Herald\ndate: 2016-12-06\n"
                               "story: geneva\n---\n\nTalks on Syria stalled in Geneva on Monday, "
                               "the U.N. said, and close to 200 delegates left.\n",
    "papers/z-last.md": "---\ntitle: Last by name\n---\n\nAid reached Homs.\n",
    "a-first.md": "---\ntitle: First by name\n---\n\nAid reached Idlib.\n",
}


def write_archive(root: Path, reverse: bool) -> Path:
    """The seed archive plus EXTRA, its files created in name order or in reverse."""
    files = {p.relative_to(REPO / "content").as_posix(): p.read_text() for p in (REPO / "content").glob("*.md")}
    files.update(EXTRA)
    root.mkdir(parents=True)
    (root / "site.yaml").write_text((REPO / "site.yaml").read_text())
    for name in sorted(files, reverse=reverse):
        target = root / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(files[name])
    return root


class Listing:
    """What os.scandir returns, in the order given (reversed below)."""

    def __init__(self, entries):
        self.entries = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.entries)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_orders_and_time_zones_are_byte_identical(tmp_path, monkeypatch):
    first = write_archive(tmp_path / "one" / "archive", reverse=False)
    second = write_archive(tmp_path / "elsewhere" / "deeper" / "copy", reverse=True)

    monkeypatch.chdir(tmp_path / "one")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["--source", "archive"]) == 0

    real_scandir, real_listdir = os.scandir, os.listdir
    monkeypatch.setattr(os, "scandir", lambda path=".": Listing(list(real_scandir(path))[::-1]))
    monkeypatch.setattr(os, "listdir", lambda path=".": real_listdir(path)[::-1])
    listed = [entry.name for entry in real_scandir(second / "content")]
    assert [entry.name for entry in os.scandir(second / "content")] == listed[::-1] != listed
    monkeypatch.chdir(tmp_path / "elsewhere")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        assert main(["--source", str(second), "--output", str(tmp_path / "out")]) == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    assert tree(tmp_path / "out") == tree(first / "build")
