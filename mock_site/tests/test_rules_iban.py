"""Unit tests of the screen-5 numbers: French IBAN / RIB key and the Vitale card serial."""

from __future__ import annotations

import re

import pytest
from stdnum import iban as stdnum_iban

from mock_site.rules.iban import (
    cle_rib,
    composer_iban_fr,
    est_iban_fr_valide,
    prefixe_affiche,
    sept_derniers,
)
from mock_site.rules.vitale import est_numero_serie_valide, onze_derniers, prefixe_vitale

pytestmark = pytest.mark.unit

# Published examples: the French IBAN of the ISO 13616 registry and the usual RIB example.
IBAN_REGISTRE = "FR1420041010050500013M02606"
IBAN_EXEMPLE = "FR7630006000011234567890189"


@pytest.mark.parametrize(
    ("banque", "guichet", "compte", "cle"),
    [
        ("20041", "01005", "0500013M026", "06"),
        ("30006", "00001", "12345678901", "89"),
        ("00000", "00000", "00000000000", "97"),
    ],
)
def test_calcule_la_cle_rib_publiee(banque: str, guichet: str, compte: str, cle: str) -> None:
    assert cle_rib(banque, guichet, compte) == cle


@pytest.mark.parametrize(
    ("lettres", "chiffres"),
    [
        ("ABCDEFGHIJK", "12345678912"),
        ("LMNOPQRSTUV", "34567892345"),
        ("WXYZ0000000", "67890000000"),
        ("0500013m026", "05000134026"),
    ],
)
def test_compte_les_lettres_du_compte_selon_la_table_du_rib(lettres: str, chiffres: str) -> None:
    assert cle_rib("20041", "01005", lettres) == cle_rib("20041", "01005", chiffres)


# The RIB's layout (Banque de France): 5-digit bank and branch codes, an 11-character account.
BANQUE_GUICHET = "Les codes banque et guichet comportent 5 chiffres."
COMPTE = "Le numéro de compte comporte 11 chiffres ou lettres."


@pytest.mark.parametrize(
    ("banque", "guichet", "compte", "message"),
    [
        ("2004", "01005", "0500013M026", BANQUE_GUICHET),
        ("20041", "0100A", "0500013M026", BANQUE_GUICHET),
        ("20041", "01005", "0500013M02", COMPTE),
        ("20041", "01005", "0500013M0261", COMPTE),
        ("20041", "01005", "0500013M02-", COMPTE),
    ],
)
def test_refuse_un_rib_malforme_en_disant_quelle_partie(
    banque: str, guichet: str, compte: str, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        cle_rib(banque, guichet, compte)


@pytest.mark.parametrize(
    ("banque", "guichet", "compte", "iban"),
    [
        ("20041", "01005", "0500013M026", IBAN_REGISTRE),
        ("30006", "00001", "12345678901", IBAN_EXEMPLE),
    ],
)
def test_compose_l_iban_publie(banque: str, guichet: str, compte: str, iban: str) -> None:
    assert composer_iban_fr(banque, guichet, compte) == iban
    assert stdnum_iban.is_valid(iban)


@pytest.mark.parametrize(
    "iban",
    [
        IBAN_REGISTRE,
        IBAN_EXEMPLE,
        "FR76 3000 6000 0112 3456 7890 189",
        "fr1420041010050500013m02606",
    ],
)
def test_accepte_un_iban_francais_aux_deux_controles_justes(iban: str) -> None:
    assert est_iban_fr_valide(iban)


def _avec_cle_rib(iban: str, cle: str) -> str:
    """The IBAN with another RIB key and check digits recomputed, so only the RIB key is wrong."""
    bban = iban[4:25] + cle
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"


@pytest.mark.parametrize(
    "iban",
    [
        "FR7730006000011234567890189",  # check digits
        "FR7630006000011234567890188",  # last digit
        _avec_cle_rib(IBAN_EXEMPLE, "88"),  # RIB key only
        "DE89370400440532013000",  # not French
        "FR763000600001123456789018",  # too short
        "FR76300060000112345678901890",  # too long
        "FR76A0006000011234567890189",  # letter in the bank code
        "",
    ],
)
def test_refuse_un_iban_a_controle_faux(iban: str) -> None:
    assert not est_iban_fr_valide(iban)


def test_le_cas_de_cle_rib_fausse_passe_vraiment_le_controle_iban() -> None:
    """Guards the table above: that case must fail on the RIB key, not on the check digits."""
    assert stdnum_iban.is_valid(_avec_cle_rib(IBAN_EXEMPLE, "88"))


@pytest.mark.parametrize(
    ("iban", "sept", "prefixe"),
    [
        (IBAN_REGISTRE, "3M02606", "FR 14 2004"),
        (IBAN_EXEMPLE, "7890189", "FR 76 3000"),
        ("FR76 3000 6000 0112 3456 7890 189", "7890189", "FR 76 3000"),
    ],
)
def test_decoupe_l_iban_comme_l_ecran_5_l_affiche(iban: str, sept: str, prefixe: str) -> None:
    assert sept_derniers(iban) == sept
    assert prefixe_affiche(iban) == prefixe


def test_decoupe_le_numero_vitale_en_4_chiffres_affiches_et_11_demandes() -> None:
    assert prefixe_vitale("000012345678901") == "0000"
    assert onze_derniers("000012345678901") == "12345678901"
    assert onze_derniers("0000 1234 5678 901") == "12345678901"


@pytest.mark.parametrize(
    ("serie", "valide"),
    [
        ("000012345678901", True),
        ("987654321098765", True),
        ("0000 1234 5678 901", True),
        ("00001234567890", False),
        ("0000123456789012", False),
        ("00001234567890A", False),
        ("００００12345678901", False),
        ("", False),
    ],
)
def test_verifie_que_le_numero_vitale_a_15_chiffres(serie: str, valide: bool) -> None:
    assert est_numero_serie_valide(serie) is valide


@pytest.mark.parametrize("serie", ["00001234567890", "00001234567890A", ""])
def test_refuse_de_decouper_un_numero_vitale_malforme(serie: str) -> None:
    message = "^Le numéro de série de la carte Vitale comporte 15 chiffres.$"
    with pytest.raises(ValueError, match=message):
        onze_derniers(serie)
    with pytest.raises(ValueError, match=message):
        prefixe_vitale(serie)
