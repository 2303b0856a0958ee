"""Unit tests of the persona factory, against independent oracles only.

Every generated person is checked with python-stdnum (NIR key, IBAN check digits), schwifty (the
French BBAN's RIB key), the RIB key's formula written here, and tables written in this file
(birthplaces, postal codes, caisses, the SPEC's régimes) — never with the mock's code.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from faker import Faker
from schwifty import IBAN
from stdnum import iban as stdnum_iban
from stdnum.fr import nir as stdnum_nir

from fixtures.assures import (
    CODE_PERSONNEL_EXEMPLE,
    Assure,
    date_fr,
    fabriquer_assure,
    faker_fr,
)
from fixtures.caisses import CAISSES, CodePostalInconnu, departement_du_code_postal
from fixtures.providers import AssuranceMaladieProvider

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
DEPARTEMENTS_PARTICULIERS = ["2A", "2B", "971", "972", "973", "974", "976", "75"]
# Where one can be born in France, by the NIR's birthplace codes: 01 to 95 without 20, Corsica's
# 2A and 2B, overseas 971 to 976.
LIEUX_DE_NAISSANCE = (
    {f"{numero:02d}" for numero in range(1, 96) if numero != 20}
    | {"2A", "2B"}
    | {f"97{numero}" for numero in range(1, 7)}
)
# SPEC, "Eligibility": the régime général and the partner régimes.
REGIMES_ELIGIBLES = {
    "Régime général",
    "CAMIEG",
    "CAVIMAC",
    "CNMSS",
    "CRPCEN",
    "ENIM",
    "INTÉRIALE",
    "LA MUTUELLE GÉNÉRALE",
    "MGP",
    "MNH",
    "SOLSANTIS",
    "HARMONIE FONCTION PUBLIQUE",
    "CANSSM",
    "LMDE",
}
# A French RIB key: 97 - (89 × bank + 15 × branch + 3 × account) mod 97, the account's letters
# read as digits (A-I → 1-9, J-R → 1-9, S-Z → 2-9).
_LETTRES_RIB = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "12345678912345678923456789")


def cle_rib(banque: str, guichet: str, compte: str) -> str:
    """The RIB key of an account, by the banks' published formula."""
    numero = int(compte.upper().translate(_LETTRES_RIB))
    return f"{97 - (89 * int(banque) + 15 * int(guichet) + 3 * numero) % 97:02d}"


def lire_nir(nir: str) -> dict[str, str]:
    """The parts of a 13-character NIR: sex, year, month, birthplace département."""
    departement = nir[5:8] if nir[5:7] == "97" else nir[5:7]
    return {"sexe": nir[0], "annee": nir[1:3], "mois": nir[3:5], "departement": departement}


@pytest.fixture(scope="module")
def personnes() -> list[Assure]:
    """300 persons, one per seed, all generated on the same reference day."""
    return [fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI) for graine in GRAINES]


