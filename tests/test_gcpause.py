"""paused_gc: the collector is off inside, back on after, and what was built inside counts as old."""

from __future__ import annotations

import gc

from factlint.gcpause import paused_gc


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner pause leaves the outer one in force
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_inside_a_disabled_collector_leaves_it_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_built_while_paused_are_old_afterwards() -> None:
    """The first collection after a pause must not traverse everything the pause let pile up."""
    gc.collect()
    with paused_gc():
        built = [[i] for i in range(20_000)]  # lists are tracked by the collector
        assert gc.get_count()[0] >= 20_000
    assert gc.get_count()[0] < 1_000
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(built) in oldest and id(built[-1]) in oldest


def test_cycles_made_while_paused_are_still_collected() -> None:
    gc.collect()
    with paused_gc():
        a: list = []
        b = [a]
        a.append(b)
    del a, b
    assert gc.collect() >= 2


def test_objects_frozen_before_stay_frozen() -> None:
    """An application that froze its objects (before forking workers, say) keeps them frozen."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen
        with paused_gc():
            [[i] for i in range(100)]
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()


def test_frozen_for_fork_thaws_only_what_it_froze() -> None:
    from factlint.gcpause import frozen_for_fork

    with frozen_for_fork():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_for_fork():
            pass
        assert gc.get_freeze_count() >= before
    finally:
        gc.unfreeze()
