"""Starting the mock and sharing it: the port file, `make serve` stopping on TERM, gunicorn
workers on one SQLite file losing and mixing nothing, and a mock in production mode explained.

The shared server is the one `make serve-prod` runs and the suite can share (`--base-url`): a
real gunicorn with several worker processes, each with its own connections to the one database
in WAL mode. Many clients create their accounts at the same moment, each as its own browser
with its own cookies; every request may land on any worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Playwright
from werkzeug.security import check_password_hash

from fixtures.api import DonneesDeTest, MockEnProduction
from fixtures.assures import CODE_PERSONNEL_EXEMPLE
from fixtures.parcours_http import ClientHttp, CompteCree
from plugins.serveur_mock import RACINE, ServeurMock, attendre, lire_le_port
from tests.pytest_a_part import pytest_a_part

pytestmark = pytest.mark.unit

WORKERS = 4
CLIENTS_EN_PARALLELE = 8
DELAI_PARCOURS_S = 120
DELAI_ARRET_S = 20
PHRASE_PRODUCTION = "tourne en mode production"


@pytest.fixture(scope="module")
def mock_partage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeurMock]:
    """The mock under gunicorn with several workers, on a fresh database."""
    with ServeurMock(tmp_path_factory.mktemp("gunicorn"), workers=WORKERS) as serveur:
        yield serveur


@pytest.fixture(scope="module")
def mock_en_production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServeurMock]:
    """The mock started without the test-data API, as `MOCK_MODE=production` runs it."""
    with ServeurMock(tmp_path_factory.mktemp("production"), mode="production") as serveur:
        yield serveur


def _lignes(base: Path, requete: str) -> list[tuple[str, ...]]:
    connexion = sqlite3.connect(base)
    try:
        return [tuple(ligne) for ligne in connexion.execute(requete)]
    finally:
        connexion.close()


def _port_libre(url: str) -> bool:
    """Nothing accepts connections at the URL's address any more."""
    adresse = urlsplit(url)
    try:
        socket.create_connection((adresse.hostname, adresse.port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def _parcours(url: str, numero: int, depart: threading.Barrier) -> CompteCree:
    """One browser: its own person, account, mail, activation and login."""
    client = ClientHttp(url)
    try:
        try:
            assure = client.creer_assure()
        except BaseException:
            depart.abort()  # the others stop waiting; this error is the test's failure
            raise
        # Lower case, as the mailbox keeps recipients: a Corsican NIR has an "A" or a "B".
        email = f"partage{numero}.{assure.nir.lower()}@exemple.fr"
        code = f"{numero:02d}{CODE_PERSONNEL_EXEMPLE[2:]}"
        depart.wait()
        compte = client.creer_compte(assure, email, code)
        client.activer(email)
        espace = client.se_connecter(compte.nir, code)
        assert assure.nom in espace, f"l'espace de {email} montre quelqu'un d'autre"
        return compte
    finally:
        client.fermer()


def test_le_mock_ecrit_son_adresse_dans_le_fichier_de_port(
    mock_en_production: ServeurMock,
) -> None:
    """`python -m mock_site --port 0` writes the URL it listens at; that URL answers. (That
    the port is freed on a stop: `make serve` below, and tests/test_demarreurs.py.)"""
    serveur = mock_en_production
    assert serveur.fichier_port.read_text(encoding="utf-8") == serveur.url + "\n"
    assert urlsplit(serveur.url).port not in (None, 0)
    assert requests.get(serveur.url + "/", timeout=30).status_code == 200


def test_gunicorn_ecrit_son_adresse_dans_le_fichier_de_port(mock_partage: ServeurMock) -> None:
    """The gunicorn config hook writes the master's address, which any worker answers."""
    assert mock_partage.fichier_port.read_text(encoding="utf-8") == mock_partage.url + "\n"
    assert requests.get(mock_partage.url + "/", timeout=30).status_code == 200


@pytest.mark.parametrize("cible", ["serve", "serve-prod"])
def test_un_term_envoye_a_make_arrete_le_serveur_et_libere_le_port(
    cible: str, tmp_path: Path
) -> None:
    """`make serve` / `serve-prod` `exec` the server: the TERM make hands its child stops it."""
    fichier = tmp_path / "mock.url"
    make = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            cible,
            "PORT=0",
            "MOCK_MODE=test",
            f"MOCK_PORT_FILE={fichier}",
            "GUNICORN_WORKERS=2",
        ],
        cwd=RACINE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "MOCK_DATABASE": str(tmp_path / "mock.sqlite")},
        # A group of its own: whatever make leaves behind is found (and cleaned up) by it.
        start_new_session=True,
    )
    try:
        url = attendre(lambda: lire_le_port(fichier), make)
        assert url is not None, f"make {cible} n'a pas écrit {fichier}"
        assert requests.get(url + "/", timeout=30).status_code == 200
        make.send_signal(signal.SIGTERM)
        make.wait(timeout=DELAI_ARRET_S)
        assert _port_libre(url), f"le serveur de make {cible} répond encore sur {url}"
        with pytest.raises(ProcessLookupError):
            os.killpg(make.pid, 0)  # no process of the group is left
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)
        make.wait()


