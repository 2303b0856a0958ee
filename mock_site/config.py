"""Configuration classes, one per mode of the mock (production, demo, test)."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MODES = ("production", "demo", "test")


class BaseConfig:
    """Settings shared by every mode; production is the safe default."""

    MODE = "production"
    TEST_DATA_API = False
    DATABASE: str | None = None  # resolved against the instance folder by create_app
    SECRET_KEY: str | None = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "ameli_session"
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    MAX_FORM_PARTS = 100
    WTF_CSRF_TIME_LIMIT: int | None = None
    JSON_AS_ASCII = False
    # Where the mock FranceConnect lives; by default the same server under /franceconnect.
    FRANCECONNECT_URL: str | None = None
    # A moment the clock stands still at (test and demo modes only), for pixel-identical
    # screenshots: `MOCK_CLOCK_START`; `/_test/clock` still moves it forward.
    CLOCK_START: datetime | None = None
    # How personal codes are hashed (Werkzeug's method string); see TestConfig.
    CODE_PERSONNEL_HACHAGE = "scrypt"


class ProductionConfig(BaseConfig):
    """No test-data API, persistent database."""


class DemoConfig(BaseConfig):
    """`make serve`: the test-data API is on so that demo persons can be created."""

    MODE = "demo"
    TEST_DATA_API = True


class TestConfig(BaseConfig):
    """The browser suite's mode: test-data API on."""

    MODE = "test"
    TEST_DATA_API = True
    # Still a salted scrypt, with N 16 times smaller than Werkzeug's default: a few
    # milliseconds instead of about 0.1 s per hash (several seconds on a loaded machine), paid
    # by every code chosen, every journey put past screen 7 and every login of the suite. The
    # hash still dominates a login request, so an unknown NIR and a wrong code take alike.
    CODE_PERSONNEL_HACHAGE = "scrypt:2048:8:1"


def config_for_mode(mode: str | None) -> type[BaseConfig]:
    """Return the configuration class of a mode name (production when unset)."""
    classes: dict[str, type[BaseConfig]] = {
        "production": ProductionConfig,
        "demo": DemoConfig,
        "test": TestConfig,
    }
    key = (mode or "production").strip().lower()
    if key not in classes:
        raise ValueError(f"MOCK_MODE inconnu : {mode!r} (attendu : {', '.join(MODES)})")
    return classes[key]


def secret_key(instance_path: Path) -> str:
    """The signing key: `SECRET_KEY` if set, else one kept in the instance folder.

    Keeping it in a file lets several server workers (gunicorn) and restarts share it.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = instance_path / "secret.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = secrets.token_hex(32)
        try:
            with path.open("x", encoding="ascii") as handle:
                handle.write(candidate)
        except FileExistsError:
            pass  # another worker wrote it first: read theirs
    return path.read_text(encoding="ascii").strip()


def clock_start(text: str) -> datetime:
    """Read `MOCK_CLOCK_START`: an ISO-8601 moment, taken as UTC when it has no offset."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"MOCK_CLOCK_START invalide : {text!r} (attendu : un instant ISO-8601, "
            "par exemple 2021-03-19T10:00:00+01:00)"
        ) from None
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone(UTC)


def settings_from_env() -> dict[str, Any]:
    """Settings from `MOCK_DATABASE`, `FRANCECONNECT_URL` and `MOCK_CLOCK_START`."""
    found: dict[str, Any] = {}
    if os.environ.get("MOCK_DATABASE"):
        found["DATABASE"] = os.environ["MOCK_DATABASE"]
    if os.environ.get("FRANCECONNECT_URL"):
        found["FRANCECONNECT_URL"] = os.environ["FRANCECONNECT_URL"]
    if os.environ.get("MOCK_CLOCK_START"):
        found["CLOCK_START"] = clock_start(os.environ["MOCK_CLOCK_START"])
    return found
