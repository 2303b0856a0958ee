"""Fixtures of the unit tests of the mock: an application on a fresh database, and its clients."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from mock_site import create_app


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The mock in test mode on its own SQLite file, CSRF off for the form-level tests."""
    return create_app({
        "MODE": "test",
        "DATABASE": str(tmp_path / "mock.sqlite"),
        "SECRET_KEY": "cle-de-test",
        "WTF_CSRF_ENABLED": False,
    })


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
