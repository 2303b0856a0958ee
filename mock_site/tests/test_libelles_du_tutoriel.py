"""Each screen shows the tutorial's own words: its headings, labels, sentences and the email.

The expected texts are copied from the tutorial (`seed/tutoriel-creer-compte-ameli.txt`,
Solidarité Numérique), screen by screen; a sentence whose last word or punctuation the page
adapts (a link in the middle, « ! » turned into « . ») is cut before it. The page is read as
text: tags dropped, entities decoded, typographic apostrophes and spaces made plain.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import lire
from mock_site.tests.parcours import creer_compte, creer_personne, jusqu_a_identite

ACCUEIL = ["Code postal", "Sélectionner", "Compte AMELI"]
PORTAIL = ["Je crée mon compte"]
CREATION = [
    "Je crée mon compte ameli",
    "Je crée mon compte en remplissant les éléments demandés",
    "champ obligatoire",
    "Mon nom",
    "Mon numéro de sécurité sociale",
    "Ma date de naissance",
    "Mon code postal",
    "Retour",
    "Continuer",
    "Je crée immédiatement mon compte via FranceConnect",
    "S'identifier avec FranceConnect",
    "Qu'est-ce que FranceConnect ?",
]
IDENTITE = [
    "Accédez immédiatement à votre compte",
    "Saisissez les 7 derniers chiffres de votre IBAN :",
    "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale avec photo :",
    "Je ne dispose pas du numéro de série de ma carte Vitale",
    "champ obligatoire",
    "Retour",
    "Valider",
]
CONDITIONS = [
    "J'accepte les conditions d'utilisation",
    "Étape 1",
    "Étape 2",
    "Étape 3",
    "Pour accéder aux services de votre compte, vous devez d'abord accepter les conditions "
    "d'utilisation :",
    "En adhérant au compte ameli, vous acceptez de ne plus recevoir vos relevés de prestations "
    "par courrier postal au profit d'une consultation en ligne.",
    "La saisie d'une adresse email est obligatoire pour bénéficier des services du compte. En "
    "renseignant et confirmant votre email, vous acceptez de recevoir dans la messagerie du "
    "compte, tout ou partie des courriers et messages de l'Assurance Maladie.",
    "Pour plus d'informations, consultez les conditions d'utilisation détaillées",
    "Oui, j'accepte",
    "Non, je refuse",
    "Annuler",
    "Continuer",
    # The screenshot's header and footer links.
    "Compte ameli",
    "Assurance Maladie",
    "Mentions légales et CGU",
    "Aide et Accessibilité",
    "Recommandations de sécurité",
    "Protection des données personnelles",
    "Site Ameli",
]
CODE = [
    "Il doit être composé de 8 à 13 chiffres.",
    "Il est recommandé d'utiliser au moins 12 chiffres pour créer un",
    "Saisissez un code personnel",
    "Confirmer le code personnel",
    "Continuer",
]
COORDONNEES = [
    "Informations personnelles",
    "Je saisis mon adresse email (champ obligatoire)",
    "Saisissez votre adresse email",
    "Je confirme mon adresse email",
    "J'autorise l'Assurance Maladie à m'envoyer par email des informations promotionnelles sur "
    "ses services :",
    "Je saisis mes coordonnées téléphoniques",
    "Saisissez votre n° de téléphone portable",
    "J'autorise l'Assurance Maladie à me communiquer des informations promotionnelles sur ses "
    "services",
    "Par Téléphone :",
    "Par SMS :",
    "Saisissez votre n° de téléphone fixe",
    "Retour",
    "Continuer",
]
CONFIRMATION = [
    "un lien permettant de finaliser la création de votre compte.",
    "Ne tardez pas : vous ne disposez que de 7 jours pour valider votre adresse email.",
    "Si vous n'avez pas reçu ce mail, attendez un peu et pensez à vérifier le dossier "
    "spam/courrier indésirable de votre boîte mail",
]
MAIL = [
    "l'Assurance Maladie",
    "MON COMPTE AMELI",
    "Cher(e) assuré(e),",
    "Vous avez déjà ouvert votre compte sur ameli.fr ou sur l'application ameli (disponible sur "
    "l'App Store et Google Play).",
    "pour profiter de tous les services de votre compte ameli",
    "Ne tardez pas : vous ne disposez que de 7 jours pour valider votre adresse email.",
    "Si vous n'êtes pas à l'origine de cette demande, veuillez en informer rapidement votre "
    "caisse et modifier votre code d'accès au compte ameli.",
    "Attention, ce message est généré par un automate.",
    'Ne pas utiliser la fonctionnalité "répondre à".',
    "Merci de votre confiance.",
    "Votre Caisse d'Assurance Maladie",
    "Besoin d'accéder à vos remboursements où que vous soyez ?",
    "Téléchargez gratuitement l'appli ameli depuis l'App Store ou Google Play",
]


def texte(page: str) -> str:
    """What a reader sees of an HTML page or a message, on one line of plain characters."""
    # A line break separates words; a tag inside a sentence (a link) must not add a space
    # before its full stop.
    coupe = re.sub(r"<br\s*/?>", " ", page)
    sans_balises = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", "", coupe, flags=re.DOTALL)
    lisible = html.unescape(sans_balises).replace("’", "'").replace("\u00a0", " ")
    return " ".join(lisible.split())


def _manquants(page: str, attendus: list[str]) -> list[str]:
    lu = texte(page)
    return [phrase for phrase in attendus if phrase not in lu]


def _page(client: FlaskClient, chemin: str) -> str:
    reponse = client.get(chemin)
    assert reponse.status_code == 200, f"{chemin} : {reponse.status_code}"
    return reponse.get_data(as_text=True)


@pytest.mark.parametrize(
    ("chemin", "attendus"), [("/", ACCUEIL), ("/compte", PORTAIL), ("/compte/creation", CREATION)]
)
def test_affiche_les_mots_du_tutoriel_sur_les_ecrans_publics(
    client: FlaskClient, chemin: str, attendus: list[str]
) -> None:
    """Screens 1, 3 and 4 carry the tutorial's texts."""
    assert _manquants(_page(client, chemin), attendus) == []


