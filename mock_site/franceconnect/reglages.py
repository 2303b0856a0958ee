"""Settings shared by the mock FranceConnect and ameli's client: ids, secret, addresses.

Each setting is read from the application's configuration, then from the environment, then
falls back to a default, so that two processes (ameli here, FranceConnect elsewhere with
`FRANCECONNECT_URL`) agree as long as they are given the same values.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from flask import current_app, request

PREFIXE = "/franceconnect"
CLIENT_ID_PAR_DEFAUT = "ameli-mock"
NOM_DU_SERVICE = "ameli.fr"


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


def url_franceconnect() -> str:
    """Where ameli finds FranceConnect: `FRANCECONNECT_URL`, else this very server.

    The default is the address the browser used to reach ameli, so the redirections work
    whatever host and port the mock was started on.
    """
    configure = _reglage("FRANCECONNECT_URL")
    if configure:
        return configure.rstrip("/")
    return request.url_root.rstrip("/") + PREFIXE


def emetteur() -> str:
    """The provider's issuer identifier: its own address as the caller reached it."""
    return request.url_root.rstrip("/") + PREFIXE
