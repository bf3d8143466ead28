"""Benchmarks (run as modules, e.g. `python -m bench.etl_bench`); not part of the app or the ETL."""
