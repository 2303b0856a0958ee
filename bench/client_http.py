"""One browser's account creation as plain HTTP requests, against a mock reached by URL.

It posts what the forms post (with the session's CSRF token), keeps its own cookies as a
browser would, and checks each step's redirect, so a broken or mixed-up journey fails where it
breaks. The concurrency tests and the load generator use it with many clients at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

DELAI_REQUETE_S = 30.0
_JETON_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class ParcoursInterrompu(AssertionError):
    """A step did not answer as the journey expects."""


@dataclass(frozen=True)
class CompteCree:
    """What one journey created: whose account, with which email and personal code."""

    personne: dict[str, Any]
    email: str
    code: str

    @property
    def nir(self) -> str:
        """The account's social-security number."""
        return str(self.personne["nir"])


class ClientHttp:
    """A cookie-keeping HTTP client of the mock, like one browser."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self._jeton = ""

    def fermer(self) -> None:
        """Close the client's connections."""
        self.session.close()

    def get(self, chemin: str, **params: str) -> requests.Response:
        """GET a path of the mock, without following redirects."""
        return self.session.get(self.base_url + chemin, params=params, allow_redirects=False,
                                timeout=DELAI_REQUETE_S)

    def poster(self, chemin: str, champs: dict[str, str]) -> requests.Response:
        """Post a form as the browser would, with the session's CSRF token."""
        if not self._jeton:
            trouve = _JETON_CSRF.search(self.get("/compte").text)
            if trouve is None:
                raise ParcoursInterrompu("le portail n'a pas de jeton CSRF")
            self._jeton = trouve.group(1)
        return self.session.post(self.base_url + chemin, data={"csrf_token": self._jeton, **champs},
                                 allow_redirects=False, timeout=DELAI_REQUETE_S)

    def creer_personne(self, **surcharges: Any) -> dict[str, Any]:
        """Store an insured person through the test-data API."""
        reponse = self.session.post(self.base_url + "/_test/assures", json=surcharges,
                                    timeout=DELAI_REQUETE_S)
        _attendre(reponse, 201)
        personne: dict[str, Any] = reponse.json()
        return personne

    def mails(self, email: str) -> list[dict[str, Any]]:
        """The messages sent to an address, oldest first."""
        reponse = self.get("/_test/mails", to=email)
        _attendre(reponse, 200)
        mails: list[dict[str, Any]] = reponse.json()
        return mails

    def creer_compte(self, personne: dict[str, Any], email: str, code: str) -> CompteCree:
        """Walk screens 4 to 8: the account exists, waiting for its email validation."""
        annee, mois, jour = str(personne["date_naissance"]).split("-")
        etapes: list[tuple[str, dict[str, str], str]] = [
            ("/compte/creation", {"nom": personne["nom"], "nir": personne["nir"],
                                  "date_naissance": f"{jour}/{mois}/{annee}",
                                  "code_postal": personne["code_postal"],
                                  "action": "continuer"}, "/compte/identite"),
            ("/compte/identite", {"iban7": str(personne["iban"]).replace(" ", "")[-7:],
                                  "vitale11": str(personne["numero_serie_vitale"])[-11:],
                                  "action": "valider"}, "/compte/conditions"),
            ("/compte/conditions", {"conditions": "oui", "action": "continuer"},
             "/compte/code"),
            ("/compte/code", {"code": code, "confirmation": code, "action": "continuer"},
             "/compte/coordonnees"),
            ("/compte/coordonnees", {"email": email, "email_confirmation": email,
                                     "action": "continuer"}, "/compte/confirmation"),
        ]
        for chemin, champs, suivant in etapes:
            _redirige(self.poster(chemin, champs), suivant)
        return CompteCree(personne, email, code)

    def activer(self, email: str) -> None:
        """Follow the validation link of the only mail sent to `email`."""
        mails = self.mails(email)
        if len(mails) != 1:
            raise ParcoursInterrompu(f"{len(mails)} mails pour {email} au lieu d'un")
        liens = [str(lien) for lien in mails[0]["links"] if "validation" in str(lien)]
        if not liens:
            raise ParcoursInterrompu(f"pas de lien de validation pour {email}")
        _attendre(self.get(urlsplit(liens[0]).path), 200)

    def se_connecter(self, nir: str, code: str) -> str:
        """Log in and return the logged-in space's HTML."""
        _redirige(self.poster("/compte/connexion", {"nir": nir, "code": code}), "/compte/espace")
        espace = self.get("/compte/espace")
        _attendre(espace, 200)
        return espace.text


def _attendre(reponse: requests.Response, statut: int) -> None:
    if reponse.status_code != statut:
        raise ParcoursInterrompu(
            f"{reponse.request.method} {reponse.url} : {reponse.status_code} au lieu de "
            f"{statut} — {reponse.text[:300]}"
        )


def _redirige(reponse: requests.Response, chemin: str) -> None:
    _attendre(reponse, 302)
    arrivee = urlsplit(reponse.headers.get("Location", "")).path
    if arrivee != chemin:
        raise ParcoursInterrompu(f"{reponse.url} redirige vers {arrivee} au lieu de {chemin}")
