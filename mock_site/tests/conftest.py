"""Fixtures of the mock's own tests: an application on a fresh database, and its clients.

Also the Hypothesis profiles of the hostile-input tests: `ci` (the default, used by
`make test`) tries a bounded, deterministic set of inputs; `fuzz` (`make fuzz`) tries many more,
drawn at random. `HYPOTHESIS_PROFILE` or `--hypothesis-profile` chooses one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import HealthCheck, settings

from mock_site import create_app

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


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The mock in test mode on its own SQLite file, CSRF off for the form-level tests."""
    return create_app(
        {
            "MODE": "test",
            "DATABASE": str(tmp_path / "mock.sqlite"),
            "SECRET_KEY": "cle-de-test",
            "WTF_CSRF_ENABLED": False,
        }
    )


@pytest.fixture
def app_protegee(tmp_path: Path) -> Flask:
    """The mock in test mode with CSRF protection on, as it runs for real."""
    return create_app(
        {
            "MODE": "test",
            "DATABASE": str(tmp_path / "mock.sqlite"),
            "SECRET_KEY": "test",
        }
    )


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
