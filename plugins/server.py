"""Pytest plugin: the mock under test (`base_url`), unless `--base-url` is given.

Each process (each pytest-xdist worker) starts its own mock with a fresh SQLite file
(`plugins.serveur_mock.ServeurMock`); with `--mock-workers N`, the controller starts one under
gunicorn with N workers, shared by every process. A mock in production mode (no test-data API)
stops the run at the first test that calls it, with one sentence (`MockEnProduction`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fixtures.api import MockEnProduction
from plugins.serveur_mock import ServeurMock

# How the controller hands the shared mock's URL to the pytest-xdist workers.
CLE_MOCK_PARTAGE = "mock_partage"
_MOCK_PARTAGE = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--mock-workers`."""
    parser.addoption(
        "--mock-workers",
        type=int,
        metavar="N",
        help="one mock for the whole run, under gunicorn with N worker processes on one SQLite "
        "file, shared by every test process (default: a mock of its own for each process)",
    )


def mock_partage(config: pytest.Config) -> str | None:
    """The URL of the run's shared mock (`--mock-workers`), in the controller or a worker."""
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is not None:
        return workerinput.get(CLE_MOCK_PARTAGE)
    return config.stash.get(_MOCK_PARTAGE, None)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Start the shared mock in the controller, before pytest-xdist starts its workers."""
    config = session.config
    workers = config.getoption("mock_workers", None)
    if (
        not workers
        or hasattr(config, "workerinput")
        or config.getoption("base_url", None)
        or config.option.collectonly
    ):
        return
    dossier = tempfile.TemporaryDirectory(prefix="mock-partage-")
    serveur = ServeurMock(Path(dossier.name), workers=workers)
    config.add_cleanup(dossier.cleanup)
    config.add_cleanup(serveur.arreter)
    try:
        config.stash[_MOCK_PARTAGE] = serveur.demarrer()
    except RuntimeError as erreur:
        pytest.exit(
            f"--mock-workers {workers} : {erreur}", returncode=pytest.ExitCode.INTERNAL_ERROR
        )


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the shared mock's URL to a starting pytest-xdist worker."""
    url = mock_partage(node.config)
    if url is not None:
        node.workerinput[CLE_MOCK_PARTAGE] = url


@pytest.fixture(scope="session")
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The mock's URL: `--base-url` when given, else the run's shared mock (`--mock-workers`),
    else a mock started for this process."""
    configure = request.config.getoption("base_url", None) or mock_partage(request.config)
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
