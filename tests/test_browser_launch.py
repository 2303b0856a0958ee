"""The browser as `plugins.browser` launches it: its command line, read back from the system.

Chromium runs as users run it: its command line is the one Playwright gives it by itself plus
the three flags a closed network needs (`plugins.browser.CHROMIUM_ARGS`), and nothing that
changes how pages load, navigate, share processes or are isolated.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserType

from plugins.browser import CHROMIUM_ARGS

PROC = Path("/proc")
# Flags that would make the browser unlike the one users run.
DRAPEAUX_INTERDITS = (
    "--renderer-process-limit",
    "--single-process",
    "--process-per-site",
    "--process-per-tab",
    "--disable-site-isolation-trials",
    "--site-per-process",
    "--disable-web-security",
)


def _processus() -> set[int]:
    return {int(entree.name) for entree in PROC.iterdir() if entree.name.isdigit()}


def _parent(pid: int) -> int:
    # /proc/<pid>/stat: "pid (name) state ppid …"; the name may hold spaces and parentheses.
    return int((PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])


def _ligne_de_commande(pid: int) -> list[str]:
    return (PROC / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]


def _ligne_du_navigateur(browser_type: BrowserType, **options: Any) -> list[str]:
    """The command line of the browser process a launch with these options starts."""
    avant = _processus()
    navigateur = browser_type.launch(**options)
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
    return ligne


def test_le_navigateur_est_lance_comme_playwright_le_lance_plus_le_reseau_ferme(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any]
) -> None:
    """The suite's launch adds to Playwright's own command line only the closed-network flags."""
    # Each launch has a profile of its own (--user-data-dir=/tmp/playwright_chromiumdev_…).
    suite, playwright_seul = (
        {arg for arg in _ligne_du_navigateur(browser_type, **options) if "user-data-dir" not in arg}
        for options in (browser_type_launch_args, {**browser_type_launch_args, "args": []})
    )
    assert suite - playwright_seul <= set(CHROMIUM_ARGS)
    assert playwright_seul <= suite
    assert set(CHROMIUM_ARGS) <= suite
    interdits = [arg for arg in suite if arg.startswith(DRAPEAUX_INTERDITS)]
    assert not interdits, interdits
    assert len([arg for arg in suite if arg.startswith("--disable-features=")]) <= 1
