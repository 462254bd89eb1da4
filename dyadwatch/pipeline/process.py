"""Memory settings for a process that runs the pipeline over many batches: the C allocator and the collector.

Why: a batch of 32 articles makes spaCy's networks allocate a few hundred MB of work arrays, freed at the end
of the batch. With glibc's defaults the freed top of the heap is handed back to the kernel as soon as it is
larger than a threshold that adapts to the arrays seen, and large arrays are mapped and unmapped one by one, so
the next batch faults the same memory in again, page by page (on VOA: about 20,000 page faults and up to 0.7 s
of system time per two passes, where bare spaCy alone pays under 0.1 s). A worker that codes batch after batch
needs that memory again a moment later; keeping it holds its resident memory at the peak it reached (on VOA
about 65 MB more than before, flat). And the collector walked the model's and the tables' ~285,000 long-lived
objects at every full collection, although none of them is ever garbage: ``settle`` moves them out of its
sight once the pipeline is loaded and warm.

Both act on the whole process. In ``dyadwatch bench``, which runs our pipeline and bare spaCy in one process,
both sides get them (docs/speed.md, "Round 5").
"""

from __future__ import annotations

import ctypes
import gc
import os

# glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# Arrays above this are mapped on their own: 32 MiB is glibc's largest allowed value (its default threshold
# adapts, but only up to this), and no work array of a 32-article batch of news reaches it.
MMAP_THRESHOLD = 32 * 1024 * 1024
# Free memory at the top of the heap is given back only above this: more than a batch's work arrays, less than
# the worker's recycling limit (``runner.pool``), so a worker's resident memory stays at its peak, not above it.
TRIM_THRESHOLD = 512 * 1024 * 1024

_tuned: bool | None = None


def tune_allocator() -> bool:
    """Keep freed heap memory for the next batch (glibc only; elsewhere nothing changes). Returns whether it did.

    Called once per process, before the model loads; a second call does nothing.
    """
    global _tuned
    if _tuned is None:
        _tuned = _mallopt({M_MMAP_THRESHOLD: MMAP_THRESHOLD, M_TRIM_THRESHOLD: TRIM_THRESHOLD})
    return _tuned


def _mallopt(values: dict[int, int]) -> bool:
    try:
        libc_version = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):  # not a GNU C library (musl, macOS, Windows)
        return False
    if not libc_version.startswith("glibc"):
        return False  # other allocators, other knobs
    try:
        # The process's own symbols include libc's: no ``ctypes.util.find_library``, which runs ``ldconfig`` or
        # a compiler in a subprocess (tens of milliseconds at every worker start).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return all(mallopt(param, value) == 1 for param, value in values.items())


def settle() -> None:
    """After the pipeline is loaded and has coded its warm-up: exempt every object alive now (the model, the
    tables, the modules) from later collections (``gc.freeze``).

    Why: a full collection walks every tracked object, and a loaded pipeline holds about 300,000 that live as
    long as the process (0.16 s of CPU per full collection, one or two every pass over VOA); the objects of
    each batch are all that can become garbage. Objects made later are collected as before. No collection
    first: it would cost those 0.16 s at every worker start, and what it would free (under a hundred objects
    left from loading) is not worth it; the frozen objects are only never freed, which they would not be anyway.
    """
    gc.freeze()