def test_affiche_les_mots_du_tutoriel_sur_l_ecran_d_identite(client: FlaskClient) -> None:
    """Screen 5 carries the tutorial's texts."""
    jusqu_a_identite(client, creer_personne(client))
    assert _manquants(_page(client, "/compte/identite"), IDENTITE) == []


@pytest.mark.parametrize(
    ("etape", "attendus"),
    [("conditions", CONDITIONS), ("code", CODE), ("coordonnees", COORDONNEES)],
)
def test_affiche_les_mots_du_tutoriel_sur_les_etapes_1_a_3(
    client: FlaskClient, etape: str, attendus: list[str]
) -> None:
    """Screens 6, 7 and 8 carry the tutorial's texts."""
    personne = creer_personne(client)
    reponse = client.post("/_test/parcours", json={"nir": personne["nir"], "etape": etape})
    assert reponse.status_code < 300, reponse.get_data(as_text=True)
    page = _page(client, f"/compte/{etape}")
    assert _manquants(page, attendus) == []
    if etape == "coordonnees":
        # The tutorial's screen 8: « Par Téléphone : Oui Non » under each number.
        assert texte(page).count("Par Téléphone :") == 2


def test_confirme_la_creation_et_envoie_le_mail_du_tutoriel(client: FlaskClient) -> None:
    """Screen 9 and the validation email, in its text and HTML forms, use the tutorial's words."""
    email = "libelles@exemple.fr"
    creer_compte(client, creer_personne(client), email)
    confirmation = _page(client, "/compte/confirmation")
    assert _manquants(confirmation, CONFIRMATION) == []
    assert f"envoyé à l'adresse {email}." in texte(confirmation)
    mails: list[dict[str, Any]] = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert len(mails) == 1
    assert _manquants(mails[0]["text"], MAIL) == []
    assert _manquants(mails[0]["html"], MAIL) == []


# The tutorial's email of step 9, block by block (the HTML form), and line by line (the text
# form, where the link has a line of its own after the sentence that leads to it).
MAIL_HTML = [
    "l'Assurance Maladie",
    "MON COMPTE AMELI",
    "Cher(e) assuré(e),",
    "Vous avez déjà ouvert votre compte sur ameli.fr ou sur l'application ameli (disponible sur "
    "l'App Store et Google Play).",
    "Vous devez encore valider votre adresse email pour profiter de tous les services de votre "
    "compte ameli.",
    "valider votre adresse email",
    "Ne tardez pas : vous ne disposez que de 7 jours pour valider votre adresse email.",
    "valider votre adresse email",
    "Si vous n'êtes pas à l'origine de cette demande, veuillez en informer rapidement votre "
    "caisse et modifier votre code d'accès au compte ameli.",
    "Attention, ce message est généré par un automate. Ne pas utiliser la fonctionnalité "
    '"répondre à".',
    "Merci de votre confiance.",
    "Votre Caisse d'Assurance Maladie",
    "Besoin d'accéder à vos remboursements où que vous soyez ? Téléchargez gratuitement "
    "l'appli ameli depuis l'App Store ou Google Play",
]


def _mail_texte(lien: str) -> list[str]:
    return [
        "l'Assurance Maladie",
        "MON COMPTE AMELI",
        "Cher(e) assuré(e),",
        "Vous avez déjà ouvert votre compte sur ameli.fr ou sur l'application ameli (disponible "
        "sur l'App Store et Google Play).",
        "Vous devez encore valider votre adresse email pour profiter de tous les services de "
        "votre compte ameli :",
        lien,
        "Ne tardez pas : vous ne disposez que de 7 jours pour valider votre adresse email.",
        "Si vous n'êtes pas à l'origine de cette demande, veuillez en informer rapidement votre "
        "caisse et modifier votre code d'accès au compte ameli.",
        "Attention, ce message est généré par un automate.",
        'Ne pas utiliser la fonctionnalité "répondre à".',
        "Merci de votre confiance.",
        "Votre Caisse d'Assurance Maladie",
        "Besoin d'accéder à vos remboursements où que vous soyez ?",
        "Téléchargez gratuitement l'appli ameli depuis l'App Store ou Google Play",
    ]


def test_ecrit_le_mail_de_validation_mot_pour_mot(client: FlaskClient) -> None:
    """Each paragraph of the email is the tutorial's, whole, in both forms of the message."""
    email = "mot-pour-mot@exemple.fr"
    creer_compte(client, creer_personne(client), email)
    mails: list[dict[str, Any]] = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert len(mails) == 1
    lien = next(str(lien) for lien in mails[0]["links"] if "validation" in str(lien))
    assert lire(mails[0]["html"]).blocs == MAIL_HTML
    lignes = [ligne.strip() for ligne in mails[0]["text"].splitlines() if ligne.strip()]
    assert lignes == _mail_texte(lien)
