"""Browser tests that fail on purpose, run only by `tests/test_reporting.py` in a pytest of their own."""
