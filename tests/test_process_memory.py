"""Memory behaviour of a process that codes batch after batch: documents freed without the collector, the C
allocator's settings, and the collector's frozen generation (``dyadwatch.pipeline.process``)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from datetime import date

import pytest

from dyadwatch.config import Settings
from dyadwatch.document.doccache import OWN_PREFIXES, entities, release, token_strings
from dyadwatch.pipeline import Rejected, build_pipeline
from dyadwatch.pipeline.process import settle
from dyadwatch.records import Article

TEXT = (
    "KABUL, Afghanistan — Pakistan's foreign minister met Afghan officials in Kabul on Tuesday and accused the "
    "Taliban of sheltering militants. Lloyd Austin said Washington would send aid to Islamabad.\n\n"
    "Austin later told reporters in Geneva that the talks would resume."
)


def _is_glibc() -> bool:
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError, AttributeError):
        return False


def test_a_coded_batch_leaves_no_document_for_the_collector() -> None:
    """Every document goes when its analysis is dropped: nothing the stages cached keeps a cycle through it."""
    pipeline = build_pipeline(Settings())
    articles = [Article.create(TEXT, published=date(2024, 3, 5)), Article.create(TEXT + " Kenya agreed.")]
    gc.collect()
    gc.disable()  # only reference counting may free the documents
    try:
        results = list(pipeline.pipe(articles))
        assert not any(isinstance(r, Rejected) for r in results)
        assert sum(len(r.events) for r in results) > 0  # type: ignore[union-attr]
        docs = [weakref.ref(r.doc) for r in results]  # type: ignore[union-attr]
        assert all(not any(isinstance(k, str) and k.startswith(OWN_PREFIXES) for k in r.doc.user_data)  # type: ignore[union-attr]
                   for r in results)
        del results
        assert [d() for d in docs] == [None, None]
    finally:
        gc.enable()


def test_release_drops_the_caches_and_they_are_rebuilt_the_same(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    doc.user_data["someone_else"] = 1
    ents = [(e.start, e.end, e.label_) for e in entities(doc)]
    lower = token_strings(doc).lower
    release(doc)
    assert list(doc.user_data) == ["someone_else"]  # only the package's own keys go
    assert [(e.start, e.end, e.label_) for e in entities(doc)] == ents and token_strings(doc).lower == lower


@pytest.mark.skipif(not _is_glibc(), reason="the allocator settings are glibc's")
def test_tune_allocator_sets_glibc_once_and_says_so() -> None:
    code = (
        "from dyadwatch.pipeline import process\n"
        "assert process.tune_allocator() is True\n"
        "assert process.tune_allocator() is True\n"  # a second call is answered from the first
        "import numpy\n"
        "a = numpy.ones(8 * 1024 * 1024)\n"  # 64 MB, above the mapped-array threshold: still works
        "assert a.sum() == 8 * 1024 * 1024\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_tune_allocator_is_a_no_op_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    from dyadwatch.pipeline import process

    def not_gnu(name: str) -> str:
        raise ValueError(name)

    monkeypatch.setattr(process.os, "confstr", not_gnu)
    assert process._mallopt({process.M_TRIM_THRESHOLD: 1}) is False


def test_settle_freezes_what_is_alive_and_later_garbage_is_still_collected() -> None:
    before = gc.get_freeze_count()
    try:
        settle()
        assert gc.get_freeze_count() > before

        class Node:
            def __init__(self) -> None:
                self.me = self

        node = Node()
        alive = weakref.ref(node)
        del node
        gc.collect()
        assert alive() is None  # objects made after settle are collected as before
    finally:
        gc.unfreeze()
