"""A Playwright server (`playwright run-server`) as a child process on a free port, and a command
that runs pytest with its browsers.

The suite's tests reach a Playwright server with `--browser-ws ws://HOST:PORT/`: the browsers
then run in the server's process, as on a grid. This starts one on this machine, the way
`plugins.serveur_mock.ServeurMock` starts a mock: on port 0, its address read from what it
prints once it listens, stopped on exit (SIGTERM, then SIGKILL after a bounded wait).

    with ServeurPlaywright(dossier) as serveur:
        subprocess.run([..., "--browser-ws", serveur.url])

    python -m plugins.serveur_playwright e2e/test_parcours.py -n auto
        # pytest e2e/test_parcours.py -n auto --browser-ws ws://127.0.0.1:PORT/, then the server
        # stops; the exit status is pytest's (CI's remote-browser phase, .ci/run)
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from plugins.serveur_mock import DELAI_ARRET_S, DELAI_DEMARRAGE_S, INTERVALLE_S, RACINE

# What `playwright run-server` prints once it listens: "Listening on ws://127.0.0.1:PORT/".
ADRESSE = re.compile(r"ws://[\w.\[\]:-]+/\S*")


class ServeurPlaywright:
    """A Playwright server in a child process, started on entry (or `demarrer`), stopped on exit.

    `--unsafe` lets the clients choose their launch options (the suite launches the system
    Chromium by its path when Playwright's own is not installed)."""

    def __init__(self, dossier: Path, hote: str = "127.0.0.1") -> None:
        self.dossier = dossier
        self.hote = hote
        self.journal = dossier / "run-server.log"
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._sortie: IO[bytes] | None = None

    def commande(self) -> list[str]:
        """The server's command line."""
        return [
            sys.executable,
            "-m",
            "playwright",
            "run-server",
            "--host",
            self.hote,
            "--port",
            "0",
            "--unsafe",
        ]

    def demarrer(self) -> str:
        """Start the server; return its ws:// URL once it listens (RuntimeError if it does not)."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        self._sortie = self.journal.open("wb")
        # A process group of its own: `python -m playwright` runs the server in a Node.js child,
        # which the stop must reach too.
        self._process = subprocess.Popen(
            self.commande(),
            stdout=self._sortie,
            stderr=subprocess.STDOUT,
            cwd=RACINE,
            start_new_session=True,
        )
        limite = time.monotonic() + DELAI_DEMARRAGE_S
        while not (trouve := ADRESSE.search(self._lire_journal())):
            if self._process.poll() is not None or time.monotonic() > limite:
                journal = self._lire_journal()
                self.arreter()
                raise RuntimeError(
                    f"Le serveur Playwright n'a pas démarré ({' '.join(self.commande())}) :\n"
                    + journal
                )
            time.sleep(INTERVALLE_S)
        self.url = trouve.group(0)
        return self.url

    def _attendre_groupe(self, limite: float) -> bool:
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

    def _signaler(self, signal_: signal.Signals) -> None:
        assert self._process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal_)

    def _lire_journal(self) -> str:
        return self.journal.read_text(encoding="utf-8", errors="replace")

    @property
    def pid(self) -> int | None:
        """The server's process id (and its process group's) while it runs."""
        return self._process.pid if self._process is not None else None

    def arreter(self) -> None:
        """Stop the server and its Node.js child (SIGTERM to their process group, then SIGKILL
        after a bounded wait): nothing of the group is left when this returns."""
        if self._process is not None:
            self._signaler(signal.SIGTERM)
            if not self._attendre_groupe(time.monotonic() + DELAI_ARRET_S):
                self._signaler(signal.SIGKILL)
                self._attendre_groupe(time.monotonic() + DELAI_ARRET_S)
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


def main(arguments: list[str]) -> int:
    """Run pytest with these arguments and `--browser-ws` on a server started for the run."""
    with tempfile.TemporaryDirectory(prefix="playwright-server-") as dossier:
        serveur = ServeurPlaywright(Path(dossier))
        try:
            url = serveur.demarrer()
        except RuntimeError as erreur:
            print(erreur, file=sys.stderr)
            return 1
        try:
            print(f"Serveur Playwright : {url}", flush=True)
            commande = [sys.executable, "-m", "pytest", *arguments, "--browser-ws", url]
            return subprocess.run(commande, cwd=RACINE, check=False).returncode
        finally:
            serveur.arreter()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
