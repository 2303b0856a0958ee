"""A pytest of its own, started from the project's root.

Several tests check what a whole pytest run prints or writes (the failure section, sharding,
the starters, a mock in production mode). Their pytest must not inherit this run's options
(`PYTEST_ADDOPTS`) or its pytest-xdist identity (`PYTEST_XDIST_WORKER`…): it would run as a
worker of this run, with this run's options.
"""

from __future__ import annotations

import os
import subprocess
import sys

from plugins.serveur_mock import RACINE

VARIABLES_DU_RUN = ("PYTEST_ADDOPTS", "PYTEST_XDIST")


def environnement_a_part(**ajouts: str) -> dict[str, str]:
    """This process's environment without this run's pytest variables, plus `ajouts`."""
    propre = {
        cle: valeur for cle, valeur in os.environ.items() if not cle.startswith(VARIABLES_DU_RUN)
    }
    return {**propre, **ajouts}


def pytest_a_part(
    *arguments: str, delai_s: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m pytest -p no:cacheprovider ARGUMENTS` from the project's root, in the
    environment `env` (by default `environnement_a_part()`), its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=RACINE,
        env=environnement_a_part() if env is None else env,
        capture_output=True,
        text=True,
        timeout=delai_s,
        check=False,
    )
