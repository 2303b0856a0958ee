"""Unit tests of the personal code of step 7: length, digits, weak codes, confirmation, hash."""

from __future__ import annotations

from datetime import date

import pytest

from mock_site.rules.code_personnel import (
    erreurs_code_personnel,
    est_code_fort,
    hacher_code,
    verifier_code,
)
from mock_site.tests.libelles import CODE_PERSONNEL

pytestmark = pytest.mark.unit

NAISSANCE = date(1985, 3, 7)
VIDE = CODE_PERSONNEL.code_manquant
CHIFFRES = CODE_PERSONNEL.chiffres_seuls
LONGUEUR = CODE_PERSONNEL.longueur
FAIBLE = CODE_PERSONNEL.trop_simple


@pytest.mark.parametrize("code", ["48291736", "4829173650", "482917365018", "4829173650182"])
def test_accepte_8_a_13_chiffres_difficiles_a_deviner(code: str) -> None:
    assert erreurs_code_personnel(code, code, NAISSANCE) == {}


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", VIDE),
        ("4829 1736", CHIFFRES),
        ("4829a736", CHIFFRES),
        ("-48291736", CHIFFRES),
        ("48291736\n", CHIFFRES),
        ("４８２９１７３６", CHIFFRES),
        ("482917٣6", CHIFFRES),
        ("4829173", LONGUEUR),
        ("1234567", LONGUEUR),
        ("48291736501827", LONGUEUR),
        ("11111111", FAIBLE),
        ("0000000000000", FAIBLE),
        ("12345678", FAIBLE),
        ("0123456789", FAIBLE),
        ("98765432", FAIBLE),
        ("9876543210", FAIBLE),
        ("1234567890", FAIBLE),  # the top row of the keyboard
        ("7890123456789", FAIBLE),
        ("07031985", FAIBLE),  # DDMMYYYY
        ("19850307", FAIBLE),  # YYYYMMDD
        ("070385", LONGUEUR),
        ("48070385", FAIBLE),  # contains DDMMYY
        ("4807031985123", FAIBLE),
        ("4819850307", FAIBLE),
    ],
)
def test_refuse_un_code_avec_un_message(code: str, message: str) -> None:
    assert erreurs_code_personnel(code, code, NAISSANCE)["code"] == message


@pytest.mark.parametrize("code", ["12345670", "13579135", "11112222", "12121212"])
def test_accepte_les_codes_qui_ont_seulement_l_air_reguliers(code: str) -> None:
    assert erreurs_code_personnel(code, code, NAISSANCE) == {}


def test_ne_cherche_pas_de_date_de_naissance_inconnue() -> None:
    assert erreurs_code_personnel("07031985", "07031985", None) == {}


@pytest.mark.parametrize(
    ("code", "confirmation", "erreurs"),
    [
        ("48291736", "", {"confirmation": CODE_PERSONNEL.confirmation_manquante}),
        (
            "48291736",
            "48291737",
            {"confirmation": CODE_PERSONNEL.codes_differents},
        ),
        (
            "",
            "",
            {"code": VIDE, "confirmation": CODE_PERSONNEL.confirmation_manquante},
        ),
        (
            "1234",
            "48291736",
            {
                "code": LONGUEUR,
                "confirmation": CODE_PERSONNEL.codes_differents,
            },
        ),
    ],
)
def test_verifie_la_confirmation(code: str, confirmation: str, erreurs: dict[str, str]) -> None:
    assert erreurs_code_personnel(code, confirmation, NAISSANCE) == erreurs


@pytest.mark.parametrize(
    ("code", "fort"),
    [
        ("48291736", False),
        ("48291736501", False),
        ("482917365018", True),
        ("4829173650182", True),
        ("48291736501a", False),
    ],
)
def test_dit_fort_un_code_de_12_chiffres_ou_plus(code: str, fort: bool) -> None:
    assert est_code_fort(code) is fort


def test_garde_une_empreinte_salee_que_seul_le_bon_code_verifie() -> None:
    empreinte = hacher_code("48291736")
    assert "48291736" not in empreinte
    assert verifier_code("48291736", empreinte)
    assert not verifier_code("48291737", empreinte)
    assert not verifier_code("", empreinte)
    assert hacher_code("48291736") != empreinte
