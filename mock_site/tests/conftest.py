"""Fixtures of the mock's own tests: an application on a fresh database, and its client."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

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
    """A test client of that application."""
    return app.test_client()
