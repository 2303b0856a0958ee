"""Unit tests of the identity fields of screen 4: birth date and name comparison."""

from __future__ import annotations

from datetime import date

import pytest

from mock_site.rules.identite import (
    DateInvalide,
    date_naissance_valide,
    noms_identiques,
    normaliser_nom,
)
from mock_site.tests.libelles import CREATION

pytestmark = pytest.mark.unit

AUJOURD_HUI = date(2025, 1, 15)
IMPOSSIBLE = CREATION.date_irreelle
FUTURE = CREATION.date_future
TROP_ANCIENNE = CREATION.date_trop_ancienne


@pytest.mark.parametrize(
    ("saisie", "attendue"),
    [
        ("07/03/1985", date(1985, 3, 7)),
        ("7/3/1985", date(1985, 3, 7)),
        (" 07/03/1985 ", date(1985, 3, 7)),
        ("1985-03-07", date(1985, 3, 7)),
        ("29/02/2024", date(2024, 2, 29)),
        ("01/01/1900", date(1900, 1, 1)),
        ("15/01/2025", AUJOURD_HUI),
    ],
)
def test_lit_une_date_de_naissance(saisie: str, attendue: date) -> None:
    assert date_naissance_valide(saisie, AUJOURD_HUI) == attendue


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("", IMPOSSIBLE),
        ("31/02/1990", IMPOSSIBLE),
        ("29/02/2023", IMPOSSIBLE),
        ("00/01/1990", IMPOSSIBLE),
        ("32/01/1990", IMPOSSIBLE),
        ("01/13/1990", IMPOSSIBLE),
        ("01/00/1990", IMPOSSIBLE),
        ("1990/01/01", IMPOSSIBLE),
        ("07-03-1985", IMPOSSIBLE),
        ("07/03/85", IMPOSSIBLE),
        ("07.03.1985", IMPOSSIBLE),
        ("1985-3-7", IMPOSSIBLE),
        ("1985-02-30", IMPOSSIBLE),
        ("０7/03/1985", IMPOSSIBLE),
        ("aa/bb/cccc", IMPOSSIBLE),
        ("07/03/1985<script>", IMPOSSIBLE),
        ("31/12/1899", TROP_ANCIENNE),
        ("0001-01-01", TROP_ANCIENNE),
        ("16/01/2025", FUTURE),
        ("2099-01-01", FUTURE),
    ],
)
def test_refuse_une_date_de_naissance_avec_un_message(saisie: str, message: str) -> None:
    with pytest.raises(DateInvalide) as erreur:
        date_naissance_valide(saisie, AUJOURD_HUI)
    assert erreur.value.message == message
    assert str(erreur.value) == message
    assert isinstance(erreur.value, ValueError)


@pytest.mark.parametrize(
    ("saisie", "normalise"),
    [
        ("Dupont", "Dupont"),
        ("  Le   Gall ", "Le Gall"),
        ("de\tla  Fontaine", "de la Fontaine"),
    ],
)
def test_range_les_espaces_d_un_nom(saisie: str, normalise: str) -> None:
    assert normaliser_nom(saisie) == normalise


@pytest.mark.parametrize(
    ("a", "b", "identiques"),
    [
        ("Lefèvre", "LEFEVRE", True),
        ("Le Gall", "le-gall", True),
        ("D'Artagnan", "d artagnan", True),
        ("O’Neil", "o'neil", True),
        ("Bœuf", "BOEUF", True),
        ("BŒUF", "boeuf", True),
        ("Lætitia", "LAETITIA", True),
        ("LÆTITIA", "laetitia", True),
        ("  Müller ", "muller", True),
        ("Jean--Pierre", "jean pierre", True),
        ("Dupont", "Dupond", False),
        ("Lefèvre", "Lefèvres", False),
        ("Le Gall", "Legall", False),
        ("", "Dupont", False),
    ],
)
def test_compare_les_noms_sans_casse_accents_ni_separateurs(
    a: str, b: str, identiques: bool
) -> None:
    assert noms_identiques(a, b) is identiques
