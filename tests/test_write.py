import os

import pytest

from generator import write
from generator.write import write_site


def test_the_output_is_replaced_whole(tmp_path):
    out = tmp_path / "build"
    write_site({"index.html": b"one", "a/b/index.html": b"two"}, out)
    write_site({"index.html": b"three"}, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == ["index.html"]
    assert (out / "index.html").read_bytes() == b"three"
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_path_that_would_leave_the_output_is_refused_and_nothing_changes(tmp_path):
    out = tmp_path / "build"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        write_site({"index.html": b"new", "../escape.html": b"x"}, out)
    assert (out / "index.html").read_bytes() == b"old"
    assert not (tmp_path / "escape.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_swap_killed_halfway_is_recovered_by_the_next_build(tmp_path):
    out = tmp_path / "build"
    write_site({"index.html": b"old"}, out)
    out.rename(tmp_path / ".build.old-123")  # killed between the two renames
    (tmp_path / ".build.new-abc").mkdir()  # and a half-written new site
    write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_the_swap_is_one_step_and_leaves_nothing_beside_the_output(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_site({"index.html": b"old"}, out)
    renames = []
    real_rename = os.rename
    monkeypatch.setattr(os, "rename", lambda *args: renames.append(args) or real_rename(*args))
    write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"new"
    assert renames == []  # exchanged with renameat2: build/ never missing, not even for a moment
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def stamped(folder, when=1_000_000_000_000_000_000):
    """Every file's modification time set to WHEN (to tell which ones a write touches)."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(when, when))


def test_with_what_the_last_build_wrote_only_the_files_that_differ_are_written(tmp_path):
    out = tmp_path / "build"
    old = {"index.html": b"home", "a/b/index.html": b"gone", "a/c.html": b"kept", "d/e.html": b"before"}
    known = write_site(old, out)
    stamped(out)
    new = {"index.html": b"home", "a/c.html": b"kept", "d/e.html": b"after", "f/g/h.html": b"new"}
    write_site(new, out, known)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == new
    touched = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if p.is_file() and p.stat().st_mtime_ns != 1_000_000_000_000_000_000)
    assert touched == ["d/e.html", "f/g/h.html"]
    assert not (out / "a/b").exists()  # the folder its only file left
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_in_place_a_path_that_would_leave_the_output_is_refused_before_anything_changes(tmp_path):
    out = tmp_path / "build"
    known = write_site({"index.html": b"old", "a.html": b"a"}, out)
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        write_site({"index.html": b"new", "../escape.html": b"x"}, out, known)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"index.html": b"old", "a.html": b"a"}
    assert not (tmp_path / "escape.html").exists()


def test_an_update_killed_before_its_journal_is_committed_is_undone(tmp_path, monkeypatch):
    out = tmp_path / "build"
    known = write_site({"index.html": b"old", "a/b.html": b"b"}, out)
    calls = []

    def killed_at_commit(journal, plan):
        calls.append(plan["committed"])
        if plan["committed"]:
            raise SystemExit("killed")
        real_journal(journal, plan)

    real_journal = write._write_journal
    monkeypatch.setattr(write, "_write_journal", killed_at_commit)
    with pytest.raises(SystemExit):
        write_site({"index.html": b"new", "c.html": b"c"}, out, known)
    assert calls == [False, True] and any(p.name.startswith(".") for p in out.rglob("*"))  # files aside
    write.recover_interrupted(out)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        "index.html": b"old", "a/b.html": b"b"}
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_an_update_killed_after_its_journal_is_committed_is_completed(tmp_path, monkeypatch):
    out = tmp_path / "build"
    known = write_site({"index.html": b"old", "a/b.html": b"b"}, out)
    monkeypatch.setattr(write, "_complete", lambda *args, **kw: (_ for _ in ()).throw(SystemExit("killed")))
    with pytest.raises(SystemExit):
        write_site({"index.html": b"new", "c.html": b"c"}, out, known)
    monkeypatch.undo()
    write.recover_interrupted(out)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        "index.html": b"new", "c.html": b"c"}
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_file_that_becomes_a_folder_or_the_reverse_has_the_site_written_whole(tmp_path):
    out = tmp_path / "build"
    known = write_site({"a": b"a file", "b/c.html": b"c", "d.html": b"d"}, out)
    known = write_site({"a/index.html": b"now a folder", "b": b"now a file", "d.html": write.Kept(known["d.html"])},
                       out, known)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        "a/index.html": b"now a folder", "b": b"now a file", "d.html": b"d"}
    known = write_site({"a": b"a file again", "b": b"now a file", "d.html": b"d"}, out, known)
    assert (out / "a").read_bytes() == b"a file again"
    known = write_site({"a": b"a file again", "b/c/e/f.html": b"deep", "d.html": b"d"}, out, known)
    write_site({"a": b"a file again", "b/c": b"a file two levels up", "d.html": b"d"}, out, known)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == {
        "a": b"a file again", "b/c": b"a file two levels up", "d.html": b"d"}
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_a_kept_file_the_last_build_did_not_write_so_is_refused_before_anything_changes(tmp_path):
    out = tmp_path / "build"
    known = write_site({"index.html": b"old"}, out)
    with pytest.raises(ValueError, match="kept from the last build"):
        write_site({"index.html": b"new", "a.html": write.Kept(write.digest(b"never written"))}, out, known)
    assert [p.name for p in out.iterdir()] == ["index.html"] and (out / "index.html").read_bytes() == b"old"


@pytest.mark.parametrize("rel", ["/etc/passwd", "a/../../x.html", "a//b.html", "a/./b.html", "", "a\\..\\b", "a/"])
def test_every_path_that_is_not_plainly_under_the_output_is_refused(tmp_path, rel):
    with pytest.raises(ValueError, match="refusing to write outside the output folder"):
        write_site({"index.html": b"x", rel: b"y"}, tmp_path / "build")
    assert not (tmp_path / "build").exists()
