"""Durability of the mock's data: restarts keep accounts, concurrent creations never mix.

A "restart" is a new `create_app` on the same SQLite file and secret key, which is what a new
server process (or a new gunicorn worker) does. Concurrency runs several whole journeys at once,
each in its own thread with its own application instance and cookie jar, as separate browsers
talking to separate server workers would; servers starting together are separate processes, as
they are for real (building applications in threads of one process could also trip CPython
3.11's `ast` bug, python/cpython#106905, in Werkzeug's URL-rule compilation).
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash

from mock_site import create_app, store
from mock_site.config import secret_key
from mock_site.franceconnect import provider as fournisseur_franceconnect
from mock_site.tests.libelles import IDENTITE
from mock_site.tests.parcours import (
    CODE_CHOISI,
    activer_compte,
    creer_compte,
    creer_personne,
    instantane,
    jusqu_a_identite,
    se_connecter,
)

pytestmark = pytest.mark.unit

PERSONNES_EN_PARALLELE = 4


def _demarrer(base: Path) -> Flask:
    """The mock as a server process would start it on `base`."""
    return create_app({"MODE": "test", "DATABASE": str(base), "SECRET_KEY": "test"})


def test_garde_un_compte_active_apres_redemarrage(tmp_path: Path) -> None:
    """An account created and activated before a restart still logs in after it."""
    base = tmp_path / "mock.sqlite"
    avant = _demarrer(base).test_client()
    personne = creer_personne(avant)
    creer_compte(avant, personne, "durable@exemple.fr")
    activer_compte(avant, "durable@exemple.fr")

    apres = _demarrer(base).test_client()
    reponse = se_connecter(apres, personne["nir"], CODE_CHOISI)
    assert reponse.status_code == 302
    assert reponse.headers["Location"].endswith("/compte/espace")
    assert personne["nom"] in apres.get("/compte/espace").get_data(as_text=True)


def test_garde_un_compte_en_attente_et_son_lien_apres_redemarrage(tmp_path: Path) -> None:
    """The email and its link, sent before the restart, still activate the account after it."""
    base = tmp_path / "mock.sqlite"
    avant = _demarrer(base).test_client()
    personne = creer_personne(avant)
    creer_compte(avant, personne, "attente@exemple.fr")

    apres = _demarrer(base).test_client()
    activer_compte(apres, "attente@exemple.fr")
    assert se_connecter(apres, personne["nir"], CODE_CHOISI).status_code == 302


def test_reprend_un_parcours_en_cours_apres_redemarrage(tmp_path: Path) -> None:
    """The browser's session cookie still points at its journey once the server is back."""
    base = tmp_path / "mock.sqlite"
    avant = _demarrer(base).test_client()
    personne = creer_personne(avant)
    jusqu_a_identite(avant, personne)
    cookie = avant.get_cookie("ameli_session")
    assert cookie is not None

    apres = _demarrer(base).test_client()
    apres.set_cookie("ameli_session", cookie.value)
    reponse = apres.get("/compte/identite")
    assert reponse.status_code == 200
    assert IDENTITE.titre in reponse.get_data(as_text=True)


def test_garde_la_cle_secrete_generee_entre_les_demarrages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `SECRET_KEY`, the key kept in the instance folder signs sessions after a restart."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    premiere = secret_key(tmp_path)
    assert len(premiere) >= 32
    assert secret_key(tmp_path) == premiere


SERVEURS_QUI_DEMARRENT = 12
DEMARRAGES_SIMULTANES = 20


def test_accepte_des_serveurs_demarrant_ensemble_sur_un_nouveau_fichier(tmp_path: Path) -> None:
    """Servers started at the same moment on a file that does not exist yet all set it up.

    Moving a new file into WAL mode takes a lock SQLite does not wait for: without the setup
    lock, about one start in a hundred failed with "database is locked", and this test failed
    in half of its runs. Each thread sets up the file as a starting server does
    (`store.creer_tables`, the mock's schema then its FranceConnect's); a bare application
    carries the file's path.
    """
    for essai in range(DEMARRAGES_SIMULTANES):
        base = tmp_path / f"mock-{essai}.sqlite"
        depart = threading.Barrier(SERVEURS_QUI_DEMARRENT, timeout=60)

        def demarrer_ensemble(base: Path = base, depart: threading.Barrier = depart) -> None:
            serveur = Flask(__name__, static_folder=None)  # no URL rule to compile
            serveur.config["DATABASE"] = str(base)
            depart.wait()
            for schema in (store.SCHEMA, fournisseur_franceconnect.SCHEMA):
                store.creer_tables(serveur, schema)

        with ThreadPoolExecutor(max_workers=SERVEURS_QUI_DEMARRENT) as executeur:
            taches = [executeur.submit(demarrer_ensemble) for _ in range(SERVEURS_QUI_DEMARRENT)]
            for tache in taches:
                tache.result(timeout=120)
        # Both schemas are there: the mock's (with its clock) and its FranceConnect's.
        assert instantane(str(base), ("horloge", "fc_cle")) == {"horloge": [(1, 0)], "fc_cle": []}
        with closing(sqlite3.connect(base)) as connexion:
            assert connexion.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert _demarrer(base).test_client().get("/").status_code == 200


def _parcours_complet(
    client: FlaskClient, personne: dict[str, Any], numero: int, depart: threading.Barrier
) -> tuple[str, str, str]:
    """One browser's whole journey against its own server instance; (nir, email, code)."""
    email = f"personne{numero}@exemple.fr"
    code = f"9{numero}0{numero}5318274"[:12]
    depart.wait()
    creer_compte(client, personne, email, code)
    activer_compte(client, email)
    reponse = se_connecter(client, personne["nir"], code)
    assert reponse.status_code == 302, reponse.get_data(as_text=True)[:300]
    assert personne["nom"] in client.get("/compte/espace").get_data(as_text=True)
    return personne["nir"], email, code


def test_ne_melange_jamais_des_comptes_crees_en_meme_temps(tmp_path: Path) -> None:
    """Several journeys at once: each account has its own email, code, link and mail."""
    base = tmp_path / "mock.sqlite"
    preparation = _demarrer(base).test_client()
    personnes = [creer_personne(preparation) for _ in range(PERSONNES_EN_PARALLELE)]
    clients = [_demarrer(base).test_client() for _ in personnes]
    depart = threading.Barrier(PERSONNES_EN_PARALLELE, timeout=60)
    with ThreadPoolExecutor(max_workers=PERSONNES_EN_PARALLELE) as executeur:
        taches = [
            executeur.submit(_parcours_complet, client, personne, numero, depart)
            for numero, (client, personne) in enumerate(zip(clients, personnes, strict=True))
        ]
        resultats = [tache.result(timeout=120) for tache in taches]

    tables = instantane(str(base), ("comptes", "jetons", "mails"))
    comptes = {ligne[0]: ligne for ligne in tables["comptes"]}
    assert len(comptes) == PERSONNES_EN_PARALLELE
    for nir, email, code in resultats:
        _, empreinte, email_enregistre, _, statut, *_ = comptes[nir]
        assert (email_enregistre, statut) == (email, "actif")
        # Werkzeug's own check, not the mock's: the hash is a standard Werkzeug one.
        assert check_password_hash(empreinte, code)
        autres_codes = [autre for _, _, autre in resultats if autre != code]
        assert not any(check_password_hash(empreinte, autre) for autre in autres_codes)
        assert [(ligne[1], ligne[2]) for ligne in tables["jetons"] if ligne[1] == nir] == [
            (nir, email)
        ]
        assert [ligne[1] for ligne in tables["mails"] if ligne[1] == email] == [email]
