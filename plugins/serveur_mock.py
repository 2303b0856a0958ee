"""The mock as a child process on a free port, for whoever needs one (the pytest plugin, the
benchmarks, the concurrency tests, the screenshot tool), and `ServeurEnfant`, what it shares
with the Playwright server (`plugins.serveur_playwright`).

Like pytest-flask's `LiveServer`, the class lives apart from the fixtures that use it. The mock
starts on port 0 with a fresh SQLite file and session key in its own folder; its address is read
from the port file it writes once it listens (`MOCK_PORT_FILE`), the channel meant for programs.

    with ServeurMock(dossier) as serveur:               # python -m mock_site, test mode
    with ServeurMock(dossier, workers=4) as serveur:    # gunicorn, 4 workers, one database
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Self

RACINE = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
DELAI_DEMARRAGE_S = 60.0
DELAI_ARRET_S = 10.0
# How often a start checks for the address.
INTERVALLE_S = 0.02


def lire_le_port(fichier: Path) -> str | None:
    """The base URL a server wrote to its port file, once it has."""
    return fichier.read_text(encoding="utf-8").strip().rstrip("/") if fichier.exists() else None


def attendre(
    adresse: Callable[[], str | None],
    process: subprocess.Popen[bytes],
    delai: float = DELAI_DEMARRAGE_S,
) -> str | None:
    """What `adresse` finds once a starting server listens, or None if the server exits first
    or `delai` seconds pass."""
    limite = time.monotonic() + delai
    while (trouvee := adresse()) is None:
        if process.poll() is not None or time.monotonic() > limite:
            return None
        time.sleep(INTERVALLE_S)
    return trouvee


class ServeurEnfant:
    """A server in a child process, in a process group of its own with whatever it starts;
    started on entry (or `demarrer`), stopped on exit (or `arreter`)."""

    NOM = "Le serveur"

    def __init__(self, dossier: Path, journal: str) -> None:
        self.dossier = dossier
        self.journal = dossier / journal
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The server's process id (and its process group's) while it runs."""
        return self._process.pid if self._process is not None else None

    def ligne_de_commande(self) -> list[str]:
        """The server's command line."""
        raise NotImplementedError

    def environnement(self) -> dict[str, str] | None:
        """The server's environment (None: this process's)."""
        return None

    def adresse(self) -> str | None:
        """The server's URL once it listens, else None."""
        raise NotImplementedError

    def demarrer(self) -> str:
        """Start the server; return its URL once it listens (RuntimeError if it does not)."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        with self.journal.open("wb") as sortie:
            self._process = subprocess.Popen(
                self.ligne_de_commande(),
                stdout=sortie,
                stderr=subprocess.STDOUT,
                env=self.environnement(),
                cwd=RACINE,
                start_new_session=True,
            )
        url = attendre(self.adresse, self._process)
        if url is None:
            journal = self.journal.read_text(encoding="utf-8", errors="replace")
            self.arreter()
            raise RuntimeError(
                f"{self.NOM} n'a pas démarré ({shlex.join(self.ligne_de_commande())}) :\n{journal}"
            )
        self.url = url
        return url

    def arreter(self) -> None:
        """Stop the server and its children (SIGTERM to their process group, then SIGKILL after
        a bounded wait): nothing of the group is left when this returns."""
        if self._process is None:
            return
        for signal_ in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal_)
            if self._groupe_fini(time.monotonic() + DELAI_ARRET_S):
                break
        self._process = None

    def _groupe_fini(self, limite: float) -> bool:
        """Reap the server, then wait for the rest of its group to exit; False at `limite`."""
        assert self._process is not None
        while time.monotonic() < limite:
            self._process.poll()
            try:
                os.killpg(self._process.pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(INTERVALLE_S)
        return False

    def __enter__(self) -> Self:
        """Start the server."""
        self.demarrer()
        return self

    def __exit__(self, *_: object) -> None:
        """Stop the server."""
        self.arreter()


class ServeurMock(ServeurEnfant):
    """A mock server in a child process, started on entry (or `demarrer`), stopped on exit."""

    NOM = "Le mock"

    def __init__(
        self,
        dossier: Path,
        *,
        mode: str = "test",
        workers: int | None = None,
        personnes_demo: int = 0,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """`workers`: None for `python -m mock_site`, a number for gunicorn with that many;
        `personnes_demo`: demo persons to store and print (demo mode; `make serve` asks 3);
        `env`: variables added to the server's environment (`MOCK_CLOCK_START`…)."""
        super().__init__(dossier, "mock.log")
        self.mode = mode
        self.workers = workers
        self.env = dict(env or {})
        self.personnes_demo = personnes_demo
        self.base = dossier / "mock.sqlite"
        self.fichier_port = dossier / "mock.url"

    def ligne_de_commande(self) -> list[str]:
        """`python -m mock_site`, or gunicorn with `workers` as `make serve-prod` runs it."""
        if self.workers is None:
            options = ["--port", "0", "--demo-persons", str(self.personnes_demo)]
            return [sys.executable, "-m", "mock_site", "--host", "127.0.0.1", *options]
        # The config's `when_ready` hook writes MOCK_PORT_FILE; --preload builds the application
        # (and its schema) once, before the workers fork; --no-control-socket: several servers
        # may run on one machine, none claims ~/.gunicorn/gunicorn.ctl.
        options = ["--config", "python:mock_site.gunicorn_conf", "--workers", str(self.workers)]
        options += ["--bind", "127.0.0.1:0", "--preload", "--no-control-socket"]
        return [str(GUNICORN), *options, "mock_site.wsgi:app"]

    def environnement(self) -> dict[str, str]:
        """This process's, with a fresh database and session key, the port file and the mode."""
        return {
            **os.environ,
            "MOCK_MODE": self.mode,
            "MOCK_DATABASE": str(self.base),
            "MOCK_PORT_FILE": str(self.fichier_port),
            "SECRET_KEY": secrets.token_hex(32),
            "PYTHONUNBUFFERED": "1",
            **self.env,
        }

    def adresse(self) -> str | None:
        """The URL in the port file."""
        return lire_le_port(self.fichier_port)

    def demarrer(self) -> str:
        """Start the server, with no port file of an earlier start in its folder."""
        self.fichier_port.unlink(missing_ok=True)
        return super().demarrer()
