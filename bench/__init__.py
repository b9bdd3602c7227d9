"""Benchmarks, run with ``make bench``: each module measures one target and prints a table."""
