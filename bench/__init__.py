"""Benchmarks: `make bench` (or `python -m bench [NAME ...]`). Not part of the test suite."""
