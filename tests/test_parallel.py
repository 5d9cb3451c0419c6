"""Work shared out among forked processes: the results of doing it in one, in order."""
import os
import threading

from generator import parallel
from generator.parallel import map_forked, run_parts


def test_map_forked_returns_each_result_in_order_computed_in_workers(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)  # threads other tests left behind aside
    found = map_forked(lambda n: (n * n, os.getpid()), list(range(37)), workers=2)
    assert [square for square, _ in found] == [n * n for n in range(37)]
    assert {pid for _, pid in found} - {os.getpid()}  # some, at least, in another process
    assert map_forked(lambda n: n, [], workers=2) == []


def test_with_another_thread_running_the_work_stays_in_this_process():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert {pid for pid in map_forked(lambda n: os.getpid(), list(range(9)), workers=2)} == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_run_parts_merges_the_files_of_every_part_and_times_each(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    files, times = run_parts([("one", lambda: {"a": b"1", "b": b"2"}), ("two", lambda: {"c": os.getpid()})],
                             workers=2)
    assert (files["a"], files["b"]) == (b"1", b"2") and files["c"] != os.getpid()
    assert [name for name, _ in times] == ["one", "two"] and all(seconds >= 0 for _, seconds in times)
