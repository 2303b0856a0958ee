"""Infrastructure of the whole suite, each piece a plugin module of its own.

Seeds and order come from pytest-randomly: the run's `--randomly-seed` (printed in the header)
orders the tests and, with each test's id, gives the test its Faker seed (`faker_seed`), so a
failure replays with the same data whatever ran before it.

- `plugins.browser`: which Chromium to launch and with which arguments, or which Playwright
  server to connect to;
- `plugins.server`: the mock under test (`base_url`), unless `--base-url` is given;
- `plugins.reporting.*`: what Allure and the terminal show of a failed browser test, and of the
  run (see `plugins/reporting/__init__.py`).
"""

import pytest
from faker import Faker

from fixtures.assures import faker_fr

pytest_plugins = (
    "plugins.browser",
    "plugins.server",
    "plugins.reporting.environment",
    "plugins.reporting.terminal",
    "plugins.reporting.artifacts",
    "plugins.reporting.titles",
)


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a run without pytest-randomly: every test would get the same Faker seed."""
    if not config.pluginmanager.hasplugin("randomly"):
        raise pytest.UsageError(
            "pytest-randomly gives each test its Faker seed: keep it (drop -p no:randomly); "
            "for the files' own order, use -p randomly --randomly-dont-reorganize"
        )


@pytest.fixture
def faker(faker_seed: int) -> Faker:
    """A French Faker with the insured-person provider, seeded by pytest-randomly's
    `faker_seed` (the run's --randomly-seed plus the test's id)."""
    return faker_fr(faker_seed)
