"""The project's starters of servers for a whole run: `--mock-workers` (one gunicorn mock that
every test process shares) and `python -m plugins.serveur_playwright` (a Playwright server for
`--browser-ws`), both started and stopped without a line of shell, as `.ci/run` uses them.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from plugins.serveur_mock import RACINE
from plugins.serveur_playwright import ADRESSE, ServeurPlaywright
from tests.pytest_a_part import pytest_a_part

pytestmark = pytest.mark.unit

ECHANTILLON = RACINE / "tests" / "reporting_samples" / "sample_base_url.py"
DELAI_S = 300


def _ecoute(url: str) -> bool:
    parties = urlsplit(url)
    assert parties.hostname is not None
    assert parties.port is not None
    with socket.socket() as prise:
        return prise.connect_ex((parties.hostname, parties.port)) == 0


def test_mock_workers_donne_un_seul_mock_a_tous_les_processus(tmp_path: Path) -> None:
    """Two pytest-xdist workers, one gunicorn mock: every test sees its URL; it is stopped
    when the run ends."""
    sortie = tmp_path / "basetemp" / "adresses.txt"
    execution = pytest_a_part(
        str(ECHANTILLON),
        "-n",
        "2",
        "--mock-workers",
        "2",
        f"--alluredir={tmp_path / 'allure'}",
        f"--basetemp={tmp_path / 'basetemp'}",
        "-q",
        delai_s=DELAI_S,
    )
    assert execution.returncode == 0, execution.stdout[-3000:] + execution.stderr[-3000:]
    lignes = [ligne.split() for ligne in sortie.read_text(encoding="utf-8").splitlines()]
    assert len(lignes) == 6
    assert {worker for worker, _ in lignes} == {"gw0", "gw1"}
    (url,) = {url for _, url in lignes}
    assert not _ecoute(url)


def test_le_serveur_playwright_donne_son_adresse_et_s_arrete_avec_son_enfant(
    tmp_path: Path,
) -> None:
    serveur = ServeurPlaywright(tmp_path)
    url = serveur.demarrer()
    try:
        assert ADRESSE.fullmatch(url)
        assert url.startswith("ws://127.0.0.1:")
        assert _ecoute(url.replace("ws://", "http://"))
        groupe = serveur.pid
        assert groupe is not None
    finally:
        serveur.arreter()
    assert not _ecoute(url.replace("ws://", "http://"))
    # No process of its group (`python -m playwright` and its Node.js child) is left.
    with pytest.raises(ProcessLookupError):
        os.killpg(groupe, 0)
