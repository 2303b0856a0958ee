"""The journey the screenshots are taken along, with the fixed demo person.

The screens are driven through the page objects of `pages/`, as the browser tests do; the
demo person is made by the persona factory from a fixed seed and a fixed day, and stored through
the test-data API, so that every run shows the same name, numbers and caisse.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from playwright.sync_api import Page, expect

from fixtures.api import DonneesDeTest, ErreurApiTest
from fixtures.assures import Assure, fabriquer_assure, faker_fr
from pages.accueil import AccueilPage
from pages.creation import CreationPage
from pages.franceconnect import ChoixFournisseurPage
from pages.messagerie import MessageriePage
from pages.textes import CODE_PERSONNEL, FRANCECONNECT

if TYPE_CHECKING:
    from screenshots.atelier import Atelier

# The tutorial's own date (19/03/2021): the person's age and the mock's clock are taken then.
JOUR_DEMO = date(2021, 3, 19)
HORLOGE_DEMO = datetime(2021, 3, 19, 9, 0, tzinfo=UTC)
GRAINE_DEMO = 2021
CODE_PERSONNEL_DEMO = "739184265031"
# The mock FranceConnect logs the mock's persons in with their NIR and this test password.
FOURNISSEUR_FRANCECONNECT = FRANCECONNECT.impots_gouv
MOT_DE_PASSE_FRANCECONNECT = "123"


def personne_demo() -> Assure:
    """The demo person: always the same, run after run."""
    return fabriquer_assure(faker_fr(GRAINE_DEMO), aujourd_hui=JOUR_DEMO)


def email_demo(assure: Assure) -> str:
    """`prenom.nom@exemple.fr`, without accents."""
    texte = f"{assure.prenoms.split()[0]}.{assure.nom}".lower().replace(" ", "-")
    ascii_seul = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return f"{ascii_seul}@exemple.fr"


def nir_errone(nir: str) -> str:
    """The NIR with its last digit dropped: a typing mistake screen 4 refuses."""
    return nir[:-1]


class PersonneDejaPresente(RuntimeError):
    """The mock refused the demo person: it has it already (a mock that was used before)."""


def enregistrer_personne_demo(donnees: DonneesDeTest) -> Assure:
    """Store the demo person in the mock, with a hint when it is already there."""
    try:
        return donnees.enregistrer_assure(personne_demo())
    except ErreurApiTest as erreur:
        raise PersonneDejaPresente(
            "la personne de démonstration existe déjà dans ce mock : relancez-le, ou passez "
            "--reset pour le vider d'abord"
        ) from erreur


def parcourir(page: Page, atelier: Atelier) -> None:
    """Walk the tutorial from the home page to the email, a screenshot at each screen."""
    assure = enregistrer_personne_demo(DonneesDeTest(page.context.request))
    email = email_demo(assure)

    # Étape 1 : le code postal, la fenêtre de la caisse, et « Ce n'est pas ma caisse ».
    accueil = AccueilPage(page).ouvrir()
    accueil.verifier_titre()
    accueil.code_postal.fill(assure.code_postal)
    atelier.capturer("etape-1-code-postal", accueil.selectionner)
    dialogue = accueil.choisir_code_postal(assure.code_postal)
    expect(dialogue.dialogue).to_contain_text(assure.caisse)
    atelier.capturer("etape-1-dialogue-caisse", dialogue.confirmer_bouton)
    dialogue.pas_ma_caisse()
    expect(dialogue.dialogue).to_be_hidden()
    expect(accueil.code_postal).to_have_value("")
    atelier.capturer("etape-1-pas-ma-caisse", accueil.code_postal)
    accueil.choisir_code_postal(assure.code_postal).confirmer()
    expect(accueil.caisse_choisie).to_contain_text(assure.caisse)

    # Étape 2 : « Compte AMELI » dans le cadre rose, décrit au survol.
    accueil.survoler_compte_ameli()
    atelier.capturer("etape-2-compte-ameli", accueil.compte_ameli)

    # Étape 3 : l'espace assuré, dans un nouvel onglet.
    portail = accueil.ouvrir_compte_ameli()
    portail.verifier_titre()
    atelier.capturer("etape-3-je-cree-mon-compte", portail.je_cree_mon_compte)

    # Étape 4 : FranceConnect, le formulaire rempli, puis une erreur de saisie corrigée.
    creation = portail.commencer_creation()
    creation.verifier_titre()
    atelier.capturer("etape-4-franceconnect", creation.franceconnect_bouton)
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)
    atelier.capturer("etape-4-formulaire", creation.continuer_bouton)
    creation.renseigner(
        assure.nom, nir_errone(assure.nir), assure.date_naissance_fr, assure.code_postal
    )
    creation.continuer()
    expect(creation.nir).to_have_attribute("aria-invalid", "true")
    atelier.capturer("etape-4-erreur-saisie", creation.nir)
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)

    # Étape 5 : confirmer son identité.
    identite = creation.continuer()
    identite.verifier_titre()
    identite.renseigner(assure.sept_derniers_iban, assure.onze_derniers_vitale)
    atelier.capturer("etape-5-identite", identite.valider_bouton)

    # Étape 6 : accepter les conditions d'utilisation.
    conditions = identite.valider()
    conditions.verifier_titre()
    conditions.accepter()
    atelier.capturer("etape-6-conditions", conditions.oui)

    # Étape 7 : le code personnel.
    code = conditions.continuer()
    code.verifier_titre()
    expect(code.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    code.choisir_code(CODE_PERSONNEL_DEMO)
    expect(code.force).to_have_text(CODE_PERSONNEL.force_fort)
    atelier.capturer("etape-7-code-personnel", code.continuer_bouton)

    # Étape 8 : l'adresse email.
    coordonnees = code.continuer()
    coordonnees.verifier_titre()
    coordonnees.saisir_email(email)
    atelier.capturer("etape-8-informations-personnelles", coordonnees.continuer_bouton)

    # Étape 9 : la confirmation, puis l'email tel que la messagerie l'affiche.
    confirmation = coordonnees.continuer()
    confirmation.verifier_titre()
    expect(confirmation.message).to_contain_text(email)
    atelier.capturer("etape-9-confirmation", confirmation.message)
    (mail,) = DonneesDeTest(page.context.request).mails(email)
    boite = MessageriePage(confirmation.page).ouvrir_boite(email)
    boite.ouvrir_message(str(mail["subject"]))
    atelier.capturer("etape-9-email", boite.lien_validation.first)

    # Étape 4, par FranceConnect : choix du compte, connexion, données transmises. Parcourue en
    # dernier, pour que le formulaire pris plus haut ne porte pas le message d'un retour.
    creation = CreationPage(boite.page).ouvrir()
    creation.s_identifier_avec_franceconnect()
    choix = ChoixFournisseurPage(creation.page)
    atelier.capturer("etape-4-franceconnect-choix", choix.fournisseur(FOURNISSEUR_FRANCECONNECT))
    connexion = choix.choisir(FOURNISSEUR_FRANCECONNECT)
    connexion.identifiant.fill(assure.nir)
    connexion.mot_de_passe.fill(MOT_DE_PASSE_FRANCECONNECT)
    atelier.capturer("etape-4-franceconnect-connexion", connexion.se_connecter_bouton)
    consentement = connexion.se_connecter(assure.nir, MOT_DE_PASSE_FRANCECONNECT)
    expect(consentement.donnees).to_contain_text(assure.nom)
    atelier.capturer("etape-4-franceconnect-consentement", consentement.continuer_bouton)
