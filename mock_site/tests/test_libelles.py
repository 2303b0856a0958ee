"""The mock's tests write each wording once, in `libelles.py`, and a failure that quotes one
names that file in one line.

When the site changes a heading, a button or a message, three files change: the template (or
the module of the mock that writes the message), `pages/textes.py` and `libelles.py`. A mock
test that wrote the text again would be a fourth, found only when it fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mock_site.tests.libelles import (
    FICHIER,
    IDENTITE,
    LONGUEUR_D_UNE_PHRASE,
    libelle_en_cause,
    libelles,
)

pytestmark = pytest.mark.unit

DOSSIER = Path(__file__).resolve().parent


def _litteraux(chemin: Path) -> list[tuple[int, str]]:
    """The string literals of a module, docstrings left out."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    docstrings = {
        id(noeud.body[0].value)
        for noeud in ast.walk(arbre)
        if isinstance(noeud, ast.Module | ast.ClassDef | ast.FunctionDef)
        and noeud.body
        and isinstance(noeud.body[0], ast.Expr)
    }
    return [
        (noeud.lineno, noeud.value)
        for noeud in ast.walk(arbre)
        if isinstance(noeud, ast.Constant)
        and isinstance(noeud.value, str)
        and id(noeud) not in docstrings
    ]


def test_aucun_test_du_mock_ne_recopie_un_libelle() -> None:
    textes = libelles()
    recopies = [
        f"{chemin.name}:{ligne} {ou}"
        for chemin in sorted(DOSSIER.glob("*.py"))
        if chemin.name != "libelles.py"
        for ligne, litteral in _litteraux(chemin)
        for ou, texte in textes.items()
        if litteral == texte or (len(texte) >= LONGUEUR_D_UNE_PHRASE and texte in litteral)
    ]
    assert recopies == [], f"écrivez ces textes une fois, dans {FICHIER}"


@pytest.mark.parametrize(
    "message",
    [
        f"assert '{IDENTITE.titre}' == 'Accédez à votre compte'",
        f"assert [('section', '{IDENTITE.titre}')] == [('section', 'X')]",
        f"assert ['{IDENTITE.titre}'] == []",
        f"assert 'Accédez à... compte' == 'Accédez imm... compte'\n  \n  - {IDENTITE.titre}\n  + X",
        f"assert 'Accéd...i.fr' == 'Accéd...i.fr'\n  \n  - {IDENTITE.titre} - ameli.fr\n  + X",
    ],
)
def test_un_echec_qui_cite_un_libelle_nomme_le_fichier_en_une_ligne(message: str) -> None:
    ligne = libelle_en_cause(message)
    assert ligne is not None
    assert "\n" not in ligne
    assert "IDENTITE.titre" in ligne
    assert f"reportez-le dans {FICHIER}" in ligne
    assert IDENTITE.titre in ligne


def test_un_echec_sans_libelle_ne_dit_rien_de_plus() -> None:
    assert libelle_en_cause("assert 422 == 200") is None
    # A wording inside a page's HTML is not the text the test expected.
    assert libelle_en_cause(f"assert 'x' in '<h1>{IDENTITE.titre}</h1>'") is None
