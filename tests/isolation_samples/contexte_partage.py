"""A pytest plugin that does what the suite must never do: one browser context and page for all
the tests of a process. `tests/test_isolation.py` runs its own checks with it to show that they
would see a reused context; the file name does not match `test_*.py`, so it is never collected.

Given with `-p`, a plugin is registered before pytest-playwright, whose fixtures would then win:
this one registers its fixtures (`fixtures_partagees`) once the configuration is read, after
pytest-playwright's.
"""

from __future__ import annotations

import pytest

from tests.isolation_samples import fixtures_partagees


def pytest_configure(config: pytest.Config) -> None:
    """Register the shared `context` and `page` after pytest-playwright's, replacing them."""
    config.pluginmanager.register(fixtures_partagees, "contexte-partage")