def test_des_comptes_crees_en_meme_temps_ne_se_perdent_ni_ne_se_melangent(
    mock_partage: ServeurMock,
) -> None:
    """Concurrent journeys over several workers: one account, one mail, one link each."""
    depart = threading.Barrier(CLIENTS_EN_PARALLELE, timeout=60)
    with ThreadPoolExecutor(max_workers=CLIENTS_EN_PARALLELE) as executeur:
        taches = [
            executeur.submit(_parcours, mock_partage.url, numero, depart)
            for numero in range(CLIENTS_EN_PARALLELE)
        ]
        comptes = [tache.result(timeout=DELAI_PARCOURS_S) for tache in taches]

    base = mock_partage.base
    enregistres = {
        nir: (email, statut, empreinte)
        for nir, email, statut, empreinte in _lignes(
            base, "SELECT nir, email, statut, empreinte_code FROM comptes"
        )
    }
    assert set(enregistres) == {compte.nir for compte in comptes}
    for compte in comptes:
        email, statut, empreinte = enregistres[compte.nir]
        assert (email, statut) == (compte.email, "actif")
        # The stored hash is Werkzeug's: checked with Werkzeug, not with the mock's code.
        assert check_password_hash(empreinte, compte.code)
        assert not [
            autre
            for autre in comptes
            if autre is not compte and check_password_hash(empreinte, autre.code)
        ]
    jetons = _lignes(base, "SELECT nir, email FROM jetons")
    assert sorted(jetons) == sorted((compte.nir, compte.email) for compte in comptes)
    mails = _lignes(base, "SELECT destinataire FROM mails")
    assert sorted(mails) == sorted((compte.email,) for compte in comptes)


def test_chaque_parcours_garde_sa_session_quel_que_soit_le_worker(
    mock_partage: ServeurMock,
) -> None:
    """Two interleaved journeys: each session stays at its own step with its own person."""
    premier, second = ClientHttp(mock_partage.url), ClientHttp(mock_partage.url)
    try:
        assures = [premier.creer_assure(), second.creer_assure()]
        for client, assure in ((premier, assures[0]), (second, assures[1])):
            assert client.passer_l_ecran_4(assure).status_code == 302
        for _ in range(WORKERS * 2):
            for client, assure in ((premier, assures[0]), (second, assures[1])):
                page = client.get("/compte/identite")
                assert page.status_code == 200
                assert assure.prefixe_iban.replace(" ", "") in page.text.replace(" ", "")
    finally:
        premier.fermer()
        second.fermer()


def test_le_client_http_explique_un_mock_en_production(mock_en_production: ServeurMock) -> None:
    """A 404 from `/_test/*` becomes one sentence: production mode, start with MOCK_MODE=test."""
    client = ClientHttp(mock_en_production.url)
    try:
        with pytest.raises(MockEnProduction, match=PHRASE_PRODUCTION) as erreur:
            client.creer_assure()
    finally:
        client.fermer()
    assert "MOCK_MODE=test" in str(erreur.value)
    assert mock_en_production.url in str(erreur.value)


# Both take pytest-playwright's session `playwright`: a second sync_playwright() in a worker
# whose browser tests already started one fails ("Sync API inside the asyncio loop").
def test_le_client_des_donnees_de_test_explique_un_mock_en_production(
    mock_en_production: ServeurMock, playwright: Playwright
) -> None:
    """The Playwright-based client says the same; a person unknown in test mode does not."""
    requete = playwright.request.new_context(base_url=mock_en_production.url)
    try:
        with pytest.raises(MockEnProduction, match="MOCK_MODE=test"):
            DonneesDeTest(requete).creer_assure()
    finally:
        requete.dispose()


def test_un_nir_inconnu_en_mode_test_n_est_pas_pris_pour_la_production(
    base_url: str, playwright: Playwright
) -> None:
    """`/_test/parcours` answers 404 for an unknown person: that is not production mode."""
    requete = playwright.request.new_context(base_url=base_url)
    try:
        with pytest.raises(AssertionError) as erreur:
            DonneesDeTest(requete).placer_parcours("1850575123456", "conditions")
    finally:
        requete.dispose()
    assert not isinstance(erreur.value, MockEnProduction)
    assert "404" in str(erreur.value)


def test_la_suite_contre_un_mock_en_production_s_arrete_sur_une_phrase(
    mock_en_production: ServeurMock, tmp_path: Path
) -> None:
    """`pytest e2e --base-url <production mock>`: the first test says why, the run stops."""
    execution = pytest_a_part(
        "e2e/test_identite.py",
        "--randomly-dont-reorganize",
        "-n",
        "0",
        f"--base-url={mock_en_production.url}",
        f"--alluredir={tmp_path / 'allure'}",
        f"--basetemp={tmp_path / 'basetemp'}",
        delai_s=300,
    )
    sortie = execution.stdout
    assert execution.returncode == pytest.ExitCode.INTERRUPTED, sortie[-3000:]
    assert f"Interrupted: Le mock de {mock_en_production.url} {PHRASE_PRODUCTION}" in sortie
    assert "1 error" in sortie.splitlines()[-1], sortie[-3000:]
