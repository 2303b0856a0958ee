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

pytestmark = pytest.mark.unit

AUJOURD_HUI = date(2021, 3, 19)
TROP_LONG = "x" * 255
CREATION = {
    "nom": "DUPONT",
    "nir": "1850575123456",
    "date_naissance": "17/05/1985",
    "code_postal": "75011",
}
IDENTITE = {"iban7": "7890189", "vitale11": "12345678901"}
COORDONNEES = {
    "email": "a@exemple.fr",
    "email_confirmation": "a@exemple.fr",
    "portable": "",
    "fixe": "",
}


def test_accepte_un_ecran_4_bien_rempli() -> None:
    saisie = lire_creation(CREATION, AUJOURD_HUI)
    assert saisie.erreurs == {}
    assert saisie.numero is not None
    assert saisie.numero.valeur == "1850575123456"
    assert saisie.naissance == date(1985, 5, 17)


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nom", "", "Saisissez votre nom."),
        ("nom", TROP_LONG, "Cette valeur est trop longue."),
        ("nir", "", "Saisissez votre numéro de sécurité sociale."),
        (
            "nir",
            "185057512345",
            "Le numéro de sécurité sociale doit comporter 13 caractères : "
            "sexe, année, mois, département, commune et numéro d'ordre.",
        ),
        ("date_naissance", "", "Saisissez votre date de naissance."),
        (
            "date_naissance",
            "31/02/1985",
            "La date de naissance doit être une date réelle au format JJ/MM/AAAA.",
        ),
        ("code_postal", "", "Saisissez votre code postal."),
        ("code_postal", "7501", "Le code postal doit comporter 5 chiffres."),
        ("code_postal", "７５０１１", "Le code postal doit comporter 5 chiffres."),
        (
            "nir",
            "1860575123456",
            "Le numéro de sécurité sociale ne correspond pas à la date de naissance saisie.",
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_4(champ: str, valeur: str, message: str) -> None:
    saisie = lire_creation({**CREATION, champ: valeur}, AUJOURD_HUI)
    assert saisie.erreurs == {champ: message}


def test_ne_lit_ni_nir_ni_date_quand_ils_sont_refuses_a_l_ecran_4() -> None:
    saisie = lire_creation({**CREATION, "nir": "", "date_naissance": "31/02/1985"}, AUJOURD_HUI)
    assert saisie.numero is None
    assert saisie.naissance is None


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("iban7", "", "Saisissez les 7 derniers chiffres de votre IBAN."),
        ("iban7", "789018", "Saisissez exactement les 7 derniers caractères de votre IBAN."),
        ("iban7", "789-189", "Saisissez exactement les 7 derniers caractères de votre IBAN."),
        (
            "vitale11",
            "",
            "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale.",
        ),
        (
            "vitale11",
            "1234567890A",
            "Le numéro de série de la carte Vitale se termine par 11 chiffres.",
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_5(champ: str, valeur: str, message: str) -> None:
    assert erreurs_identite({**IDENTITE, champ: valeur}) == {champ: message}


def test_normalise_les_chiffres_de_l_ecran_5_sans_espaces_en_majuscules() -> None:
    assert normaliser_identite({"iban7": "3m0 2606", "vitale11": " 1234 5678 901"}) == {
        "iban7": "3M02606",
        "vitale11": "12345678901",
    }
    assert (
        erreurs_identite(normaliser_identite({"iban7": "3m0 2606", "vitale11": "1234 5678 901"}))
        == {}
    )


@pytest.mark.parametrize(
    ("restants", "fin"), [(2, "Il vous reste 2 essais."), (1, "Il vous reste 1 essai.")]
)
def test_dit_les_essais_restants_a_l_ecran_5(restants: int, fin: str) -> None:
    assert message_essais_restants(restants).endswith(fin)


def test_dit_a_l_ecran_5_que_les_chiffres_ne_correspondent_pas() -> None:
    assert message_essais_restants(2) == (
        "Les informations saisies ne correspondent pas à celles de votre dossier. "
        "Il vous reste 2 essais."
    )


@pytest.mark.parametrize(
    ("choix", "accepte"), [("oui", True), ("non", True), ("", False), ("peut-etre", False)]
)
def test_exige_un_choix_a_l_ecran_6(choix: str, accepte: bool) -> None:
    assert (erreurs_conditions({"conditions": choix}) == {}) is accepte


def test_dit_pourquoi_l_ecran_6_demande_un_choix() -> None:
    assert erreurs_conditions({"conditions": ""}) == {
        "conditions": (
            "Vous devez indiquer si vous acceptez les conditions d'utilisation pour continuer."
        )
    }


def test_refuse_a_l_ecran_7_un_code_fait_de_la_date_de_naissance() -> None:
    assert erreurs_code({"code": "17051985", "confirmation": "17051985"}, date(1985, 5, 17)) == {
        "code": "Ce code personnel est trop simple à deviner : évitez les suites de chiffres, "
        "les chiffres répétés et votre date de naissance."
    }


def test_refuse_un_code_trop_long_a_l_ecran_7_avant_ses_regles() -> None:
    assert erreurs_code({"code": TROP_LONG, "confirmation": ""}, date(1985, 5, 17)) == {
        "code": "Cette valeur est trop longue."
    }
    assert erreurs_code({"code": "48291736", "confirmation": "48291736"}, date(1985, 5, 17)) == {}


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        (
            "email",
            "pas-une-adresse",
            "L'adresse email n'est pas valide (exemple : prenom.nom@exemple.fr).",
        ),
        (
            "email_confirmation",
            "b@exemple.fr",
            "Les deux adresses email saisies ne sont pas identiques.",
        ),
        (
            "portable",
            "0123456789",
            "Le numéro de téléphone portable doit être un numéro français commençant par 06 ou 07 "
            "(exemple : 06 12 34 56 78).",
        ),
        (
            "fixe",
            "0612345678",
            "Le numéro de téléphone fixe doit être un numéro français commençant par 01 à 05 ou 09 "
            "(exemple : 01 23 45 67 89).",
        ),
    ],
)
def test_refuse_un_champ_de_l_ecran_8(champ: str, valeur: str, message: str) -> None:
    saisie = {**COORDONNEES, champ: valeur}
    if champ == "email":
        saisie["email_confirmation"] = valeur  # typed twice alike: only the format is wrong
    assert erreurs_coordonnees(saisie) == {champ: message}


@pytest.mark.parametrize(
    "consentement",
    ["consent_email", "consent_portable_tel", "consent_portable_sms", "consent_fixe_tel"],
)
def test_met_a_non_chaque_consentement_de_l_ecran_8_envoye_autrement(consentement: str) -> None:
    valeurs = normaliser_coordonnees({**COORDONNEES, consentement: "peut-etre"})
    assert valeurs[consentement] == "non"


def test_met_a_non_tout_consentement_qui_n_est_pas_oui() -> None:
    valeurs = normaliser_coordonnees(
        {
            **COORDONNEES,
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
                "nir": "Saisissez votre numéro de sécurité sociale.",
                "code": "Saisissez votre code personnel.",
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
    assert trop_longs({"email": "a" * (LONGUEUR_MAX_ADRESSE + 1)}) == {
        "email": "Cette valeur est trop longue."
    }
