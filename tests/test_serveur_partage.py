"""The shared mock: gunicorn workers on one SQLite file lose and mix nothing under concurrency.

This is the server `make serve-prod` runs and the suite can share (`--base-url`): a real
gunicorn with several worker processes, each with its own connections to the one database in
WAL mode. Many clients create their accounts at the same moment, each as its own browser with
its own cookies; every request may land on any worker.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.client_http import ClientHttp, CompteCree
from bench.mock_partage import MockPartage
from mock_site.rules import code_personnel

pytestmark = pytest.mark.unit

WORKERS = 4
CLIENTS_EN_PARALLELE = 8
DELAI_PARCOURS_S = 120


@pytest.fixture(scope="module")
def mock_partage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockPartage]:
    """The mock under gunicorn with several workers, on a fresh database."""
    with MockPartage(tmp_path_factory.mktemp("gunicorn"), workers=WORKERS) as serveur:
        yield serveur


def _lignes(base: Path, requete: str) -> list[tuple[str, ...]]:
    connexion = sqlite3.connect(base)
    try:
        return [tuple(ligne) for ligne in connexion.execute(requete)]
    finally:
        connexion.close()


def _parcours(url: str, numero: int, depart: threading.Barrier) -> CompteCree:
    """One browser: its own person, account, mail, activation and login."""
    client = ClientHttp(url)
    try:
        try:
            personne = client.creer_personne()
        except BaseException:
            depart.abort()  # the others stop waiting; this error is the test's failure
            raise
        # Lower case, as the mailbox keeps recipients: a Corsican NIR has an "A" or a "B".
        email = f"partage{numero}.{personne['nir'].lower()}@exemple.fr"
        code = f"{numero:02d}9184265031"
        depart.wait()
        compte = client.creer_compte(personne, email, code)
        client.activer(email)
        espace = client.se_connecter(compte.nir, code)
        assert personne["nom"] in espace, f"l'espace de {email} montre quelqu'un d'autre"
        return compte
    finally:
        client.fermer()


def test_should_neither_lose_nor_mix_accounts_created_at_the_same_time(
    mock_partage: MockPartage,
) -> None:
    """Concurrent journeys over several workers: one account, one mail, one link each."""
    depart = threading.Barrier(CLIENTS_EN_PARALLELE, timeout=60)
    with ThreadPoolExecutor(max_workers=CLIENTS_EN_PARALLELE) as executeur:
        taches = [executeur.submit(_parcours, mock_partage.url, numero, depart)
                  for numero in range(CLIENTS_EN_PARALLELE)]
        comptes = [tache.result(timeout=DELAI_PARCOURS_S) for tache in taches]

    base = mock_partage.base
    enregistres = {nir: (email, statut, empreinte) for nir, email, statut, empreinte in _lignes(
        base, "SELECT nir, email, statut, empreinte_code FROM comptes")}
    assert set(enregistres) == {compte.nir for compte in comptes}
    for compte in comptes:
        email, statut, empreinte = enregistres[compte.nir]
        assert (email, statut) == (compte.email, "actif")
        assert code_personnel.verifier_code(compte.code, empreinte)
        assert not [autre for autre in comptes
                    if autre is not compte and code_personnel.verifier_code(autre.code, empreinte)]
    jetons = _lignes(base, "SELECT nir, email FROM jetons")
    assert sorted(jetons) == sorted((compte.nir, compte.email) for compte in comptes)
    mails = _lignes(base, "SELECT destinataire FROM mails")
    assert sorted(mails) == sorted((compte.email,) for compte in comptes)


def test_should_keep_each_journey_on_its_session_whichever_worker_answers(
    mock_partage: MockPartage,
) -> None:
    """Two interleaved journeys: each session stays at its own step with its own person."""
    premier, second = ClientHttp(mock_partage.url), ClientHttp(mock_partage.url)
    try:
        personnes = [premier.creer_personne(), second.creer_personne()]
        for client, personne in ((premier, personnes[0]), (second, personnes[1])):
            annee, mois, jour = str(personne["date_naissance"]).split("-")
            reponse = client.poster("/compte/creation", {
                "nom": personne["nom"], "nir": personne["nir"],
                "date_naissance": f"{jour}/{mois}/{annee}",
                "code_postal": personne["code_postal"], "action": "continuer"})
            assert reponse.status_code == 302
        for _ in range(WORKERS * 2):
            for client, personne in ((premier, personnes[0]), (second, personnes[1])):
                page = client.get("/compte/identite")
                assert page.status_code == 200
                assert str(personne["iban"]).replace(" ", "")[:4] in page.text.replace(" ", "")
    finally:
        premier.fermer()
        second.fermer()
