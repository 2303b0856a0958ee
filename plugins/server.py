"""Pytest plugin: the mock under test, started once per test process unless `--base-url` is given.

Each process (each pytest-xdist worker) gets its own server on a free port and its own fresh
SQLite file (`plugins.serveur_mock.ServeurMock`), so workers never share state; tests inside a
worker stay isolated because each creates its own persons through the test-data API.

A mock given with `--base-url` that runs in production mode has no test-data API: the first
test that calls it fails with one sentence saying so (`fixtures.api.MockEnProduction`), and the
run stops there instead of failing every test alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fixtures.api import MockEnProduction

# Re-exported for the tools that import it from here (screenshots/serveur.py).
from plugins.serveur_mock import ServeurMock

__all__ = ["ServeurMock", "base_url"]


@pytest.fixture(scope="session")
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The mock's URL: `--base-url` when given, else a mock started for this process."""
    configure = request.config.getoption("base_url", None)
    if configure:
        yield str(configure).rstrip("/")
        return
    with ServeurMock(tmp_path_factory.mktemp("mock")) as serveur:
        yield serveur.url


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Stop the run after a test that met a mock in production mode (in any phase)."""
    issue = yield
    if call.excinfo is not None and call.excinfo.errisinstance(MockEnProduction):
        phrase = str(call.excinfo.value)
        # The sentence says all there is: no traceback through the test-data client.
        rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
        rapport.longrepr = phrase
        # pytest (and pytest-xdist's controller, from each worker) ends the run with
        # "Interrupted: <this sentence>".
        item.session.shouldstop = phrase
