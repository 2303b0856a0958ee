"""Pytest plugin: the mock under test, started once per test process unless `--base-url` is given.

Each process (each pytest-xdist worker) gets its own server on a free port and its own fresh
SQLite file, so workers never share state; tests inside a worker stay isolated because each
creates its own persons through the test-data API.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

PREFIXE_URL = "sur "
DELAI_DEMARRAGE_S = 30


class ServeurMock:
    """The mock running in a child process, as `python -m mock_site --port 0` starts it."""

    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier
        self.journal = dossier / "mock.log"
        self.process: subprocess.Popen[str] | None = None
        self._sortie_erreurs: IO[str] | None = None
        self.url = ""

    def demarrer(self) -> str:
        """Start the server and return its base URL once it is listening."""
        env = {
            **os.environ,
            "MOCK_MODE": "test",
            "MOCK_DATABASE": str(self.dossier / "mock.sqlite"),
            "SECRET_KEY": secrets.token_hex(32),
            "PYTHONUNBUFFERED": "1",
        }
        self._sortie_erreurs = self.journal.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mock_site",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--demo-persons",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=self._sortie_erreurs,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert self.process.stdout is not None
        # The server prints its URL after binding its socket: once read, it accepts connections.
        premiere_ligne = self.process.stdout.readline()
        if PREFIXE_URL not in premiere_ligne:
            self.arreter()
            raise RuntimeError(
                "Le mock n'a pas démarré :\n"
                + premiere_ligne
                + self.journal.read_text(encoding="utf-8")
            )
        self.url = premiere_ligne.rsplit(PREFIXE_URL, 1)[1].strip().rstrip("/")
        return self.url

    def arreter(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        if self._sortie_erreurs is not None:
            self._sortie_erreurs.close()


@pytest.fixture(scope="session")
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The mock's URL: `--base-url` when given, else a mock started for this process."""
    configure = request.config.getoption("base_url", None)
    if configure:
        yield str(configure).rstrip("/")
        return
    serveur = ServeurMock(tmp_path_factory.mktemp("mock"))
    yield serveur.demarrer()
    serveur.arreter()
