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