def _age(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


def _iban_fr_valide(iban: str) -> bool:
    """mod-97 by python-stdnum, the RIB key by schwifty and by the formula above."""
    return (
        re.fullmatch(r"FR[0-9]{12}[0-9A-Z]{11}[0-9]{2}", iban) is not None
        and stdnum_iban.is_valid(iban)
        and IBAN(iban, validate_bban=True).compact == iban
        and cle_rib(iban[4:9], iban[9:14], iban[14:25]) == iban[25:]
    )


def _nir_correspond_naissance(nir: str, naissance: date) -> bool:
    """The NIR's year, and its month unless unknown (above 12), are the birth date's."""
    parties = lire_nir(nir)
    mois = int(parties["mois"])
    return parties["annee"] == naissance.strftime("%y") and (mois > 12 or mois == naissance.month)


def test_la_cle_du_nir_est_celle_de_stdnum(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert personne.cle_nir == stdnum_nir.calc_check_digits(personne.nir)
        assert stdnum_nir.is_valid(personne.nir_complet), personne


def test_le_nir_porte_le_sexe_et_la_date_de_naissance(personnes: list[Assure]) -> None:
    for personne in personnes:
        nir = lire_nir(personne.nir)
        assert nir["sexe"] == personne.sexe, personne
        assert nir["annee"] == personne.date_naissance.strftime("%y"), personne
        assert nir["mois"] == personne.date_naissance.strftime("%m"), personne


def test_le_nir_nomme_un_vrai_lieu_de_naissance(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert lire_nir(personne.nir)["departement"] in LIEUX_DE_NAISSANCE, personne


def test_l_iban_passe_le_controle_mod_97_et_la_cle_rib(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert len(personne.iban) == 27, personne
        assert _iban_fr_valide(personne.iban), personne
        assert re.fullmatch(r"[0-9]{7}", personne.sept_derniers_iban), personne


@pytest.mark.parametrize(
    ("banque", "guichet", "compte", "cle"),
    [
        # Well-known French RIBs: the Wikipedia IBAN example, two banks' documentation ones.
        ("30006", "00001", "12345678901", "89"),
        ("20041", "01005", "0500013M026", "06"),
        ("30002", "00550", "0000157841Z", "25"),
    ],
)
def test_la_formule_de_la_cle_rib_donne_les_cles_publiees(
    banque: str, guichet: str, compte: str, cle: str
) -> None:
    assert cle_rib(banque, guichet, compte) == cle
    iban = "FR" + stdnum_iban.calc_check_digits(f"FR00{banque}{guichet}{compte}{cle}")
    IBAN(f"{iban}{banque}{guichet}{compte}{cle}", validate_bban=True)


def test_le_numero_de_serie_vitale_a_15_chiffres(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert re.fullmatch(r"[0-9]{15}", personne.numero_serie_vitale), personne
        assert personne.prefixe_vitale + personne.onze_derniers_vitale == (
            personne.numero_serie_vitale
        )


def test_le_code_postal_mene_au_departement_et_a_sa_caisse(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert departement_du_code_postal(personne.code_postal) == personne.departement, personne
        assert CAISSES[personne.departement] == personne.caisse, personne


@pytest.mark.parametrize(
    ("code_postal", "departement", "caisse"),
    [
        # The SPEC's examples and rule (first two digits; 20xxx; 97x), ameli's caisse names.
        ("75011", "75", "CPAM de Paris"),
        ("20090", "2A", "CPAM de Corse-du-Sud"),
        ("20167", "2A", "CPAM de Corse-du-Sud"),
        ("20200", "2B", "CPAM de la Haute-Corse"),
        ("20600", "2B", "CPAM de la Haute-Corse"),
        ("97400", "974", "CGSS de La Réunion"),
        ("97600", "976", "CSSM de Mayotte"),
        ("97110", "971", "CGSS de la Guadeloupe"),
        ("59000", "59", "CPAM de Lille-Douai"),
        ("01000", "01", "CPAM de l'Ain"),
    ],
)
def test_la_table_du_cote_test_donne_departement_et_caisse(
    code_postal: str, departement: str, caisse: str
) -> None:
    assert departement_du_code_postal(code_postal) == departement
    assert CAISSES[departement] == caisse


@pytest.mark.parametrize("code_postal", ["20700", "96000", "9750", "7501A", "00000"])
def test_un_code_postal_sans_departement_est_refuse(code_postal: str) -> None:
    with pytest.raises(CodePostalInconnu):
        departement_du_code_postal(code_postal)


def test_la_personne_est_un_adulte_eligible_du_regime_general(personnes: list[Assure]) -> None:
    for personne in personnes:
        assert 18 <= _age(personne.date_naissance, AUJOURD_HUI) <= 90, personne
        assert personne.regime == "Régime général"
        assert personne.sexe in ("1", "2")
        assert personne.nom.strip(), personne
        assert personne.nom == personne.nom.upper(), personne
        assert personne.prenoms.strip()


def test_des_graines_differentes_donnent_des_personnes_differentes(
    personnes: list[Assure],
) -> None:
    assert len({personne.nir for personne in personnes}) == len(personnes)
    assert len({personne.iban for personne in personnes}) == len(personnes)
    assert len({personne.numero_serie_vitale for personne in personnes}) == len(personnes)
    assert len({personne.nom for personne in personnes}) > len(personnes) // 3


def test_la_population_couvre_les_deux_sexes_et_de_nombreux_departements(
    personnes: list[Assure],
) -> None:
    assert {personne.sexe for personne in personnes} == {"1", "2"}
    assert len({personne.departement for personne in personnes}) > 60
    assert len({lire_nir(personne.nir)["departement"] for personne in personnes}) > 60


@pytest.mark.parametrize("graine", [0, 1, 42, 2**31])
def test_la_meme_graine_donne_la_meme_personne(graine: int) -> None:
    premiere = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI)
    random.seed(graine + 1)  # the global generator must play no part
    seconde = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI)
    assert premiere == seconde


def test_le_fournisseur_laisse_le_generateur_global_intact() -> None:
    random.seed(7)
    etat = random.getstate()
    faker = faker_fr(3)
    for _ in range(20):
        fabriquer_assure(faker, aujourd_hui=AUJOURD_HUI)
    assert random.getstate() == etat


def test_le_json_a_les_champs_de_l_api_et_se_relit(personnes: list[Assure]) -> None:
    for personne in personnes[:50]:
        donnees = personne.to_json()
        assert set(donnees) == CHAMPS_API
        assert all(isinstance(valeur, str) for valeur in donnees.values())
        assert donnees["date_naissance"] == personne.date_naissance.isoformat()
        assert Assure.from_json(donnees) == personne


def test_from_json_ignore_les_cles_en_trop_et_refuse_les_manquantes() -> None:
    donnees: dict[str, object] = dict(fabriquer_assure(faker_fr(5)).to_json())
    assert Assure.from_json({**donnees, "id": 12}).nir == donnees["nir"]
    del donnees["iban"]
    with pytest.raises(ValueError, match="iban"):
        Assure.from_json(donnees)


def test_les_proprietes_montrent_ce_que_demandent_les_ecrans() -> None:
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


@pytest.mark.parametrize(
    ("jour", "attendu"),
    [
        (date(1985, 3, 7), "07/03/1985"),
        ("2000-12-31", "31/12/2000"),
        ("1950-01-01", "01/01/1950"),
    ],
)
def test_la_date_s_ecrit_comme_sur_l_ecran_4(jour: date | str, attendu: str) -> None:
    assert date_fr(jour) == attendu


def test_le_code_personnel_d_exemple_n_est_pas_un_code_faible() -> None:
    """8 to 13 digits, not one repeated digit, not a straight run (SPEC, screen 7)."""
    assert re.fullmatch(r"[0-9]{8,13}", CODE_PERSONNEL_EXEMPLE)
    assert len(set(CODE_PERSONNEL_EXEMPLE)) > 1
    assert CODE_PERSONNEL_EXEMPLE not in "01234567890123" + "98765432109876"


@pytest.mark.parametrize("departement", DEPARTEMENTS_PARTICULIERS)
def test_les_codes_postaux_de_corse_et_d_outre_mer_menent_a_leur_departement(
    departement: str,
) -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(11))
    codes = {fournisseur.code_postal_du_departement(departement) for _ in range(200)}
    for code in codes:
        assert departement_du_code_postal(code) == departement, code
    assert len(codes) > 5


@pytest.mark.parametrize("departement", [*DEPARTEMENTS_PARTICULIERS, "975"])
def test_un_nir_ne_en_corse_ou_outre_mer_est_valide(departement: str) -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(13))
    for jour in range(1, 200):
        naissance = date.fromordinal(date(1950, 1, 1).toordinal() + jour * 97)
        nir = fournisseur.nir_pour("2", naissance, departement)
        assert lire_nir(nir)["departement"] == departement
        assert stdnum_nir.is_valid(nir + stdnum_nir.calc_check_digits(nir)), nir


def test_la_residence_est_toujours_couverte_par_le_regime_general() -> None:
    fournisseur = AssuranceMaladieProvider(faker_fr(17))
    tirages = {fournisseur.departement_residence() for _ in range(2000)}
    assert "975" not in tirages  # Saint-Pierre-et-Miquelon has its own fund
    assert {"2A", "2B", "971", "976"} <= tirages


def test_le_fournisseur_est_joignable_par_le_faker_graine() -> None:
    faker = faker_fr(21)
    autre = Faker("fr_FR")
    autre.add_provider(AssuranceMaladieProvider)
    autre.seed_instance(21)
    assert faker.iban_fr() == autre.iban_fr()
    assert _iban_fr_valide(faker.iban_fr())
    assert {faker.regime_eligible() for _ in range(200)} == REGIMES_ELIGIBLES


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
def test_les_surcharges_recalculent_la_residence(
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
        assert personne.caisse == CAISSES[personne.departement]


@pytest.mark.parametrize(
    "surcharges",
    [
        {"sexe": "2"},
        {"sexe": "1", "date_naissance": "1975-06-01"},
        {"date_naissance": date(2000, 2, 29)},
        {"date_naissance": "1962-12-31"},
    ],
)
def test_les_surcharges_recalculent_le_nir(surcharges: dict[str, object]) -> None:
    for graine in range(20):
        personne = fabriquer_assure(faker_fr(graine), aujourd_hui=AUJOURD_HUI, **surcharges)
        if "sexe" in surcharges:
            assert personne.sexe == surcharges["sexe"] == lire_nir(personne.nir)["sexe"]
        if "date_naissance" in surcharges:
            attendue = surcharges["date_naissance"]
            assert personne.date_naissance.isoformat() == str(attendue)
        assert _nir_correspond_naissance(personne.nir, personne.date_naissance)
        assert personne.cle_nir == stdnum_nir.calc_check_digits(personne.nir)


@pytest.mark.parametrize(
    ("nir", "sexe", "annee", "mois"),
    [
        ("275052A123045", "2", 1975, 5),
        ("1000175123456", "1", 2000, 1),
        ("7250397123045", "1", 1925, 3),  # temporary number, born after the reference day
        ("2993075123456", "2", 1999, None),  # unknown month
    ],
)
def test_un_nir_impose_donne_le_sexe_et_la_date_de_naissance(
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


def test_les_surcharges_gardent_les_valeurs_volontairement_incoherentes() -> None:
    personne = fabriquer_assure(
        faker_fr(9),
        aujourd_hui=AUJOURD_HUI,
        nir="1850575123456",
        date_naissance="1990-01-01",
        cle_nir="00",
    )
    assert (personne.nir, personne.cle_nir) == ("1850575123456", "00")
    assert not _nir_correspond_naissance(personne.nir, personne.date_naissance)


@pytest.mark.parametrize(
    ("surcharges", "erreur"),
    [
        ({"prenom": "Marie"}, TypeError),
        ({"nir": 1850575123456}, TypeError),
        ({"date_naissance": 19850307}, TypeError),
        ({"date_naissance": "07/03/1985"}, ValueError),
        ({"sexe": "3"}, ValueError),
        ({"nir": "1850520123456"}, ValueError),
        ({"nir": "3850575123456"}, ValueError),
        ({"code_postal": "96000"}, CodePostalInconnu),
        ({"departement": "20"}, ValueError),
        ({"departement": "975"}, ValueError),
    ],
)
def test_une_surcharge_inconnue_ou_mal_formee_est_refusee(
    surcharges: dict[str, object], erreur: type[Exception]
) -> None:
    with pytest.raises(erreur):
        fabriquer_assure(faker_fr(1), aujourd_hui=AUJOURD_HUI, **surcharges)


def test_un_jour_de_reference_qui_n_est_pas_une_date_est_refuse() -> None:
    with pytest.raises(TypeError):
        fabriquer_assure(faker_fr(1), aujourd_hui="2025-01-15")  # type: ignore[arg-type]
