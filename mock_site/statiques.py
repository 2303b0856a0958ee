"""Static files (stylesheets, script, pictures): kept by the browser, under URLs that change
with their content.

A site serves its assets with a long cache lifetime under versioned addresses, and only its
pages with `no-store` (`security.py`). Here `url_for("static", filename=…)` adds `?v=` and the
first characters of the file's SHA-256: once a browser has a stylesheet, the next page of the
visit does not ask for it again, and a file edited while `make serve` runs gets a new address,
so no browser keeps showing the old one.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any

from flask import Flask, current_app

DUREE_EN_CACHE = timedelta(days=365)
PARAMETRE_VERSION = "v"
LONGUEUR_VERSION = 12


@lru_cache(maxsize=256)
def _empreinte(chemin: Path, modifie_ns: int, taille: int) -> str:
    # `modifie_ns` and `taille` are only part of the cache key: a file edited is read again.
    return hashlib.sha256(chemin.read_bytes()).hexdigest()[:LONGUEUR_VERSION]


@lru_cache(maxsize=256)
def _chemin(dossier: str, nom: str) -> Path | None:
    """Where file `nom` of `dossier` would be; None for a name that leads out of it."""
    racine = Path(dossier).resolve()
    chemin = (racine / nom).resolve()
    return chemin if chemin.is_relative_to(racine) else None


def version(dossier: str | Path, nom: str) -> str | None:
    """The version of static file `nom` of `dossier`, or None when there is no such file."""
    chemin = _chemin(str(dossier), nom)
    try:
        etat = chemin.stat() if chemin is not None else None
    except OSError:
        return None
    if etat is None or not S_ISREG(etat.st_mode):
        return None
    # A page names its files at every render: one `stat` each, the file read only when changed.
    return _empreinte(chemin, etat.st_mtime_ns, etat.st_size)


def _versionner(endpoint: str, valeurs: dict[str, Any]) -> None:
    if endpoint != "static" or PARAMETRE_VERSION in valeurs or current_app.static_folder is None:
        return
    numero = version(current_app.static_folder, str(valeurs.get("filename", "")))
    if numero is not None:
        valeurs[PARAMETRE_VERSION] = numero


def init_app(app: Flask) -> None:
    """Serve static files with a long cache lifetime and version their URLs."""
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = DUREE_EN_CACHE
    app.url_defaults(_versionner)
