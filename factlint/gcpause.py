"""Pause the garbage collector while building or unpickling large acyclic structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Building or unpickling millions of acyclic objects triggers useless full collections; pause them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            promote_to_oldest()
            gc.enable()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Freeze every tracked object while forked children run, and thaw them after.

    Frozen objects are never traversed by the collector, so a child does not copy every page of the
    inherited index just to run a collection (copy-on-write). Objects someone froze before stay frozen.
    """
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def promote_to_oldest() -> None:
    """Count every tracked object as old, as the ones built while paused are (an index, a run's records).

    Left in the youngest generation, they would all be traversed by the first collection after the
    pause: 25 ms after a 1 MB draft, spent when the run has ended. The oldest generation is collected
    only once enough objects have survived younger collections, like any long-lived data.
    """
    if gc.get_freeze_count():
        return  # someone froze objects on purpose (before forking, say): unfreezing would undo that
    gc.freeze()  # moves every tracked object to the permanent generation ...
    gc.unfreeze()  # ... and from there to the oldest; both are list splices, not traversals
