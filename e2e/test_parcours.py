"""The tutorial's whole journey, clicked through from the home page to the activated account."""

from __future__ import annotations

import re

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.tutoriel import EPIC, PARCOURS
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.accueil import AccueilPage
from pages.messagerie import MessageriePage
from pages.portail import PortailPage
from pages.textes import (
    CODE_PERSONNEL,
    CONDITIONS,
    COORDONNEES,
    CREATION,
    ESPACE,
    IDENTITE,
    MESSAGERIE,
    PORTAIL,
    VALIDATION,
)

CODE_CHOISI = "4071932658"  # 10 digits: accepted, not among the weak codes

pytestmark = pytest.mark.parcours


@allure.epic(EPIC)
@allure.feature(PARCOURS)
@allure.story("Création du compte de bout en bout")
@allure.severity(allure.severity_level.BLOCKER)
@allure.title("Un assuré crée son compte ameli en 9 étapes et se connecte")
def test_un_assure_cree_son_compte_et_se_connecte(
    page: Page, assure: Assure, donnees: DonneesDeTest
) -> None:
    """Given an insured person, when they follow the tutorial, then they end logged in."""
    email = f"{assure.nir}@exemple.fr"

    # Étape 1 : le site ameli.fr de son département
    accueil = AccueilPage(page).ouvrir()
    dialogue = accueil.choisir_code_postal(assure.code_postal)
    expect(dialogue.dialogue).to_contain_text(f"{assure.caisse} ({assure.departement})")
    dialogue.confirmer()
    expect(accueil.caisse_choisie).to_contain_text(assure.caisse)

    # Étapes 2 et 3 : « Compte AMELI » ouvre l'espace assuré dans un nouvel onglet
    portail = accueil.ouvrir_compte_ameli()
    expect(portail.titre).to_have_text(PORTAIL.titre)
    creation = portail.commencer_creation()

    # Étape 4 : le formulaire de création
    expect(creation.titre).to_have_text(CREATION.titre)
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)
    identite = creation.continuer()

    # Étape 5 : confirmer son identité
    expect(identite.titre).to_have_text(IDENTITE.titre)
    expect(identite.page.get_by_text(assure.prefixe_iban)).to_be_visible()
    identite.renseigner(assure.sept_derniers_iban, assure.onze_derniers_vitale)
    conditions = identite.valider()

    # Étape 6 : accepter les conditions d'utilisation
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    conditions.accepter()
    code = conditions.continuer()

    # Étape 7 : créer le code personnel
    expect(code.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    code.choisir_code(CODE_CHOISI)
    coordonnees = code.continuer()

    # Étape 8 : les données personnelles
    expect(coordonnees.titre).to_have_text(COORDONNEES.titre)
    coordonnees.saisir_email(email)
    confirmation = coordonnees.continuer()

    # Étape 9 : l'email de validation, puis la connexion
    expect(confirmation.message).to_contain_text(email)
    boite = MessageriePage(portail.page).ouvrir_boite(email)
    boite.ouvrir_message(MESSAGERIE.sujet_validation)
    expect(boite.page.get_by_text(MESSAGERIE.sept_jours)).to_be_visible()
    validation = boite.valider_adresse()
    expect(validation.titre).to_have_text(VALIDATION.titre)

    espace = PortailPage(validation.page).ouvrir().se_connecter(assure.nir, CODE_CHOISI)
    expect(espace.titre).to_have_text(
        re.compile(rf"{re.escape(ESPACE.titre)} .*{re.escape(assure.nom)}")
    )
    assert len(donnees.mails(email)) == 1
