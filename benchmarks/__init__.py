"""Nærvær's speed benchmark (issue 7): run with ``.venv/bin/python -m benchmarks``.

Not part of the test suite: it measures, it does not pass or fail. See README.md.
"""
