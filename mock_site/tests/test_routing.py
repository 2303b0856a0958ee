"""The mock's URL rules: builders compiled once per process, URLs exactly Werkzeug's.

The reference is Werkzeug's own `Rule`, given the same rule strings, endpoints and
converters: every URL of the mock is built alike, with and without extra arguments.
"""

from __future__ import annotations

from pathlib import Path
from types import MethodType
from typing import cast

import pytest
from flask import Flask
from werkzeug.routing import Map, Rule

from mock_site import create_app
from mock_site.routing import SharedBuilderRule

pytestmark = pytest.mark.unit

# A value for each kind of variable the mock's rules have, with characters to escape.
VALEURS = {
    "PathConverter": "css/ameli é.css",
    "UnicodeConverter": "jeton/à ?",
    "IntegerConverter": 42,
}
# Arguments no rule names: built into the query string.
EN_PLUS = {"suite": "/compte/espace?x=1", "etape": "é"}


def _application(dossier: Path) -> Flask:
    return create_app({"MODE": "test", "DATABASE": str(dossier / "mock.sqlite"), "SECRET_KEY": "x"})


def _carte_de_werkzeug(app: Flask) -> Map:
    """The same rules as plain Werkzeug rules, in a map with the same converters."""
    return Map(
        [
            Rule(regle.rule, endpoint=regle.endpoint, methods=regle.methods)
            for regle in app.url_map.iter_rules()
        ],
        converters=app.url_map.converters,
    )


def _valeurs(regle: Rule) -> dict[str, object]:
    return {
        nom: VALEURS[type(convertisseur).__name__]
        for nom, convertisseur in regle._converters.items()
    }


def _compilee(constructeur: object) -> object:
    """The function behind a rule's bound builder."""
    return cast(MethodType, constructeur).__func__


def test_chaque_adresse_du_mock_est_celle_que_werkzeug_construit(tmp_path: Path) -> None:
    """Every rule builds, alone and with extra arguments, the URL Werkzeug's rule builds."""
    app = _application(tmp_path)
    mock = app.url_map.bind("mock.test")
    reference = _carte_de_werkzeug(app).bind("mock.test")
    regles = list(app.url_map.iter_rules())
    assert len(regles) > 30
    for regle in regles:
        assert isinstance(regle, SharedBuilderRule), regle.rule
        valeurs = _valeurs(regle)
        for arguments in (valeurs, {**valeurs, **EN_PLUS}):
            for absolue in (False, True):
                attendue = reference.build(regle.endpoint, arguments, force_external=absolue)
                assert mock.build(regle.endpoint, arguments, force_external=absolue) == attendue
        sans_requete = reference.build(regle.endpoint, {**valeurs, **EN_PLUS}, append_unknown=False)
        assert mock.build(regle.endpoint, {**valeurs, **EN_PLUS}, append_unknown=False) == (
            sans_requete
        )


def test_deux_applications_partagent_les_constructeurs_de_leurs_adresses(tmp_path: Path) -> None:
    """A second application compiles no builder: each of its rules uses the first one's."""
    premiere = _application(tmp_path / "premiere")
    seconde = _application(tmp_path / "seconde")
    regles = {regle.endpoint: regle for regle in premiere.url_map.iter_rules()}
    for regle in seconde.url_map.iter_rules():
        autre = regles[regle.endpoint]
        assert regle is not autre
        assert _compilee(regle._build) is _compilee(autre._build), regle.rule
        assert _compilee(regle._build_unknown) is _compilee(autre._build_unknown), regle.rule


def test_une_regle_a_valeurs_par_defaut_garde_les_siennes() -> None:
    """Rules alike but for their defaults build their own URLs (a default is compiled in)."""
    une = Map([SharedBuilderRule("/page/<numero>", endpoint="page", defaults={"numero": "un"})])
    deux = Map([SharedBuilderRule("/page/<numero>", endpoint="page", defaults={"numero": "deux"})])
    assert une.bind("mock.test").build("page", {}) == "/page/un"
    assert deux.bind("mock.test").build("page", {}) == "/page/deux"
