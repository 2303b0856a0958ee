"""The mock served by gunicorn with several workers on one SQLite file, for as long as needed.

`make serve-prod` starts the same server by hand; this module starts one on a free port with
its own database and key, waits for gunicorn to say where it listens (a bounded wait on its
log, no polling), and stops it on exit. The shared-server tests and the benchmarks use it.
"""

from __future__ import annotations

import os
import queue
import re
import secrets
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import IO, Self

RACINE = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
APPLICATION = "mock_site.wsgi:app"
DELAI_DEMARRAGE_S = 60.0
DELAI_ARRET_S = 10.0
_ECOUTE = re.compile(r"Listening at: (http://\S+)")


def commande_gunicorn(hote: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line of the shared mock (the same as `make serve-prod`'s)."""
    return [
        str(GUNICORN),
        "--workers", str(workers),
        "--bind", f"{hote}:{port}",
        # The application (and its schema) is built once, before the workers fork.
        "--preload",
        # Several servers may run on one machine: none claims ~/.gunicorn/gunicorn.ctl.
        "--no-control-socket",
        APPLICATION,
    ]


class MockPartage:
    """A gunicorn server of the mock on 127.0.0.1, started on entry and stopped on exit."""

    def __init__(self, dossier: Path, workers: int = 4, mode: str = "test") -> None:
        self.dossier = dossier
        self.workers = workers
        self.mode = mode
        self.base = dossier / "mock.sqlite"
        self.journal = dossier / "gunicorn.log"
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self._lecteur: threading.Thread | None = None

    def __enter__(self) -> Self:
        """Start gunicorn and return once it listens."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "MOCK_MODE": self.mode,
            "MOCK_DATABASE": str(self.base),
            "SECRET_KEY": secrets.token_hex(32),
            "PYTHONUNBUFFERED": "1",
        }
        self._process = subprocess.Popen(
            commande_gunicorn("127.0.0.1", 0, self.workers),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=RACINE,
        )
        assert self._process.stderr is not None
        adresses: queue.Queue[str | None] = queue.Queue()
        self._lecteur = threading.Thread(
            target=_recopier, args=(self._process.stderr, self.journal, adresses), daemon=True
        )
        self._lecteur.start()
        try:
            adresse = adresses.get(timeout=DELAI_DEMARRAGE_S)
        except queue.Empty:
            adresse = None
        if adresse is None:
            self.arreter()
            raise RuntimeError(
                "gunicorn n'a pas démarré :\n" + self.journal.read_text(encoding="utf-8")
            )
        self.url = adresse.rstrip("/")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.arreter()

    def arreter(self) -> None:
        """Stop gunicorn gracefully (SIGTERM), or kill it after a bounded wait."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=DELAI_ARRET_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._lecteur is not None:
            self._lecteur.join(timeout=DELAI_ARRET_S)
        if self._process.stderr is not None:
            self._process.stderr.close()
        self._process = None


def _recopier(flux: IO[str], journal: Path, adresses: queue.Queue[str | None]) -> None:
    """Copy gunicorn's log to a file, and hand over the address it listens at."""
    annonce = False
    with journal.open("w", encoding="utf-8") as sortie:
        for ligne in flux:
            sortie.write(ligne)
            sortie.flush()
            trouve = _ECOUTE.search(ligne)
            if trouve and not annonce:
                annonce = True
                adresses.put(trouve.group(1))
    if not annonce:
        adresses.put(None)  # gunicorn exited before listening
