"""Unit tests of each screen's form checks: (field, value, message) tables, as the screens say."""

from __future__ import annotations

from datetime import date

import pytest

from mock_site.rules.saisies import (
    erreurs_code,
    erreurs_conditions,
    erreurs_connexion,
    erreurs_coordonnees,
    erreurs_identite,
    lire_creation,
    message_essais_restants,
    normaliser_coordonnees,
    normaliser_identite,
    trop_longs,
)
from mock_site.tests.libelles import (
    CODE_PERSONNEL,
    COMMUN,
    CONDITIONS,
    COORDONNEES,
    CREATION,
    IDENTITE,
    PORTAIL,
)

pytestmark = pytest.mark.unit

AUJOURD_HUI = date(2021, 3, 19)
TROP_LONG = "x" * 255
SAISIE_CREATION = {
    "nom": "DUPONT",
    "nir": "1850575123456",
    "date_naissance": "17/05/1985",
    "code_postal": "75011",
}
SAISIE_IDENTITE = {"iban7": "7890189", "vitale11": "12345678901"}
SAISIE_COORDONNEES = {
    "email": "a@exemple.fr",
    "email_confirmation": "a@exemple.fr",
    "portable": "",
    "fixe": "",
}


def test_accepte_un_ecran_4_bien_rempli() -> None:
    saisie = lire_creation(SAISIE_CREATION, AUJOURD_HUI)
    assert saisie.erreurs == {}
    assert saisie.numero is not None
    assert saisie.numero.valeur == "1850575123456"
    assert saisie.naissance == date(1985, 5, 17)


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nom", "", CREATION.nom_manquant),
        ("nom", TROP_LONG, COMMUN.trop_long),
        ("nir", "", CREATION.nir_manquant),
        ("nir", "185057512345", CREATION.nir_mal_forme),
        ("date_naissance", "", CREATION.date_manquante),
        (
            "date_naissance",
            "31/02/1985",
            CREATION.date_irreelle,
        ),
        ("code_postal", "", CREATION.code_postal_manquant),
        ("code_postal", "7501", CREATION.code_postal_mal_forme),
        ("code_postal", "７５０１１", CREATION.code_postal_mal_forme),
        (
            "nir",
            "1860575123456",
            CREATION.nir_incoherent,
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_4(champ: str, valeur: str, message: str) -> None:
    saisie = lire_creation({**SAISIE_CREATION, champ: valeur}, AUJOURD_HUI)
    assert saisie.erreurs == {champ: message}


def test_ne_lit_ni_nir_ni_date_quand_ils_sont_refuses_a_l_ecran_4() -> None:
    saisie = lire_creation(
        {**SAISIE_CREATION, "nir": "", "date_naissance": "31/02/1985"}, AUJOURD_HUI
    )
    assert saisie.numero is None
    assert saisie.naissance is None


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("iban7", "", IDENTITE.iban_manquant),
        ("iban7", "789018", IDENTITE.iban_mal_forme),
        ("iban7", "789-189", IDENTITE.iban_mal_forme),
        (
            "vitale11",
            "",
            IDENTITE.vitale_manquant,
        ),
        (
            "vitale11",
            "1234567890A",
            IDENTITE.vitale_mal_forme,
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_5(champ: str, valeur: str, message: str) -> None:
    assert erreurs_identite({**SAISIE_IDENTITE, champ: valeur}) == {champ: message}


def test_normalise_les_chiffres_de_l_ecran_5_sans_espaces_en_majuscules() -> None:
    assert normaliser_identite({"iban7": "3m0 2606", "vitale11": " 1234 5678 901"}) == {
        "iban7": "3M02606",
        "vitale11": "12345678901",
    }
    assert (
        erreurs_identite(normaliser_identite({"iban7": "3m0 2606", "vitale11": "1234 5678 901"}))
        == {}
    )


@pytest.mark.parametrize(("restants", "fin"), [(2, IDENTITE.deux_essais), (1, IDENTITE.un_essai)])
def test_dit_les_essais_restants_a_l_ecran_5(restants: int, fin: str) -> None:
    assert message_essais_restants(restants).endswith(fin)


def test_dit_a_l_ecran_5_que_les_chiffres_ne_correspondent_pas() -> None:
    assert message_essais_restants(2) == IDENTITE.essais_restants_pour(2)


@pytest.mark.parametrize(
    ("choix", "accepte"), [("oui", True), ("non", True), ("", False), ("peut-etre", False)]
)
def test_exige_un_choix_a_l_ecran_6(choix: str, accepte: bool) -> None:
    assert (erreurs_conditions({"conditions": choix}) == {}) is accepte


def test_dit_pourquoi_l_ecran_6_demande_un_choix() -> None:
    assert erreurs_conditions({"conditions": ""}) == {"conditions": (CONDITIONS.choix_manquant)}


def test_refuse_a_l_ecran_7_un_code_fait_de_la_date_de_naissance() -> None:
    assert erreurs_code({"code": "17051985", "confirmation": "17051985"}, date(1985, 5, 17)) == {
        "code": CODE_PERSONNEL.trop_simple
    }


def test_refuse_un_code_trop_long_a_l_ecran_7_avant_ses_regles() -> None:
    assert erreurs_code({"code": TROP_LONG, "confirmation": ""}, date(1985, 5, 17)) == {
        "code": COMMUN.trop_long
    }
    assert erreurs_code({"code": "48291736", "confirmation": "48291736"}, date(1985, 5, 17)) == {}


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        (
            "email",
            "pas-une-adresse",
            COORDONNEES.email_invalide,
        ),
        (
            "email_confirmation",
            "b@exemple.fr",
            COORDONNEES.emails_differents,
        ),
        (
            "portable",
            "0123456789",
            COORDONNEES.portable_invalide,
        ),
        (
            "fixe",
            "0612345678",
            COORDONNEES.fixe_invalide,
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_8(champ: str, valeur: str, message: str) -> None:
    saisie = {**SAISIE_COORDONNEES, champ: valeur}
    if champ == "email":
        saisie["email_confirmation"] = valeur  # typed twice alike: only the format is wrong
    assert erreurs_coordonnees(saisie) == {champ: message}


@pytest.mark.parametrize(
    "consentement",
    ["consent_email", "consent_portable_tel", "consent_portable_sms", "consent_fixe_tel"],
)
def test_met_a_non_chaque_consentement_de_l_ecran_8_envoye_autrement(consentement: str) -> None:
    valeurs = normaliser_coordonnees({**SAISIE_COORDONNEES, consentement: "peut-etre"})
    assert valeurs[consentement] == "non"


def test_met_a_non_tout_consentement_qui_n_est_pas_oui() -> None:
    valeurs = normaliser_coordonnees(
        {
            **SAISIE_COORDONNEES,
            "consent_email": "oui",
            "consent_portable_tel": "peut-etre",
            "consent_portable_sms": "",
            "consent_fixe_tel": "non",
        }
    )
    assert [
        valeurs[c]
        for c in (
            "consent_email",
            "consent_portable_tel",
            "consent_portable_sms",
            "consent_fixe_tel",
        )
    ] == ["oui", "non", "non", "non"]
    assert valeurs["email"] == "a@exemple.fr"


@pytest.mark.parametrize(
    ("valeurs", "erreurs"),
    [
        (
            {"nir": "", "code": ""},
            {
                "nir": PORTAIL.nir_manquant,
                "code": PORTAIL.code_manquant,
            },
        ),
        ({"nir": "1850575123456", "code": "1"}, {}),
    ],
)
def test_exige_nir_et_code_a_la_connexion(valeurs: dict[str, str], erreurs: dict[str, str]) -> None:
    assert erreurs_connexion(valeurs) == erreurs


# RFC 5321: an address (the longest value any field takes) is at most 254 characters.
LONGUEUR_MAX_ADRESSE = 254


def test_accepte_une_valeur_de_la_longueur_d_une_adresse_email_et_pas_plus() -> None:
    assert trop_longs({"email": "a" * LONGUEUR_MAX_ADRESSE}) == {}
    assert trop_longs({"email": "a" * (LONGUEUR_MAX_ADRESSE + 1)}) == {"email": COMMUN.trop_long}
