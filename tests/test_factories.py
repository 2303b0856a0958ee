"""Unit tests of the persona factory: every generated person passes the mock's own rules."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from faker import Faker
from stdnum import iban as stdnum_iban
from stdnum.fr import nir as stdnum_nir

from fixtures.assures import Assure, fabriquer_assure, faker_fr
from fixtures.providers import AssuranceMaladieProvider
from mock_site.rules.caisses import (
    CodePostalInvalide,
    caisse_du_code_postal,
    caisse_du_departement,
    departement_du_code_postal,
    departements,
)
from mock_site.rules.eligibilite import REGIME_GENERAL, est_regime_eligible
from mock_site.rules.iban import cle_rib, est_iban_fr_valide
from mock_site.rules.nir import lire_nir, nir_correspond_naissance
from mock_site.rules.vitale import est_numero_serie_valide

pytestmark = pytest.mark.unit

AUJOURD_HUI = date(2025, 1, 15)
GRAINES = range(300)
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
DEPARTEMENTS_PARTICULIERS = ["2A", "2B", "971", "972", "973", "974", "975", "976", "75"]


@pytest.fixture(scope="module")
def personnes() -> list[Assure]:
    """300 persons, one per seed, all generated on the same reference day."""
    return [fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI) for graine in GRAINES]


def _age(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


def test_nir_key_should_be_the_one_stdnum_computes(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert personne.cle_nir == stdnum_nir.calc_check_digits(personne.nir)
        assert stdnum_nir.is_valid(personne.nir_complet), personne


def test_nir_should_carry_the_sex_and_birth_date(personnes: list[Assure]) -> None:
    for personne in personnes:
        nir = lire_nir(personne.nir)
        assert nir.sexe == personne.sexe, personne
        assert nir.annee == personne.date_naissance.strftime("%y"), personne
        assert nir.mois == personne.date_naissance.strftime("%m"), personne
        assert nir_correspond_naissance(nir, personne.date_naissance)
        assert not nir.temporaire


def test_nir_should_name_a_real_birth_departement(personnes: list[Assure]) -> None:
    connus = set(departements())
    for personne in personnes:
        assert lire_nir(personne.nir).departement in connus, personne


def test_iban_should_pass_the_iban_check_and_the_rib_key(personnes: list[Assure]) -> None:
    for personne in personnes:
        iban = personne.iban
        assert iban.startswith("FR"), personne
        assert len(iban) == 27, personne
        assert stdnum_iban.is_valid(iban), personne
        assert cle_rib(iban[4:9], iban[9:14], iban[14:25]) == iban[25:], personne
        assert est_iban_fr_valide(iban)
        assert re.fullmatch(r"[0-9]{7}", personne.sept_derniers_iban), personne


def test_vitale_serial_should_be_15_digits(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert len(personne.numero_serie_vitale) == 15
        assert est_numero_serie_valide(personne.numero_serie_vitale), personne
        assert personne.prefixe_vitale + personne.onze_derniers_vitale == (
            personne.numero_serie_vitale
        )


def test_postal_code_should_lead_to_the_departement_and_its_caisse(
    personnes: list[Assure],
) -> None:
    for personne in personnes:
        assert departement_du_code_postal(personne.code_postal) == personne.departement, personne
        caisse = caisse_du_code_postal(personne.code_postal)
        assert caisse.nom == personne.caisse, personne
        assert caisse.regime_general, personne


def test_person_should_be_an_eligible_adult_of_the_regime_general(
    personnes: list[Assure],
) -> None:
    for personne in personnes:
        assert 18 <= _age(personne.date_naissance, AUJOURD_HUI) <= 90, personne
        assert personne.regime == REGIME_GENERAL
        assert personne.sexe in ("1", "2")
        assert personne.nom.strip(), personne
        assert personne.nom == personne.nom.upper(), personne
        assert personne.prenoms.strip()


def test_different_seeds_should_give_different_persons(personnes: list[Assure]) -> None:
    assert len({personne.nir for personne in personnes}) == len(personnes)
    assert len({personne.iban for personne in personnes}) == len(personnes)
    assert len({personne.numero_serie_vitale for personne in personnes}) == len(personnes)
    assert len({personne.nom for personne in personnes}) > len(personnes) // 3


def test_population_should_cover_both_sexes_and_many_departements(
    personnes: list[Assure],
) -> None:
    assert {personne.sexe for personne in personnes} == {"1", "2"}
    assert len({personne.departement for personne in personnes}) > 60
    assert len({lire_nir(personne.nir).departement for personne in personnes}) > 60


@pytest.mark.parametrize("graine", [0, 1, 42, 2**31])
def test_same_seed_should_give_the_same_person(graine: int) -> None:
    premiere = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI)
    random.seed(graine + 1)  # the global generator must play no part
    seconde = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI)
    assert premiere == seconde


def test_provider_should_leave_the_global_random_generator_alone() -> None:
    random.seed(7)
    etat = random.getstate()
    faker = faker_fr(3)
    for _ in range(20):
        fabriquer_assure(faker, aujourd_hui=AUJOURD_HUI)
    assert random.getstate() == etat


def test_json_should_have_exactly_the_api_fields_and_read_back(personnes: list[Assure]) -> None:
    for personne in personnes[:50]:
        donnees = personne.to_json()
        assert set(donnees) == CHAMPS_API
        assert all(isinstance(valeur, str) for valeur in donnees.values())
        assert donnees["date_naissance"] == personne.date_naissance.isoformat()
        assert Assure.from_json(donnees) == personne


def test_from_json_should_ignore_extra_keys_and_refuse_missing_ones() -> None:
    donnees: dict[str, object] = dict(fabriquer_assure(faker_fr(5)).to_json())
    assert Assure.from_json({**donnees, "id": 12}).nir == donnees["nir"]
    del donnees["iban"]
    with pytest.raises(ValueError, match="iban"):
        Assure.from_json(donnees)


def test_convenience_properties_should_show_what_the_screens_ask() -> None:
    personne = fabriquer_assure(
        faker_fr(1),
        date_naissance=date(1985, 3, 7),
        iban="FR7630006000011234567890189",
        numero_serie_vitale="000012345678901",
    )
    assert personne.date_naissance_fr == "07/03/1985"
    assert personne.nir_complet == personne.nir + personne.cle_nir
    assert personne.sept_derniers_iban == "7890189"
    assert personne.prefixe_iban == "FR 76 3000"
    assert personne.onze_derniers_vitale == "12345678901"
    assert personne.prefixe_vitale == "0000"


@pytest.mark.parametrize("departement", DEPARTEMENTS_PARTICULIERS)
def test_postal_codes_of_corsica_and_overseas_should_map_back(departement: str) -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(11))
    codes = {fournisseur.code_postal_du_departement(departement) for _ in range(200)}
    for code in codes:
        assert departement_du_code_postal(code) == departement, code
    if departement not in ("975",):
        assert len(codes) > 5


@pytest.mark.parametrize("departement", DEPARTEMENTS_PARTICULIERS)
def test_nir_of_a_birth_in_corsica_or_overseas_should_be_valid(departement: str) -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(13))
    for jour in range(1, 200):
        naissance = date.fromordinal(date(1950, 1, 1).toordinal() + jour * 97)
        nir = fournisseur.nir_pour("2", naissance, departement)
        assert lire_nir(nir).departement == departement
        assert stdnum_nir.is_valid(nir + stdnum_nir.calc_check_digits(nir)), nir


def test_residence_should_never_be_outside_the_regime_general() -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(17))
    tirages = {fournisseur.departement_residence() for _ in range(2000)}
    assert "975" not in tirages
    assert {"2A", "2B", "971", "976"} <= tirages


def test_provider_should_be_reachable_through_the_seeded_faker() -> None:
    faker = faker_fr(21)
    autre = Faker("fr_FR")
    autre.add_provider(AssuranceMaladieProvider)
    autre.seed_instance(21)
    assert faker.iban_fr() == autre.iban_fr()
    assert est_iban_fr_valide(faker.iban_fr())
    assert est_regime_eligible(faker.regime_eligible())


@pytest.mark.parametrize(
    ("surcharges", "attendus"),
    [
        ({"code_postal": "20200"}, {"departement": "2B", "caisse": "CPAM de la Haute-Corse"}),
        ({"code_postal": "20090"}, {"departement": "2A", "caisse": "CPAM de Corse-du-Sud"}),
        ({"code_postal": "97400"}, {"departement": "974", "caisse": "CGSS de La Réunion"}),
        ({"departement": "976"}, {"caisse": "CSSM de Mayotte"}),
        ({"departement": "2a"}, {"departement": "2A", "caisse": "CPAM de Corse-du-Sud"}),
        ({"departement": "59"}, {"caisse": "CPAM de Lille-Douai"}),
        ({"code_postal": "13001", "caisse": "CPAM de Paris"}, {"departement": "13"}),
        ({"regime": "MGEN"}, {"regime": "MGEN", "caisse": None}),
    ],
)
def test_overrides_should_recompute_the_residence(
    surcharges: dict[str, object], attendus: dict[str, str | None]
) -> None:
    personne = fabriquer_assure(faker_fr(8), aujourd_hui=AUJOURD_HUI, **surcharges)
    donnees = personne.to_json()
    for champ, valeur in {**surcharges, **attendus}.items():
        if valeur is not None:
            assert donnees[champ] == valeur, champ
    if "code_postal" not in surcharges:
        assert departement_du_code_postal(personne.code_postal) == personne.departement
    if "caisse" not in surcharges:
        assert personne.caisse == caisse_du_departement(personne.departement).nom


@pytest.mark.parametrize(
    "surcharges",
    [
        {"sexe": "2"},
        {"sexe": "1", "date_naissance": "1975-06-01"},
        {"date_naissance": date(2000, 2, 29)},
        {"date_naissance": "1962-12-31"},
    ],
)
def test_overrides_should_recompute_the_nir(surcharges: dict[str, object]) -> None:
    for graine in range(20):
        personne = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI, **surcharges)
        nir = lire_nir(personne.nir)
        if "sexe" in surcharges:
            assert personne.sexe == surcharges["sexe"] == nir.sexe
        if "date_naissance" in surcharges:
            attendue = surcharges["date_naissance"]
            assert personne.date_naissance.isoformat() == str(attendue)
        assert nir_correspond_naissance(nir, personne.date_naissance)
        assert personne.cle_nir == nir.cle


@pytest.mark.parametrize(
    ("nir", "sexe", "annee", "mois"),
    [
        ("275052A123045", "2", 1975, 5),
        ("1000175123456", "1", 2000, 1),
        ("7250397123045", "1", 1925, 3),  # temporary number, born after the reference day
        ("2993075123456", "2", 1999, None),  # unknown month
    ],
)
def test_overridden_nir_should_give_sex_and_birth_date(
    nir: str, sexe: str, annee: int, mois: int | None
) -> None:
    personne = fabriquer_assure(faker_fr(4), aujourd_hui=AUJOURD_HUI, nir=nir)
    assert personne.nir == nir
    assert personne.cle_nir == stdnum_nir.calc_check_digits(nir)
    assert personne.sexe == sexe
    assert personne.date_naissance.year == annee
    if mois is not None:
        assert personne.date_naissance.month == mois
    assert personne.date_naissance <= AUJOURD_HUI


def test_overrides_should_keep_deliberately_inconsistent_values() -> None:
    personne = fabriquer_assure(
        faker_fr(9),
        aujourd_hui=AUJOURD_HUI,
        nir="1850575123456",
        date_naissance="1990-01-01",
        cle_nir="00",
    )
    assert (personne.nir, personne.cle_nir) == ("1850575123456", "00")
    assert not nir_correspond_naissance(lire_nir(personne.nir), personne.date_naissance)


@pytest.mark.parametrize(
    ("surcharges", "erreur"),
    [
        ({"prenom": "Marie"}, TypeError),
        ({"nir": 1850575123456}, TypeError),
        ({"date_naissance": 19850307}, TypeError),
        ({"date_naissance": "07/03/1985"}, ValueError),
        ({"sexe": "3"}, ValueError),
        ({"nir": "1850520123456"}, ValueError),
        ({"code_postal": "96000"}, CodePostalInvalide),
        ({"departement": "20"}, ValueError),
    ],
)
def test_should_refuse_an_unknown_or_malformed_override(
    surcharges: dict[str, object], erreur: type[Exception]
) -> None:
    with pytest.raises(erreur):
        fabriquer_assure(faker_fr(1), aujourd_hui=AUJOURD_HUI, **surcharges)


def test_should_refuse_a_reference_day_that_is_not_a_date() -> None:
    with pytest.raises(TypeError):
        fabriquer_assure(faker_fr(1), aujourd_hui="2025-01-15")  # type: ignore[arg-type]
