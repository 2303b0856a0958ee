"""The mock's person generator, through `POST /_test/assures`: coherent persons, overrides, seeds.

Every expectation comes from outside the mock: python-stdnum for the NIR key and the IBAN check
digits, the published RIB key formula written below, and small tables written here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from stdnum import iban as stdnum_iban
from stdnum.fr import nir as stdnum_nir

pytestmark = pytest.mark.unit

CHAMPS_API = {
    "nom",
    "prenoms",
    "sexe",
    "date_naissance",
    "nir",
    "cle_nir",
    "code_postal",
    "departement",
    "caisse",
    "regime",
    "iban",
    "numero_serie_vitale",
}
# A few postal codes and what the tutorial's home page proposes for them.
CAISSES = {
    "75011": ("75", "CPAM de Paris"),
    "20200": ("2B", "CPAM de la Haute-Corse"),
    "20000": ("2A", "CPAM de Corse-du-Sud"),
    "97400": ("974", "CGSS de La Réunion"),
    "31000": ("31", "CPAM de la Haute-Garonne"),
}
# The RIB's letter table (letters of the account number count as these digits).
_LETTRES_RIB = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")
GRAINES = range(25)


def _cle_rib_attendue(bban: str) -> str:
    """The RIB key of a French BBAN (bank 5, branch 5, account 11), by the published formula."""
    banque, guichet, compte = bban[:5], bban[5:10], bban[10:21].upper().translate(_LETTRES_RIB)
    return f"{97 - (89 * int(banque) + 15 * int(guichet) + 3 * int(compte)) % 97:02d}"


def _departement(code_postal: str) -> str:
    """The SPEC's rule: two digits; 200xx-201xx is 2A, 202xx-206xx 2B; 97x overseas."""
    if code_postal.startswith("20"):
        return "2A" if code_postal < "20200" else "2B"
    return code_postal[:3] if code_postal.startswith("97") else code_postal[:2]


def _creer(client: FlaskClient, **corps: Any) -> dict[str, Any]:
    reponse = client.post("/_test/assures", json=corps)
    assert reponse.status_code == 201, reponse.get_data(as_text=True)
    personne: dict[str, Any] = reponse.get_json()
    return personne


def _age(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


@pytest.mark.parametrize("graine", GRAINES)
def test_cree_une_personne_coherente_du_regime_general(client: FlaskClient, graine: int) -> None:
    """Key, IBAN, birth date, sex, age and régime all agree, by outside checks."""
    personne = _creer(client, seed=graine)
    assert set(personne) == CHAMPS_API
    nir = personne["nir"]
    assert len(nir) == 13
    assert stdnum_nir.is_valid(nir + personne["cle_nir"])
    naissance = date.fromisoformat(personne["date_naissance"])
    assert nir[0] == personne["sexe"] in ("1", "2")
    assert nir[1:5] == naissance.strftime("%y%m")
    assert 18 <= _age(naissance, date.today()) <= 90
    iban = personne["iban"]
    assert iban.startswith("FR")
    assert stdnum_iban.is_valid(iban)
    assert iban[-2:] == _cle_rib_attendue(iban[4:])
    assert iban[-7:].isdigit()
    assert len(personne["numero_serie_vitale"]) == 15
    assert personne["numero_serie_vitale"].isdigit()
    assert personne["regime"] == "Régime général"
    assert _departement(personne["code_postal"]) == personne["departement"]


def test_rejoue_la_meme_personne_avec_la_meme_graine(client: FlaskClient) -> None:
    """A seed replays one person; another seed gives another one."""
    premiere = _creer(client, seed=42)
    client.post("/_test/reset")
    assert _creer(client, seed=42) == premiere
    assert _creer(client, seed=43)["nir"] != premiere["nir"]


@pytest.mark.parametrize(("code_postal", "attendu"), sorted(CAISSES.items()))
def test_recalcule_departement_et_caisse_d_un_code_postal_impose(
    client: FlaskClient, code_postal: str, attendu: tuple[str, str]
) -> None:
    """An imposed postal code brings its département and caisse along."""
    personne = _creer(client, code_postal=code_postal, seed=1)
    assert (personne["departement"], personne["caisse"]) == attendu


def test_recalcule_le_nir_d_un_sexe_et_d_une_naissance_imposes(client: FlaskClient) -> None:
    """An imposed sex and birth date make the NIR, and its key follows."""
    personne = _creer(client, sexe="2", date_naissance="1975-04-09", seed=3)
    assert personne["nir"][:5] == "27504"
    assert stdnum_nir.is_valid(personne["nir"] + personne["cle_nir"])


def test_deduit_sexe_et_naissance_d_un_nir_impose(client: FlaskClient) -> None:
    """An imposed NIR gives the sex, the birth year and month."""
    personne = _creer(client, nir="1850575123456", seed=4)
    assert personne["sexe"] == "1"
    assert personne["date_naissance"][:7] == "1985-05"
    assert personne["cle_nir"] == stdnum_nir.calc_check_digits("1850575123456")


def test_garde_telles_quelles_les_valeurs_imposees(client: FlaskClient) -> None:
    """Imposed values, even inconsistent ones, are kept as given."""
    imposees = {
        "nom": "DUPONT",
        "prenoms": "Jean",
        "regime": "MSA",
        "caisse": "Autre",
        "cle_nir": "00",
        "departement": "13",
        "code_postal": "75011",
    }
    personne = _creer(client, seed=5, **imposees)
    assert {cle: personne[cle] for cle in imposees} == imposees


@pytest.mark.parametrize(
    "corps",
    [
        {"inconnu": "x"},
        {"sexe": "3"},
        {"nom": 12},
        {"date_naissance": "hier"},
        {"nir": "123"},
        {"departement": "00"},
    ],
)
def test_refuse_une_surcharge_inconnue_ou_impossible(
    client: FlaskClient, corps: dict[str, Any]
) -> None:
    """A field the API does not know, or cannot honour, is a 400 with a French message."""
    reponse = client.post("/_test/assures", json=corps)
    assert reponse.status_code == 400
    assert reponse.get_json()["erreur"].startswith("Personne invalide")
