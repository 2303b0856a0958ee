"""Each screen shows the tutorial's own words: its headings, labels, sentences and the email.

The expected texts are the tutorial's (`seed/tutoriel-creer-compte-ameli.txt`, Solidarité
Numérique), written once in `libelles.py`, screen by screen; a sentence whose last word or
punctuation the page adapts (a link in the middle, « ! » turned into « . ») is cut before it.
The page is read as text: tags dropped, entities decoded, typographic apostrophes and spaces
made plain.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import lire
from mock_site.tests.libelles import (
    ACCUEIL,
    CODE_PERSONNEL,
    COMMUN,
    CONDITIONS,
    CONFIRMATION,
    COORDONNEES,
    CREATION,
    ETAPES,
    IDENTITE,
    MESSAGERIE,
    PORTAIL,
)
from mock_site.tests.parcours import creer_compte, creer_personne, jusqu_a_identite

# The tutorial's texts, screen by screen, as libelles.py writes them.
TUTORIEL_ACCUEIL = [ACCUEIL.code_postal, ACCUEIL.selectionner, ACCUEIL.compte_ameli]
TUTORIEL_PORTAIL = [PORTAIL.je_cree_mon_compte]
TUTORIEL_CREATION = [
    CREATION.titre,
    CREATION.introduction,
    CREATION.champ_obligatoire,
    CREATION.nom_de_famille,
    CREATION.nir,
    CREATION.date_naissance,
    CREATION.code_postal,
    CREATION.retour,
    CREATION.continuer,
    CREATION.via_franceconnect,
    CREATION.bouton_franceconnect,
    CREATION.aide_franceconnect,
]
TUTORIEL_IDENTITE = [
    IDENTITE.titre,
    IDENTITE.iban,
    IDENTITE.vitale,
    IDENTITE.sans_numero_de_serie,
    CREATION.champ_obligatoire,
    IDENTITE.retour,
    IDENTITE.valider,
]
TUTORIEL_CONDITIONS = [
    CONDITIONS.titre,
    *ETAPES.etapes,
    CONDITIONS.acces,
    CONDITIONS.releves,
    CONDITIONS.email_obligatoire,
    CONDITIONS.plus_d_informations,
    CONDITIONS.oui,
    CONDITIONS.non,
    CONDITIONS.annuler,
    CONDITIONS.continuer,
    # The screenshot's header and footer links.
    *COMMUN.entete_et_pied,
]
TUTORIEL_CODE = [
    CODE_PERSONNEL.regle,
    CODE_PERSONNEL.conseil,
    CODE_PERSONNEL.code,
    CODE_PERSONNEL.confirmation,
    CODE_PERSONNEL.continuer,
]
TUTORIEL_COORDONNEES = [
    COORDONNEES.titre,
    COORDONNEES.rubrique_email,
    COORDONNEES.email,
    COORDONNEES.email_confirmation,
    COORDONNEES.consentement_email,
    COORDONNEES.rubrique_telephones,
    COORDONNEES.portable,
    COORDONNEES.autorisation_telephone,
    COORDONNEES.par_telephone,
    COORDONNEES.par_sms,
    COORDONNEES.fixe,
    COORDONNEES.retour,
    COORDONNEES.continuer,
]
TUTORIEL_CONFIRMATION = [CONFIRMATION.lien_envoye, CONFIRMATION.sept_jours, CONFIRMATION.spam]


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
    ("chemin", "attendus"),
    [
        ("/", TUTORIEL_ACCUEIL),
        ("/compte", TUTORIEL_PORTAIL),
        ("/compte/creation", TUTORIEL_CREATION),
    ],
)
def test_affiche_les_mots_du_tutoriel_sur_les_ecrans_publics(
    client: FlaskClient, chemin: str, attendus: list[str]
) -> None:
    """Screens 1, 3 and 4 carry the tutorial's texts."""
    assert _manquants(_page(client, chemin), attendus) == []


def test_affiche_les_mots_du_tutoriel_sur_l_ecran_d_identite(client: FlaskClient) -> None:
    """Screen 5 carries the tutorial's texts."""
    jusqu_a_identite(client, creer_personne(client))
    assert _manquants(_page(client, "/compte/identite"), TUTORIEL_IDENTITE) == []


@pytest.mark.parametrize(
    ("etape", "attendus"),
    [
        ("conditions", TUTORIEL_CONDITIONS),
        ("code", TUTORIEL_CODE),
        ("coordonnees", TUTORIEL_COORDONNEES),
    ],
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
        assert texte(page).count(COORDONNEES.par_telephone) == 2


def test_confirme_la_creation_et_envoie_le_mail_du_tutoriel(client: FlaskClient) -> None:
    """Screen 9 and the validation email, in its text and HTML forms, use the tutorial's words."""
    email = "libelles@exemple.fr"
    creer_compte(client, creer_personne(client), email)
    confirmation = _page(client, "/compte/confirmation")
    assert _manquants(confirmation, TUTORIEL_CONFIRMATION) == []
    assert CONFIRMATION.adresse_pour(email) in texte(confirmation)
    mails: list[dict[str, Any]] = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert len(mails) == 1
    assert _manquants(mails[0]["text"], list(MESSAGERIE.phrases())) == []
    assert _manquants(mails[0]["html"], list(MESSAGERIE.phrases())) == []


def test_ecrit_le_mail_de_validation_mot_pour_mot(client: FlaskClient) -> None:
    """Each paragraph of the email is the tutorial's, whole, in both forms of the message."""
    email = "mot-pour-mot@exemple.fr"
    creer_compte(client, creer_personne(client), email)
    mails: list[dict[str, Any]] = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert len(mails) == 1
    lien = next(str(lien) for lien in mails[0]["links"] if "validation" in str(lien))
    assert lire(mails[0]["html"]).blocs == list(MESSAGERIE.email_html())
    lignes = [ligne.strip() for ligne in mails[0]["text"].splitlines() if ligne.strip()]
    assert lignes == list(MESSAGERIE.email_texte_pour(lien))
