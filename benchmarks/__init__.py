"""Benchmarks: ``python -m benchmarks`` runs every ``bench_*`` module's ``main()`` (``--quick`` for small sizes).

Timings live here, never in tests. Each benchmark measures its yardstick (a straightforward
networkx walk of the same structure) in the same run and prints the ratio.
"""
