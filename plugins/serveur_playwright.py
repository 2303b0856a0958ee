"""A Playwright server (`playwright run-server`) on a free port, whose browsers the tests use
with `--browser-ws ws://HOST:PORT/` (as on a grid), and a command that runs pytest with it:

    python -m plugins.serveur_playwright e2e/test_parcours.py -n auto
        # pytest e2e/test_parcours.py -n auto --browser-ws ws://127.0.0.1:PORT/, then the server
        # stops; the exit status is pytest's (CI's remote-browser phase, .ci/run)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from plugins.serveur_mock import RACINE, ServeurEnfant

# What `playwright run-server` prints once it listens: "Listening on ws://127.0.0.1:PORT/".
ADRESSE = re.compile(r"ws://[\w.\[\]:-]+/\S*")


class ServeurPlaywright(ServeurEnfant):
    """A Playwright server in a child process (and its Node.js child), its address read from
    what it prints once it listens. `--unsafe` lets the clients choose their launch options (the
    suite launches the system Chromium by its path when Playwright's own is not installed)."""

    NOM = "Le serveur Playwright"

    def __init__(self, dossier: Path, hote: str = "127.0.0.1") -> None:
        super().__init__(dossier, "run-server.log")
        self.hote = hote

    def ligne_de_commande(self) -> list[str]:
        """`playwright run-server` on a free port."""
        options = ["--host", self.hote, "--port", "0", "--unsafe"]
        return [sys.executable, "-m", "playwright", "run-server", *options]

    def adresse(self) -> str | None:
        """The ws:// URL the server prints once it listens."""
        trouve = ADRESSE.search(self.journal.read_text(encoding="utf-8", errors="replace"))
        return trouve.group(0) if trouve else None


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
