"""Samples run only in a pytest of their own: browser tests that fail on purpose
(`tests/test_reporting.py`), tests that note the mock they were given
(`tests/test_demarreurs.py`), a plugin that writes the collection (`tests/test_sharding.py`)."""
