"""Settings shared by the mock FranceConnect and ameli's client: ids, secret, addresses.

Each setting is read from the application's configuration, then from the environment, then
falls back to a default, so that two processes (ameli here, FranceConnect elsewhere with
`FRANCECONNECT_URL`) agree as long as they are given the same values.

| setting | default |
| --- | --- |
| `FRANCECONNECT_URL` | this server's `/franceconnect` (the provider's base) |
| `FRANCECONNECT_CLIENT_ID` | `ameli-mock` |
| `FRANCECONNECT_CLIENT_SECRET` | derived from `SECRET_KEY` |
| `FRANCECONNECT_REDIRECT_URIS` | ameli's callback on the address the mock serves |
| `FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS` | ameli's logout return on that address |
| `FRANCECONNECT_ALGORITHME` | `ES256` (or `RS256`, `HS256`) for id_token and userinfo |
| `FRANCECONNECT_CLIENTS` | (configuration only) more services: `{client_id: {...}}` |

URI lists are separated by spaces.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Any

from flask import current_app, request

PREFIXE = "/franceconnect"
# FranceConnect v2's API lives under its base; the issuer is base + this.
PREFIXE_API = "/api/v2"
CLIENT_ID_PAR_DEFAUT = "ameli-mock"
NOM_DU_SERVICE = "ameli.fr"
ALGORITHMES = ("ES256", "RS256", "HS256")
ALGORITHME_PAR_DEFAUT = "ES256"
CHEMIN_RETOUR = "/franceconnect/retour"
CHEMIN_RETOUR_DECONNEXION = "/franceconnect/deconnexion/retour"


def _reglage(nom: str) -> str:
    valeur = current_app.config.get(nom) or os.environ.get(nom) or ""
    return str(valeur).strip()


def client_id() -> str:
    """ameli's client id at FranceConnect (`FRANCECONNECT_CLIENT_ID`)."""
    return _reglage("FRANCECONNECT_CLIENT_ID") or CLIENT_ID_PAR_DEFAUT


def client_secret() -> str:
    """ameli's client secret (`FRANCECONNECT_CLIENT_SECRET`).

    Without a setting it is derived from the application's signing key: stable across
    restarts and server workers, different on every installation.
    """
    configure = _reglage("FRANCECONNECT_CLIENT_SECRET")
    if configure:
        return configure
    cle = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(cle, b"franceconnect-client-secret", hashlib.sha256).hexdigest()


def algorithme() -> str:
    """How ameli's id_tokens and userinfo are signed (`FRANCECONNECT_ALGORITHME`)."""
    choisi = _reglage("FRANCECONNECT_ALGORITHME").upper() or ALGORITHME_PAR_DEFAUT
    if choisi not in ALGORITHMES:
        raise ValueError(f"FRANCECONNECT_ALGORITHME : {choisi} n'est pas dans {ALGORITHMES}")
    return choisi


def _adresses(nom: str, chemin: str) -> tuple[str, ...]:
    configure = _reglage(nom)
    if configure:
        return tuple(configure.split())
    return (request.url_root.rstrip("/") + chemin,)


def redirect_uris() -> tuple[str, ...]:
    """ameli's registered redirect URIs: its callback on the address the mock serves."""
    return _adresses("FRANCECONNECT_REDIRECT_URIS", CHEMIN_RETOUR)


def post_logout_redirect_uris() -> tuple[str, ...]:
    """ameli's registered post-logout redirect URIs."""
    return _adresses("FRANCECONNECT_POST_LOGOUT_REDIRECT_URIS", CHEMIN_RETOUR_DECONNEXION)


def clients_supplementaires() -> dict[str, dict[str, Any]]:
    """Other services registered at the mock FranceConnect (`FRANCECONNECT_CLIENTS`)."""
    clients = current_app.config.get("FRANCECONNECT_CLIENTS") or {}
    return dict(clients)


def url_franceconnect() -> str:
    """Where ameli finds FranceConnect's base: `FRANCECONNECT_URL`, else this very server.

    The default is the address the browser used to reach ameli, so the redirections work
    whatever host and port the mock was started on.
    """
    configure = _reglage("FRANCECONNECT_URL")
    if configure:
        return configure.rstrip("/")
    return request.url_root.rstrip("/") + PREFIXE


def emetteur() -> str:
    """FranceConnect's issuer identifier: its base + `/api/v2`.

    Both sides use it: the provider names itself so (its address when configured, else the
    one the caller reached it at), and ameli expects that name.
    """
    return url_franceconnect() + PREFIXE_API
