"""No import circles between the package's files.

import-linter's layers keep packages in order but say nothing about two files of one package importing each other
(the store benches once did). grimp, which import-linter is built on, gives the file-level graph; a strongly
connected component of more than one module is a circle. Imports under ``TYPE_CHECKING`` are left out: they never
run, so they cannot make a circle at import time.
"""

from __future__ import annotations

import grimp

# Circles that predate this test, each to be broken by the owner of its package. The test fails when one of them
# disappears too, so that this list only ever shrinks.
KNOWN_CIRCLES: set[frozenset[str]] = {
    # exports.export_events writes GeoJSON with export_stream.export_chunks, which reuses the exports' row helpers.
    frozenset({"dyadwatch.analytics.exports", "dyadwatch.analytics.export_stream"}),
}


def circles(graph: grimp.ImportGraph) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.add(frozenset(component))
    return found


def test_circles_finder_sees_a_circle_and_a_chain() -> None:
    graph = grimp.ImportGraph()
    for a, b in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d"), ("p.d", "p.e")]:
        graph.add_import(importer=a, imported=b)
    assert circles(graph) == {frozenset({"p.a", "p.b", "p.c"})}


def test_no_import_circles_between_files() -> None:
    graph = grimp.build_graph("dyadwatch", exclude_type_checking_imports=True, cache_dir=None)
    found = circles(graph)
    new = found - KNOWN_CIRCLES
    assert not new, f"import circles between files: {[sorted(c) for c in new]}; move what both need into a third"
    gone = KNOWN_CIRCLES - found
    assert not gone, f"circles now broken, remove them from KNOWN_CIRCLES: {[sorted(c) for c in gone]}"


def test_instruments_have_no_circle() -> None:
    graph = grimp.build_graph("dyadwatch", exclude_type_checking_imports=True, cache_dir=None)
    assert not [c for c in circles(graph) if any(m.startswith("dyadwatch.instruments") for m in c)]
