"""The browser as `plugins.browser` launches it: its command line, read back from the system.

Chromium reads only the last --disable-features of its command line. Playwright puts its own
first, the suite's comes after: the suite's must carry every feature Playwright disables, or
launching with it would turn them back on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Playwright

from plugins.browser import DISABLE_FEATURES

PROC = Path("/proc")


def _processus() -> set[int]:
    return {int(entree.name) for entree in PROC.iterdir() if entree.name.isdigit()}


def _parent(pid: int) -> int:
    # /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces and parentheses.
    return int((PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])


def _ligne_de_commande(pid: int) -> list[str]:
    return (PROC / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]


def test_le_navigateur_lance_garde_les_features_que_playwright_desactive(
    playwright: Playwright, browser_type_launch_args: dict[str, Any]
) -> None:
    """The last --disable-features holds every feature of Playwright's own, and RenderDocument."""
    avant = _processus()
    navigateur = playwright.chromium.launch(**browser_type_launch_args)
    try:
        # Chromium's browser process: started by Playwright's driver, itself started by this
        # process (the other workers' browsers have other grandparents).
        (ligne,) = [
            _ligne_de_commande(pid)
            for pid in _processus() - avant
            if (PROC / str(pid)).is_dir()
            and _parent(_parent(pid)) == os.getpid()
            and not any(arg.startswith("--type=") for arg in _ligne_de_commande(pid))
        ]
    finally:
        navigateur.close()
    listes = [
        arg.removeprefix(DISABLE_FEATURES).split(",")
        for arg in ligne
        if arg.startswith(DISABLE_FEATURES)
    ]
    assert len(listes) >= 2, ligne  # Playwright's, then the suite's
    lue = set(listes[-1])
    manquantes = sorted(set().union(*listes[:-1]) - lue)
    assert not manquantes, (
        f"Playwright désactive aussi {manquantes} : les ajouter à PLAYWRIGHT_DISABLED_FEATURES "
        "(plugins/browser.py), sinon la liste de la suite les réactive"
    )
    assert "RenderDocument" in lue
