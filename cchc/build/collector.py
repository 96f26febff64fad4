"""Python's cycle collector, set for the length of a build: young objects collected far less often.

A build makes millions of objects that live until it ends (the content, the plan, MkDocs' files and pages, the
search terms) and next to no reference cycles; memory is freed by reference counting either way. With CPython's
thresholds (700, 10, 10) the collector ran 800 times in a no-change rebuild of 5,000 articles and walked the whole
heap in 6 full collections: 0.7-0.9 s of that rebuild's 6-8 s, for nothing (the peak memory is the same with the
collector off). mypy raises its thresholds for the same reason; these are its values.

When `mkdocs build` (or gh-deploy) is over the process ends: putting the dead build's heap back to the usual
thresholds, or the interpreter's last full collection on the way out, would walk it for nothing (0.9 s at 5,000
articles), so it is frozen instead (`gc.freeze`: reference counting still frees it; the collector no longer looks).
"""

from __future__ import annotations

import gc

BUILD_THRESHOLDS = (200_000, 30, 30)


def collect_less_often() -> tuple[int, int, int]:
    """Raise the thresholds; returns the ones to restore (`restore_collector`) when the build is over."""
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return before


def restore_collector(before: tuple[int, int, int]) -> None:
    """After a live preview: the process goes on (a test, an embedding program), with its own thresholds."""
    gc.set_threshold(*before)


def leave_heap_to_exit() -> None:
    """After a build whose process ends now: no collection walks what the build leaves (see the module's note)."""
    gc.freeze()
