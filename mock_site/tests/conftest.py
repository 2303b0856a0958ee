"""Fixtures of the mock's own tests: an application on a fresh database, and its clients.

A failed test whose message quotes a wording of `libelles.py` ends with one line naming that
file, also as the failure's line in pytest's short summary: when the site changes a wording,
the first failing test says which file to edit.

Also the Hypothesis profiles of the hostile-input tests: `ci` (the default, used by
`make test`) tries a bounded, deterministic set of inputs; `fuzz` (`make fuzz`) tries many more,
drawn at random. `HYPOTHESIS_PROFILE` or `--hypothesis-profile` chooses one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import HealthCheck, settings

from mock_site import create_app
from mock_site.tests.libelles import libelle_en_cause

settings.register_profile(
    "ci",
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# Flask builds every URL rule of an application when it registers its blueprints, which makes
# building one cost more than most tests. Each test module builds each application once; every
# test then gets it on a copy of a new database and with its settings as built (`_remise_a_neuf`).
REGLAGES_DE_TEST = {"MODE": "test", "SECRET_KEY": "cle-de-test", "WTF_CSRF_ENABLED": False}
REGLAGES_PROTEGES = {"MODE": "test", "SECRET_KEY": "test"}


def _construire(dossier: Path, reglages: dict[str, Any]) -> Flask:
    return create_app({**reglages, "DATABASE": str(dossier / "neuve.sqlite")})


def _remise_a_neuf(app: Flask, dossier: Path) -> Iterator[Flask]:
    """The application on a copy of the database it was built with (tables, no row written by
    a test), its settings restored after the test."""
    reglages = dict(app.config)
    base = dossier / "mock.sqlite"
    with (
        closing(sqlite3.connect(reglages["DATABASE"])) as neuve,
        closing(sqlite3.connect(base)) as copie,
    ):
        neuve.backup(copie)
    app.config["DATABASE"] = str(base)
    yield app
    app.config.clear()
    app.config.update(reglages)


@pytest.fixture(scope="module")
def _app_du_module(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return _construire(tmp_path_factory.mktemp("app"), REGLAGES_DE_TEST)


@pytest.fixture(scope="module")
def _app_protegee_du_module(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return _construire(tmp_path_factory.mktemp("app-protegee"), REGLAGES_PROTEGES)


@pytest.fixture
def app(_app_du_module: Flask, tmp_path: Path) -> Iterator[Flask]:
    """The mock in test mode on its own SQLite file, CSRF off for the form-level tests."""
    yield from _remise_a_neuf(_app_du_module, tmp_path)


@pytest.fixture
def app_protegee(_app_protegee_du_module: Flask, tmp_path: Path) -> Iterator[Flask]:
    """The mock in test mode with CSRF protection on, as it runs for real."""
    yield from _remise_a_neuf(_app_protegee_du_module, tmp_path)


@pytest.fixture
def app_protegee_a_part(tmp_path: Path) -> Flask:
    """An application of its own, as `app_protegee` is built, for a test that changes its setup
    (routes, hooks) and must not give it to the module's other tests."""
    return _construire(tmp_path, REGLAGES_PROTEGES)


@pytest.fixture
def client_protege(app_protegee: Flask) -> FlaskClient:
    """A test client of the CSRF-protected application."""
    return app_protegee.test_client()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client with its own cookie jar."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """The application's CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def assure_json(client: FlaskClient) -> dict[str, Any]:
    """A person of the régime général stored through the test-data API."""
    reponse = client.post("/_test/assures", json={"seed": 7})
    assert reponse.status_code == 201
    donnees: dict[str, Any] = reponse.get_json()
    return donnees


# The templates the current test's requests rendered, named in a wording failure's line.
_GABARITS_RENDUS: list[str] = []


def _noter_gabarit(sender: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:
    _GABARITS_RENDUS.append(template.name)


template_rendered.connect(_noter_gabarit)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Forget the templates the previous test rendered."""
    _GABARITS_RENDUS.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failure that quotes a wording of libelles.py: one line naming the file to edit, after
    the failure and as its line in the short summary."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    if not rapport.failed or call.excinfo is None:
        return
    # The page the test looked at is, most often, the last one the mock rendered.
    gabarits = [f"mock_site/templates/{nom}" for nom in _GABARITS_RENDUS[-1:]]
    ligne = libelle_en_cause(str(call.excinfo.value), gabarits)
    if ligne is None:
        return
    # pytest's representation of a failure (ExceptionChainRepr): a section printed after it,
    # and the "crash" line its short summary shows.
    ajouter_section = getattr(rapport.longrepr, "addsection", None)
    if callable(ajouter_section):
        ajouter_section("Libellé", ligne)
    ligne_du_resume = getattr(rapport.longrepr, "reprcrash", None)
    if ligne_du_resume is not None:
        ligne_du_resume.message = ligne
