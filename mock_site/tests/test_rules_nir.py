"""Unit tests of the NIR rules: parsing the 13 characters, the key, the birth-date check."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from mock_site.rules.nir import (
    Nir,
    NirInvalide,
    cle_nir,
    composer_nir,
    lire_nir,
    nir_correspond_naissance,
    normaliser_nir,
)
from mock_site.tests.libelles import CREATION

pytestmark = pytest.mark.unit

MAL_FORME = CREATION.nir_mal_forme


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("1850575123456", Nir("1", "85", "05", "75", "123", "456", "1850575123456")),
        ("2 85 05 2a 123 456", Nir("2", "85", "05", "2A", "123", "456", "285052A123456")),
        ("185052B123456", Nir("1", "85", "05", "2B", "123", "456", "185052B123456")),
        ("1850597105123", Nir("1", "85", "05", "971", "05", "123", "1850597105123")),
        ("2850598705123", Nir("2", "85", "05", "987", "05", "123", "2850598705123")),
        ("1850599100123", Nir("1", "85", "05", "99", "100", "123", "1850599100123")),
        ("7850501001001", Nir("7", "85", "05", "01", "001", "001", "7850501001001")),
        ("8859995999999", Nir("8", "85", "99", "95", "999", "999", "8859995999999")),
    ],
)
def test_decoupe_un_nir_bien_forme_en_ses_parties(saisie: str, attendu: Nir) -> None:
    assert lire_nir(saisie) == attendu


@pytest.mark.parametrize("mois", ["01", "12", "20", "30", "42", "50", "99"])
def test_accepte_les_mois_de_naissance_reels_et_inconnus(mois: str) -> None:
    assert lire_nir(f"185{mois}75123456").mois == mois


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("", MAL_FORME),
        ("185057512345", MAL_FORME),  # 12 characters
        ("18505751234567", MAL_FORME),  # 14 characters
        ("185057512345612", MAL_FORME),  # with the key
        ("3850575123456", MAL_FORME),  # sexe 3
        ("0850575123456", MAL_FORME),  # sexe 0
        ("18A0575123456", MAL_FORME),  # letter in the year
        ("1850075123456", MAL_FORME),  # month 00
        ("1851375123456", MAL_FORME),  # month 13
        ("1851975123456", MAL_FORME),  # month 19
        ("1854375123456", MAL_FORME),  # month 43
        ("1854975123456", MAL_FORME),  # month 49
        ("185AB75123456", MAL_FORME),  # letters in the month
        ("1851A75123456", MAL_FORME),  # a letter in the month
        ("1850500123456", MAL_FORME),  # département 00
        ("1850520123456", MAL_FORME),  # département 20 (Corsica is 2A / 2B)
        ("1850596123456", MAL_FORME),  # département 96
        ("185052C123456", MAL_FORME),  # Corsica is only 2A / 2B
        ("18505A2123456", MAL_FORME),  # 2A written backwards
        ("185059A105123", MAL_FORME),  # letter in an overseas département
        ("1850597A05123", MAL_FORME),  # letter in an overseas commune
        ("18505751A3456", MAL_FORME),  # letter in the commune
        ("1850575123000", MAL_FORME),  # order number 000
        ("185057512345X", MAL_FORME),  # letter in the order number
        ("１850575123456", MAL_FORME),  # full-width digit
        ("185057512345٦", MAL_FORME),  # Arabic-Indic digit
        ("1850575-123456", MAL_FORME),  # dash is not a separator
    ],
)
def test_refuse_un_nir_malforme(saisie: str, message: str) -> None:
    with pytest.raises(NirInvalide) as erreur:
        lire_nir(saisie)
    assert erreur.value.message == message
    assert str(erreur.value) == message


def test_retire_les_espaces_et_met_le_nir_en_majuscules() -> None:
    assert normaliser_nir(" 2 85 05\t2a 123\u00a0456 ") == "285052A123456"


@pytest.mark.parametrize(
    ("nir13", "cle"),
    [
        # Published examples of python-stdnum and of the INSEE documentation.
        ("2951099126111", "93"),
        ("253072B073004", "70"),
        ("253072A073004", "43"),
    ],
)
def test_calcule_la_cle_publiee(nir13: str, cle: str) -> None:
    assert stdnum_nir.calc_check_digits(nir13) == cle
    assert cle_nir(nir13) == cle
    assert lire_nir(nir13).cle == cle


def test_calcule_une_cle_differente_pour_2a_et_2b() -> None:
    assert lire_nir("185052A123456").cle != lire_nir("185052B123456").cle


@pytest.mark.parametrize(
    ("sexe", "temporaire"), [("1", False), ("2", False), ("7", True), ("8", True)]
)
def test_signale_les_numeros_temporaires(sexe: str, temporaire: bool) -> None:
    assert lire_nir(f"{sexe}850575123456").temporaire is temporaire


@pytest.mark.parametrize(
    ("nir13", "naissance", "correspond"),
    [
        ("1850575123456", date(1985, 5, 17), True),
        ("1850575123456", date(2085, 5, 17), True),  # only two digits of the year are kept
        ("1850575123456", date(1986, 5, 17), False),
        ("1850575123456", date(1985, 6, 17), False),
        ("1850575123456", date(1958, 5, 17), False),
        ("1853075123456", date(1985, 11, 2), True),  # unknown month
        ("1851275123456", date(1985, 12, 2), True),  # December, the last real month
        ("1851275123456", date(1985, 11, 2), False),  # December is not "month unknown"
        ("1859975123456", date(1985, 1, 2), True),  # unknown month
        ("1853075123456", date(1984, 11, 2), False),  # unknown month, wrong year
        ("1000175123456", date(2000, 1, 1), True),
    ],
)
def test_verifie_le_nir_contre_la_date_de_naissance(
    nir13: str, naissance: date, correspond: bool
) -> None:
    assert nir_correspond_naissance(lire_nir(nir13), naissance) is correspond


@pytest.mark.parametrize(
    ("departement", "commune", "attendu"),
    [
        ("75", "056", "2900775056001"),
        ("2a", "004", "290072A004001"),
        ("2B", "033", "290072B033001"),
        ("974", "11", "2900797411001"),
    ],
)
def test_compose_le_nir_d_une_naissance(departement: str, commune: str, attendu: str) -> None:
    assert composer_nir("2", date(1990, 7, 14), departement, commune, "001") == attendu


@pytest.mark.parametrize(
    ("sexe", "departement", "commune", "ordre"),
    [
        ("3", "75", "056", "001"),
        ("1", "75", "56", "001"),  # commune too short for a two-digit département
        ("1", "971", "105", "001"),  # commune too long overseas
        ("1", "20", "056", "001"),
        ("1", "75", "056", "000"),
    ],
)
def test_refuse_de_composer_un_nir_impossible(
    sexe: str, departement: str, commune: str, ordre: str
) -> None:
    with pytest.raises(NirInvalide):
        composer_nir(sexe, date(1990, 7, 14), departement, commune, ordre)


@settings(max_examples=300, database=None)
@given(
    sexe=st.sampled_from(["1", "2", "7", "8"]),
    naissance=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    departement=st.sampled_from(["01", "13", "2A", "2B", "59", "95", "971", "976", "99"]),
    numero_commune=st.integers(min_value=1, max_value=99),
    ordre=st.integers(min_value=1, max_value=999),
)
def test_relit_tout_nir_compose_avec_une_cle_acceptee_par_stdnum(
    sexe: str, naissance: date, departement: str, numero_commune: int, ordre: int
) -> None:
    commune = f"{numero_commune:02d}" if len(departement) == 3 else f"{numero_commune:03d}"
    nir = lire_nir(composer_nir(sexe, naissance, departement, commune, f"{ordre:03d}"))
    assert (nir.sexe, nir.departement, nir.commune, nir.ordre) == (
        sexe,
        departement,
        commune,
        f"{ordre:03d}",
    )
    assert nir_correspond_naissance(nir, naissance)
    assert stdnum_nir.is_valid(nir.valeur + nir.cle)
    assert not stdnum_nir.is_valid(nir.valeur + f"{(int(nir.cle) + 1) % 100:02d}")
