import os

import pytest

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
