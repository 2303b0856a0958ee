"""The mock as a child process on a free port, for whoever needs one: the pytest plugin, the
benchmarks, the concurrency tests, the screenshot tool.

Like pytest-flask's `LiveServer`, the class lives apart from the fixtures that use it. It starts
`python -m mock_site` (or gunicorn with several workers, as `make serve-prod` does) on port 0,
with a fresh SQLite file and session key in its own folder, and learns the address from the
port file the server writes once it listens (`--port-file`, `MOCK_PORT_FILE`): the channel
meant for programs, not the banner or the log meant for people.

    with ServeurMock(dossier) as serveur:               # python -m mock_site, test mode
        requests.get(serveur.url + "/")
    with ServeurMock(dossier, workers=4) as serveur:    # gunicorn, 4 workers, one database
        ...
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Self

RACINE = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
DELAI_DEMARRAGE_S = 60.0
DELAI_ARRET_S = 10.0
# How often the start checks for the port file: the wait ends as soon as the file appears or
# the server exits, and is bounded by DELAI_DEMARRAGE_S.
INTERVALLE_S = 0.02


def commande(
    hote: str = "127.0.0.1", port: int = 0, workers: int | None = None, personnes_demo: int = 0
) -> list[str]:
    """The command line of the mock: `python -m mock_site`, or gunicorn as `make serve-prod`."""
    if workers is None:
        return [
            sys.executable,
            "-m",
            "mock_site",
            "--host",
            hote,
            "--port",
            str(port),
            "--demo-persons",
            str(personnes_demo),
        ]
    return [
        str(GUNICORN),
        # Its `when_ready` hook writes MOCK_PORT_FILE.
        "--config",
        "python:mock_site.gunicorn_conf",
        "--workers",
        str(workers),
        "--bind",
        f"{hote}:{port}",
        # The application (and its schema) is built once, before the workers fork.
        "--preload",
        # Several servers may run on one machine: none claims ~/.gunicorn/gunicorn.ctl.
        "--no-control-socket",
        "mock_site.wsgi:app",
    ]


def attendre_adresse(
    fichier: Path, process: subprocess.Popen[bytes], delai: float = DELAI_DEMARRAGE_S
) -> str | None:
    """The base URL a starting server writes to `fichier`, or None if it exits first or does
    not write it within `delai` seconds."""
    limite = time.monotonic() + delai
    while not fichier.exists():
        if process.poll() is not None or time.monotonic() > limite:
            return None
        time.sleep(INTERVALLE_S)
    return fichier.read_text(encoding="utf-8").strip().rstrip("/")


class ServeurMock:
    """A mock server in a child process, started on entry (or `demarrer`), stopped on exit."""

    def __init__(
        self,
        dossier: Path,
        *,
        mode: str = "test",
        workers: int | None = None,
        env: Mapping[str, str] | None = None,
        personnes_demo: int = 0,
    ) -> None:
        """`workers`: None for `python -m mock_site`, a number for gunicorn with that many;
        `env`: variables added to the server's environment (e.g. `MOCK_CLOCK_START`);
        `personnes_demo`: demo persons to store and print (demo mode; `make serve` asks 3)."""
        self.dossier = dossier
        self.mode = mode
        self.workers = workers
        self.env = dict(env or {})
        self.personnes_demo = personnes_demo
        self.base = dossier / "mock.sqlite"
        self.fichier_port = dossier / "mock.url"
        self.journal = dossier / "mock.log"
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._sortie: IO[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process is not None else None

    def demarrer(self) -> str:
        """Start the server; return its base URL once it listens (RuntimeError if it does not)."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        self.fichier_port.unlink(missing_ok=True)
        env = {
            **os.environ,
            "MOCK_MODE": self.mode,
            "MOCK_DATABASE": str(self.base),
            "MOCK_PORT_FILE": str(self.fichier_port),
            "SECRET_KEY": secrets.token_hex(32),
            "PYTHONUNBUFFERED": "1",
            **self.env,
        }
        ligne_de_commande = commande(workers=self.workers, personnes_demo=self.personnes_demo)
        self._sortie = self.journal.open("wb")
        self._process = subprocess.Popen(
            ligne_de_commande,
            stdout=self._sortie,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=RACINE,
        )
        url = attendre_adresse(self.fichier_port, self._process)
        if url is None:
            self.arreter()
            raise RuntimeError(
                f"Le mock n'a pas démarré ({' '.join(ligne_de_commande)}) :\n"
                + self.journal.read_text(encoding="utf-8", errors="replace")
            )
        self.url = url
        return self.url

    def arreter(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a bounded wait)."""
        if self._process is not None:
            if self._process.poll() is None:
                self._process.terminate()
                try:
                    self._process.wait(timeout=DELAI_ARRET_S)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._sortie is not None:
            self._sortie.close()
            self._sortie = None

    def __enter__(self) -> Self:
        """Start the server."""
        self.demarrer()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.arreter()
