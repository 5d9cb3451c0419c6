"""The cyclic garbage collector during a build: what a stage made is frozen to the end of the
build and let go after it; the collector paused around reads in bulk."""
import gc
import weakref

from generator import collector, pipeline
from generator.config import load_config


class Node:
    other: object = None


def garbage_cycle() -> weakref.ref:
    """Two objects that only hold each other: only the collector frees them."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_what_is_frozen_in_the_block_is_left_alone_and_collected_after_it():
    gc.unfreeze()
    thresholds = gc.get_threshold()
    with collector.frozen_until_done():
        gone = garbage_cycle()
        collector.freeze()
        gc.collect()
        assert gone() is not None
    assert (gc.get_freeze_count(), gc.get_threshold()) == (0, thresholds)
    gc.collect()
    assert gone() is None


def test_what_the_caller_froze_stays_frozen():
    gc.unfreeze()
    gone = garbage_cycle()
    gc.freeze()
    try:
        with collector.frozen_until_done():
            collector.freeze()
        gc.collect()
        assert gone() is not None and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    gc.collect()
    assert gone() is None


def test_what_a_pause_made_in_a_build_is_frozen_with_it_and_outside_a_build_is_not():
    gc.unfreeze()
    with collector.frozen_until_done():
        with collector.paused():
            made = [Node() for _ in range(1000)]
        frozen = gc.get_freeze_count()
        assert frozen >= len(made)  # the collector's next pass leaves them alone
    assert gc.get_freeze_count() == 0
    with collector.paused():
        made = [Node() for _ in range(1000)]
    assert gc.get_freeze_count() == 0


def test_paused_turns_the_collector_off_and_back_as_it_was():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_build_freezes_what_its_stages_made_and_lets_go_of_it_at_the_end(seed_archive, monkeypatch):
    gc.unfreeze()
    thresholds = gc.get_threshold()
    seen = []
    cross_article = pipeline.build_archive

    def watched(*args, **kwargs):
        seen.append(gc.get_freeze_count())  # the articles and annotations read: frozen by now
        return cross_article(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_archive", watched)
    result = pipeline.build(load_config(seed_archive))
    assert result.problems == () and len(seen) == 1 and seen[0] > 0
    assert (gc.get_freeze_count(), gc.get_threshold()) == (0, thresholds)
