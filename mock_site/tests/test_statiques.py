"""Static files: a long cache lifetime, under addresses that change with their content.

The expected versions are computed here from the bytes the server sends, with hashlib, not with
the mock's own function; the lifetime is checked against a day, not against the mock's setting.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient

from mock_site import statiques

UN_JOUR_S = 24 * 60 * 60
ADRESSE_STATIQUE = re.compile(r'(?:href|src)="(/static/[^"?]+)\?v=([0-9a-f]+)"')


def _max_age(cache_control: str) -> int:
    directives = dict(
        directive.strip().partition("=")[::2] for directive in cache_control.split(",")
    )
    return int(directives.get("max-age") or 0)


PAGES = ("/", "/compte/creation", "/franceconnect/qu-est-ce-que-franceconnect")


@pytest.mark.parametrize("chemin", PAGES)
def test_chaque_fichier_statique_d_une_page_porte_la_version_de_son_contenu(
    client: FlaskClient, chemin: str
) -> None:
    """Every stylesheet, script and picture of a page is addressed with `?v=` and the first 12
    hexadecimal characters of the SHA-256 of what the server sends for it."""
    page = client.get(chemin)
    assert page.status_code == 200
    adresses = ADRESSE_STATIQUE.findall(page.get_data(as_text=True))
    assert adresses, f"aucun fichier statique versionné dans {chemin}"
    assert not re.search(r'(?:href|src)="/static/[^"?]+"', page.get_data(as_text=True))
    for adresse, numero in adresses:
        with client.get(f"{adresse}?v={numero}") as fichier:
            assert fichier.status_code == 200, adresse
            assert numero == hashlib.sha256(fichier.get_data()).hexdigest()[:12], adresse


def test_un_fichier_statique_reste_en_cache_un_an_et_une_page_jamais(
    client: FlaskClient,
) -> None:
    """The browser keeps a stylesheet for a year; a page, with personal data, is not stored."""
    with client.get("/static/css/ameli.css") as feuille:
        cache = feuille.headers["Cache-Control"]
    assert "no-store" not in cache
    assert "no-cache" not in cache
    assert _max_age(cache) == 365 * UN_JOUR_S
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_un_fichier_modifie_change_de_version_et_un_absent_n_en_a_pas(tmp_path: Path) -> None:
    """Editing a file (as while `make serve` runs) gives it a new address at once."""
    feuille = tmp_path / "css" / "site.css"
    feuille.parent.mkdir()
    feuille.write_text("h1 { color: black; }", encoding="utf-8")
    avant = statiques.version(tmp_path, "css/site.css")
    assert avant == hashlib.sha256(feuille.read_bytes()).hexdigest()[:12]
    feuille.write_text("h1 { color: navy; }", encoding="utf-8")
    apres = statiques.version(tmp_path, "css/site.css")
    assert apres == hashlib.sha256(feuille.read_bytes()).hexdigest()[:12]
    assert apres != avant
    assert statiques.version(tmp_path, "css/absent.css") is None
    assert statiques.version(tmp_path, "css") is None
    (tmp_path / "hors.css").write_text("p {}", encoding="utf-8")
    assert statiques.version(tmp_path / "css", "../hors.css") is None


def test_une_adresse_vers_un_fichier_absent_ou_hors_du_dossier_n_a_pas_de_version(
    app: Flask,
) -> None:
    """No version is made up for a file that does not exist or lies outside `static/`."""
    with app.test_request_context():
        assert url_for("static", filename="css/absent.css") == "/static/css/absent.css"
        assert url_for("static", filename="../config.py") == "/static/../config.py"
        assert url_for("static", filename="css/ameli.css", v="x") == "/static/css/ameli.css?v=x"
