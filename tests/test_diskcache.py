"""The cache on disk: entries loaded together as one by one."""
from generator import diskcache
from generator.model import Sentence


def test_entries_loaded_together_are_those_loaded_one_by_one_and_the_collector_is_left_as_it_was(tmp_path):
    import gc

    entries = [tmp_path / name for name in ("a", "b", "missing")]
    diskcache.store(entries[0], Sentence("s1", 0, 3))
    diskcache.store(entries[1], ("a", 1))
    assert diskcache.load_all(entries, lambda value: True) == [Sentence("s1", 0, 3), ("a", 1), None]
    assert diskcache.load_all(entries, lambda value: isinstance(value, tuple)) == [None, ("a", 1), None]
    assert gc.isenabled()
    gc.disable()
    try:
        diskcache.load_all(entries, lambda value: True)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_entries_kept_resident_are_read_once_and_again_only_when_their_file_changes(tmp_path, monkeypatch):
    import gc

    monkeypatch.setattr(diskcache, "_resident", {})
    folder = tmp_path / "entries"
    diskcache.store(folder / "a", ["first"])
    diskcache.store(folder / "b", ["other"])
    (folder / "broken").write_bytes(b"not a pickle")
    try:
        diskcache.keep_resident([folder], stop=lambda: True)  # a build is asked for: left for later
        assert diskcache._resident == {}
        diskcache.keep_resident([folder, tmp_path / "no such folder"])
        one = diskcache.load(folder / "a", lambda value: True)
        assert one == ["first"] and diskcache.load(folder / "a", lambda value: True) is one  # from memory
        assert diskcache.load(folder / "broken", lambda value: True) is None
        assert set(diskcache._resident) == {str(folder / "a"), str(folder / "b")}
        diskcache.store(folder / "a", ["second"])  # replaced: read from the file, not from memory
        assert diskcache.load(folder / "a", lambda value: True) == ["second"]
        (folder / "b").unlink()
        assert diskcache.load(folder / "b", lambda value: True) is None
        diskcache.keep_resident([folder])  # b let go, a read again
        assert set(diskcache._resident) == {str(folder / "a")}
        assert diskcache._resident[str(folder / "a")][1] == ["second"]
        assert diskcache.load(folder / "a", lambda value: isinstance(value, dict)) is None  # still checked
    finally:
        gc.unfreeze()
