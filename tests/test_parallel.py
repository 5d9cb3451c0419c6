"""Work shared out among forked processes, or done beside: the results of doing it in one, in order."""
import os
import threading
import time

import pytest

from generator import parallel
from generator.parallel import Beside, map_forked, run_parts
from generator.write import Kept


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
    files, times = run_parts([("one", lambda: {"a": b"1", "b": Kept("digest")}),
                              ("two", lambda: {"c": str(os.getpid()).encode()})], workers=2)
    assert (files["a"], files["b"]) == (b"1", Kept("digest")) and files["c"] != str(os.getpid()).encode()
    assert list(files) == ["a", "b", "c"]
    assert [name for name, _ in times] == ["one", "two"] and all(seconds >= 0 for _, seconds in times)


def test_beside_works_in_another_process_while_this_one_goes_on(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    started = os.getpid()
    later = Beside(lambda: (os.getpid(), [n * n for n in range(5)]))
    pid, squares = later.value()
    assert pid != started and squares == [0, 1, 4, 9, 16]
    assert later.process is None  # ended once its value came


def test_what_the_work_beside_raised_is_raised_where_its_value_is_asked_for(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)

    def broken() -> None:
        raise ValueError("no such template")

    with pytest.raises(ValueError, match="no such template"):
        Beside(broken).value()


def test_work_beside_whose_process_dies_or_cannot_answer_is_done_here(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    here = os.getpid()
    assert Beside(lambda: os._exit(3) if os.getpid() != here else "done here").value() == "done here"
    unpicklable = Beside(lambda: (lambda: None) if os.getpid() != here else "done here too")
    assert unpicklable.value() == "done here too"


def test_work_beside_that_is_not_wanted_is_stopped(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    later = Beside(lambda: time.sleep(60))
    process = later.process
    later.stop()
    assert not process.is_alive() and later.process is None


def test_with_another_thread_running_the_work_beside_runs_here_when_asked_for():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        later = Beside(os.getpid)
        assert later.process is None and later.value() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_an_answer_that_cannot_be_read_here_is_worked_out_here_and_kept(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)
    here, calls = os.getpid(), []

    def odd() -> str:
        calls.append(os.getpid())
        if os.getpid() != here:  # a class only that process has: its pickle names what is not here
            globals()["OnlyThere"] = type("OnlyThere", (Exception,), {"__module__": __name__})
            raise globals()["OnlyThere"]("not readable here")
        raise ValueError("raised here")

    later = Beside(odd)
    for _ in range(2):  # the same raise each time, worked out once here
        with pytest.raises(ValueError, match="raised here"):
            later.value()
    assert calls == [here]


def test_a_bug_beside_carries_where_it_happened(monkeypatch):
    monkeypatch.setattr(parallel, "_forkable", lambda: True)

    def broken() -> None:
        raise KeyError("missing")

    with pytest.raises(KeyError) as raised:
        Beside(broken).value()
    assert any("raised in a process beside the build" in note and "in broken" in note
               for note in raised.value.__notes__)
