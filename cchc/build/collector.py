"""Python's cycle collector, set for the length of a build: young objects collected far less often.

A build makes millions of objects that live until it ends (the content, the plan, MkDocs' files and pages, the
search terms) and next to no reference cycles; memory is freed by reference counting either way. With CPython's
thresholds (700, 10, 10) the collector ran 800 times in a no-change rebuild of 5,000 articles and walked the whole
heap in 6 full collections: 0.7-0.9 s of that rebuild's 6-8 s, for nothing (the peak memory is the same with the
collector off). mypy raises its thresholds for the same reason; these are its values.

At the end of a `mkdocs build` (or gh-deploy) its heap is frozen (`gc.freeze`: reference counting still frees it,
the collector no longer walks it) before the thresholds are given back: otherwise the collections that the usual
thresholds start at once, and the interpreter's last one on the way out, walk the dead build's heap (0.9 s at 5,000
articles). A program that builds again in the same process gets that heap back at its next build's start
(`gc.unfreeze`), so its cycles are collected then; a process that froze objects itself is left as it is.
"""

from __future__ import annotations

import gc

BUILD_THRESHOLDS = (200_000, 30, 30)
_frozen_by_build = False  # this module froze the last build's heap (and unfreezes it at the next build)


def collect_less_often() -> tuple[int, int, int]:
    """Raise the thresholds; returns the ones to give back (`end_of_build`)."""
    global _frozen_by_build
    if _frozen_by_build:
        gc.unfreeze()
        _frozen_by_build = False
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return before


def end_of_build(before: tuple[int, int, int], freeze: bool) -> None:
    """Give the thresholds back; with `freeze` (a build, not the live preview) freeze the heap first."""
    global _frozen_by_build
    if freeze and gc.get_freeze_count() == 0:
        gc.freeze()
        _frozen_by_build = True
    gc.set_threshold(*before)
