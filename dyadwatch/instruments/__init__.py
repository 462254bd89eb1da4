"""The measuring instruments in one place: the benches and the data they generate.

``pipeline_bench`` (``dyadwatch bench``: our pipeline against bare spaCy), ``workers_bench`` (``bench --workers``),
``scale_bench`` (``bench-scale``), ``store_bench`` and ``store_bench_postgres`` (``bench-store``: a generated event
store and the dyad query), ``serve_bench`` (``bench-serve``: request latency over a live server). They sit above
everything they measure and below the CLI, so no library module depends on an instrument.
"""
