"""The account-creation journey walked through Flask's test client, as plain HTTP requests.

The security, durability and hostile-input tests need a person at a given step, or a whole
account, without a browser. These helpers post what the forms post (CSRF token included, so
they work whether the application checks it or not) and check each step's redirect, so a
broken journey fails where it breaks.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CODE_CHOISI = "739184265031"
Lignes = dict[str, list[tuple[Any, ...]]]
_JETON_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def jeton_csrf(client: FlaskClient) -> str:
    """The CSRF token of the client's session, read from the portal's login form."""
    page = client.get("/compte").get_data(as_text=True)
    trouve = _JETON_CSRF.search(page)
    assert trouve is not None, "le portail n'a pas de jeton CSRF"
    return trouve.group(1)


def poster(client: FlaskClient, chemin: str, champs: Mapping[str, str]) -> TestResponse:
    """Post a form the way a browser would, with the session's CSRF token."""
    return client.post(chemin, data={"csrf_token": jeton_csrf(client), **champs})


def redirige_vers(reponse: TestResponse) -> str:
    """The path a redirect answer sends to (the answer must be a 302)."""
    assert reponse.status_code == 302, reponse.get_data(as_text=True)[:300]
    return str(urlsplit(reponse.location).path)


def creer_personne(client: FlaskClient, **surcharges: Any) -> dict[str, Any]:
    """Store an insured person through the test-data API and return it."""
    reponse = client.post("/_test/assures", json=surcharges)
    assert reponse.status_code == 201, reponse.get_data(as_text=True)
    personne: dict[str, Any] = reponse.get_json()
    return personne


def date_fr(personne: Mapping[str, Any]) -> str:
    """The person's birth date as typed on screen 4 (JJ/MM/AAAA)."""
    annee, mois, jour = str(personne["date_naissance"]).split("-")
    return f"{jour}/{mois}/{annee}"


def champs_creation(personne: Mapping[str, Any]) -> dict[str, str]:
    """Screen 4's fields filled with the person's identity."""
    return {
        "nom": personne["nom"],
        "nir": personne["nir"],
        "date_naissance": date_fr(personne),
        "code_postal": personne["code_postal"],
        "action": "continuer",
    }


def champs_identite(personne: Mapping[str, Any]) -> dict[str, str]:
    """Screen 5's fields filled with the right IBAN and Vitale digits."""
    return {
        "iban7": str(personne["iban"]).replace(" ", "")[-7:],
        "vitale11": str(personne["numero_serie_vitale"])[-11:],
        "action": "valider",
    }


def _suivre(reponse: TestResponse, attendu: str) -> None:
    assert reponse.status_code == 302, (
        f"{reponse.status_code} au lieu d'une redirection vers {attendu} : "
        f"{reponse.get_data(as_text=True)[:300]}"
    )
    assert urlsplit(reponse.headers["Location"]).path == attendu


def jusqu_a_identite(client: FlaskClient, personne: Mapping[str, Any]) -> None:
    """Pass screen 4: the client is now at screen 5."""
    _suivre(poster(client, "/compte/creation", champs_creation(personne)), "/compte/identite")


def creer_compte(
    client: FlaskClient, personne: Mapping[str, Any], email: str, code: str = CODE_CHOISI
) -> None:
    """Walk screens 4 to 8: the account exists, waiting for its email validation."""
    jusqu_a_identite(client, personne)
    _suivre(poster(client, "/compte/identite", champs_identite(personne)), "/compte/conditions")
    _suivre(
        poster(client, "/compte/conditions", {"conditions": "oui", "action": "continuer"}),
        "/compte/code",
    )
    _suivre(
        poster(client, "/compte/code", {"code": code, "confirmation": code, "action": "continuer"}),
        "/compte/coordonnees",
    )
    _suivre(
        poster(
            client,
            "/compte/coordonnees",
            {"email": email, "email_confirmation": email, "action": "continuer"},
        ),
        "/compte/confirmation",
    )


def lien_validation(client: FlaskClient, email: str) -> str:
    """The path of the newest validation link sent to an address."""
    mails = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert mails, f"aucun mail pour {email}"
    liens = [str(lien) for lien in mails[-1]["links"] if "validation" in lien]
    return urlsplit(liens[0]).path


def activer_compte(client: FlaskClient, email: str) -> None:
    """Follow the validation link sent to `email`."""
    reponse = client.get(lien_validation(client, email))
    assert reponse.status_code == 200, reponse.get_data(as_text=True)[:300]


def se_connecter(client: FlaskClient, nir: str, code: str) -> TestResponse:
    """Post the portal's login form."""
    return poster(client, "/compte/connexion", {"nir": nir, "code": code})


def instantane(base: str, tables: tuple[str, ...] | None = None) -> Lignes:
    """Every row of some tables (all by default) of the SQLite file, sorted, to compare states."""
    connexion = sqlite3.connect(base)
    try:
        if tables is None:
            tables = tuple(
                ligne[0]
                for ligne in connexion.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            )
        return {
            table: sorted(
                (tuple(ligne) for ligne in connexion.execute(f"SELECT * FROM {table}")), key=repr
            )
            for table in tables
        }
    finally:
        connexion.close()
