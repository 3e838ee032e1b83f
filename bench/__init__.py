"""The performance benchmark, outside the product: `python -m dashboard bench` (docs/benchmarks.md).

It may use every layer (seed, data_access, dashboard); nothing in the product imports it except
the bench command, when run. Its scratch PostgreSQL helper (`bench.pg`) serves the tests too.
"""
