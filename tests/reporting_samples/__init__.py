"""Browser tests that fail on purpose, run only by `tests/test_reporting.py` in their own pytest."""
