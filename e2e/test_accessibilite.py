"""Accessibility: every screen and every error state scanned with axe-core.

A serious or critical violation fails the test with the list of broken rules and elements;
moderate and minor ones are attached to the Allure report, where each test also shows the
count of broken rules by impact as a parameter. States after screen 4 are reached through the
test-data API (`placer_parcours`), not by clicking through: what is under test is the screen,
not the way there (the keyboard journey in `test_clavier.py` covers the way).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import allure
import pytest
from faker import Faker
from playwright.sync_api import Page, expect

from e2e.saisies import autres_chiffres
from e2e.tutoriel import EPIC, ETAPES
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure, fabriquer_assure
from pages.accessibilite import analyser_accessibilite, par_impact, rapport
from pages.accueil import AccueilPage
from pages.code_personnel import CodePersonnelPage
from pages.conditions import ConditionsPage
from pages.confirmation import ConfirmationPage, ValidationPage
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.franceconnect import ChoixFournisseurPage, ExplicationFranceConnectPage
from pages.identite import IdentitePage
from pages.messagerie import MessageriePage
from pages.portail import PortailPage
from pages.textes import (
    CODE_PERSONNEL,
    CODE_PROVISOIRE,
    CONDITIONS,
    CONFIRMATION,
    CREATION,
    FRANCECONNECT,
    IDENTITE,
    MESSAGERIE,
    PAGE_INTROUVABLE,
    PORTAIL,
    VALIDATION,
)

pytestmark = pytest.mark.ecran


@dataclass(frozen=True)
class Scene:
    """What a screen's set-up may use: the page, the test-data API, a person, an address."""

    page: Page
    donnees: DonneesDeTest
    assure: Assure
    email: str
    faker: Faker


# Screens 1 to 3 --------------------------------------------------------------------------------


def _accueil(s: Scene) -> Page:
    accueil = AccueilPage(s.page).ouvrir()
    expect(accueil.cadre_rose).to_be_visible()
    return s.page


def _accueil_dialogue(s: Scene) -> Page:
    dialogue = AccueilPage(s.page).ouvrir().choisir_code_postal(s.assure.code_postal)
    expect(dialogue.confirmer_bouton).to_be_focused()
    return s.page


def _accueil_erreur(s: Scene) -> Page:
    accueil = AccueilPage(s.page).ouvrir()
    accueil.choisir_code_postal("7500")
    expect(accueil.code_postal).to_have_attribute("aria-invalid", "true")
    return s.page


def _accueil_caisse_choisie(s: Scene) -> Page:
    accueil = AccueilPage(s.page).ouvrir()
    accueil.choisir_code_postal(s.assure.code_postal).confirmer()
    expect(accueil.caisse_choisie).to_contain_text(s.assure.caisse)
    return s.page


def _accueil_infobulle(s: Scene) -> Page:
    accueil = AccueilPage(s.page).ouvrir()
    accueil.compte_ameli.focus()
    expect(accueil.infobulle_compte_ameli).to_be_visible()
    return s.page


def _portail(s: Scene) -> Page:
    expect(PortailPage(s.page).ouvrir().je_cree_mon_compte).to_be_visible()
    return s.page


def _portail_champs_vides(s: Scene) -> Page:
    portail = PortailPage(s.page).ouvrir()
    portail.se_connecter_bouton.click()
    expect(portail.nir).to_have_attribute("aria-invalid", "true")
    return s.page


def _portail_refus(s: Scene) -> Page:
    portail = PortailPage(s.page).ouvrir()
    portail.se_connecter(s.assure.nir, "905318274663")
    expect(portail.resume_erreurs).to_contain_text(PORTAIL.connexion_refusee)
    return s.page


# Screen 4 -----------------------------------------------------------------------------------


def _creation(s: Scene) -> Page:
    expect(CreationPage(s.page).ouvrir().continuer_bouton).to_be_visible()
    return s.page


def _creation_champs_vides(s: Scene) -> Page:
    creation = CreationPage(s.page).ouvrir()
    creation.continuer()
    expect(creation.nom).to_have_attribute("aria-invalid", "true")
    return s.page


def _creation_formats(s: Scene) -> Page:
    creation = CreationPage(s.page).ouvrir()
    creation.renseigner(s.assure.nom, "3850575123", "31/02/1985", "7500")
    creation.continuer()
    expect(creation.date_naissance).to_have_attribute("aria-invalid", "true")
    return s.page


def _creation_identite_inconnue(s: Scene) -> Page:
    creation = CreationPage(s.page).ouvrir()
    creation.renseigner(
        s.assure.nom + "X", s.assure.nir, s.assure.date_naissance_fr, s.assure.code_postal
    )
    creation.continuer()
    expect(creation.resume_erreurs).to_contain_text(CREATION.identite_inconnue)
    return s.page


def _creation_compte_existant(s: Scene) -> Page:
    _compte_cree(s)
    creation = CreationPage(s.page).ouvrir()
    creation.renseigner(
        s.assure.nom, s.assure.nir, s.assure.date_naissance_fr, s.assure.code_postal
    )
    creation.continuer()
    expect(creation.lien_connexion).to_be_visible()
    return s.page


def _ineligible(s: Scene) -> Page:
    autre = s.donnees.enregistrer_assure(fabriquer_assure(s.faker, regime="MGEN"))
    creation = CreationPage(s.page).ouvrir()
    creation.renseigner(autre.nom, autre.nir, autre.date_naissance_fr, autre.code_postal)
    creation.continuer()
    expect(creation.titre).to_have_text(CREATION.titre_non_eligible)
    return s.page


def _franceconnect_explication(s: Scene) -> Page:
    explication = ExplicationFranceConnectPage(s.page).ouvrir()
    expect(explication.retour_lien).to_be_visible()
    return s.page


def _franceconnect_choix(s: Scene) -> Page:
    CreationPage(s.page).ouvrir().s_identifier_avec_franceconnect()
    expect(ChoixFournisseurPage(s.page).fournisseur(FRANCECONNECT.impots_gouv)).to_be_visible()
    return s.page


def _franceconnect_connexion(s: Scene) -> Page:
    CreationPage(s.page).ouvrir().s_identifier_avec_franceconnect()
    connexion = ChoixFournisseurPage(s.page).choisir(FRANCECONNECT.impots_gouv)
    expect(connexion.se_connecter_bouton).to_be_visible()
    return s.page


def _franceconnect_consentement(s: Scene) -> Page:
    CreationPage(s.page).ouvrir().s_identifier_avec_franceconnect()
    consentement = (
        ChoixFournisseurPage(s.page)
        .choisir(FRANCECONNECT.impots_gouv)
        .se_connecter(s.assure.nir, FRANCECONNECT.mot_de_passe_test)
    )
    expect(consentement.continuer_bouton).to_be_visible()
    return s.page


def _franceconnect_annule(s: Scene) -> Page:
    CreationPage(s.page).ouvrir().s_identifier_avec_franceconnect()
    creation = ChoixFournisseurPage(s.page).annuler()
    expect(creation.resume_erreurs).to_contain_text(CREATION.franceconnect_annule)
    return s.page


# Screen 5 -----------------------------------------------------------------------------------


def _identite(s: Scene) -> IdentitePage:
    s.donnees.placer_parcours(s.assure.nir, "identite")
    identite = IdentitePage(s.page).ouvrir()
    expect(identite.valider_bouton).to_be_visible()
    return identite


def _identite_ecran(s: Scene) -> Page:
    return _identite(s).page


def _identite_champs_vides(s: Scene) -> Page:
    identite = _identite(s)
    identite.valider()
    expect(identite.iban).to_have_attribute("aria-invalid", "true")
    return s.page


def _identite_mauvais_chiffres(s: Scene) -> Page:
    identite = _identite(s)
    identite.renseigner(
        autres_chiffres(s.assure.sept_derniers_iban), autres_chiffres(s.assure.onze_derniers_vitale)
    )
    identite.valider()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.deux_essais)
    return s.page


def _identite_aides(s: Scene) -> Page:
    identite = _identite(s)
    identite.afficher_aide_iban()
    identite.aide_vitale.click()
    expect(identite.aide_vitale).to_have_attribute("aria-expanded", "true")
    expect(identite.aide_iban).to_have_attribute("aria-expanded", "true")
    return s.page


def _identite_bloquee(s: Scene) -> Page:
    identite = _identite(s)
    for _ in range(3):
        identite.renseigner(
            autres_chiffres(s.assure.sept_derniers_iban),
            autres_chiffres(s.assure.onze_derniers_vitale),
        )
        identite.valider()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.bloquee)
    return s.page


def _code_provisoire(s: Scene) -> Page:
    code_provisoire = _identite(s).demander_code_provisoire()
    expect(code_provisoire.recevoir).to_be_visible()
    return s.page


def _code_provisoire_envoye(s: Scene) -> Page:
    code_provisoire = _identite(s).demander_code_provisoire()
    code_provisoire.recevoir_par_courrier()
    expect(code_provisoire.confirmation).to_contain_text(CODE_PROVISOIRE.par_courrier)
    return s.page


# Screens 6 to 8 -----------------------------------------------------------------------------


def _conditions(s: Scene) -> ConditionsPage:
    s.donnees.placer_parcours(s.assure.nir, "conditions")
    conditions = ConditionsPage(s.page).ouvrir()
    expect(conditions.oui).to_be_visible()
    return conditions


def _conditions_ecran(s: Scene) -> Page:
    return _conditions(s).page


def _conditions_sans_choix(s: Scene) -> Page:
    conditions = _conditions(s)
    conditions.continuer()
    expect(conditions.resume_erreurs).to_contain_text(CONDITIONS.debut_choix_manquant)
    return s.page


def _refus(s: Scene) -> Page:
    conditions = _conditions(s)
    conditions.refuser()
    conditions.continuer()
    expect(conditions.titre).to_have_text(CONDITIONS.titre_refus)
    return s.page


def _conditions_detaillees(s: Scene) -> Page:
    conditions = _conditions(s)
    with s.page.context.expect_page() as onglet:
        conditions.conditions_detaillees.click()
    detail = onglet.value
    expect(detail.get_by_role("heading", level=1)).to_have_text(
        CONDITIONS.titre_conditions_detaillees
    )
    return detail


def _code(s: Scene) -> CodePersonnelPage:
    s.donnees.placer_parcours(s.assure.nir, "code")
    code = CodePersonnelPage(s.page).ouvrir()
    expect(code.code).to_be_visible()
    return code


def _code_ecran(s: Scene) -> Page:
    code = _code(s)
    code.code.fill("73918426")
    expect(code.force).to_have_text(CODE_PERSONNEL.force_acceptable)
    return s.page


def _code_erreurs(s: Scene) -> Page:
    code = _code(s)
    code.choisir_code("1234", "12a4")
    code.continuer()
    expect(code.code).to_have_attribute("aria-invalid", "true")
    return s.page


def _coordonnees(s: Scene) -> CoordonneesPage:
    s.donnees.placer_parcours(s.assure.nir, "coordonnees")
    coordonnees = CoordonneesPage(s.page).ouvrir()
    expect(coordonnees.email).to_be_visible()
    return coordonnees


def _coordonnees_ecran(s: Scene) -> Page:
    return _coordonnees(s).page


def _coordonnees_erreurs(s: Scene) -> Page:
    coordonnees = _coordonnees(s)
    coordonnees.saisir_email("prenom.nom@exemple", "autre@exemple.fr")
    coordonnees.saisir_telephones("0812", "06 12 34 56 78")
    coordonnees.continuer()
    expect(coordonnees.portable).to_have_attribute("aria-invalid", "true")
    return s.page


# Screen 9, mailbox, space -----------------------------------------------------------------


@dataclass(frozen=True)
class CompteCree:
    """What screen 9 leaves: the validation link and the personal code chosen."""

    lien: str
    code_personnel: str


def _compte_cree(s: Scene) -> CompteCree:
    """Screen 8 passed for the scene's person: the account waits for its validation."""
    code = str(s.donnees.placer_parcours(s.assure.nir, "coordonnees")["code_personnel"])
    coordonnees = CoordonneesPage(s.page).ouvrir()
    coordonnees.saisir_email(s.email)
    expect(coordonnees.continuer().message).to_contain_text(s.email)
    liens = [lien for lien in s.donnees.mails(s.email)[-1]["links"] if "validation" in lien]
    return CompteCree(str(liens[0]), code)


def _confirmation(s: Scene) -> Page:
    _compte_cree(s)
    expect(ConfirmationPage(s.page).titre).to_have_text(CONFIRMATION.titre)
    return s.page


def _validation_active(s: Scene) -> Page:
    validation = ValidationPage(s.page).ouvrir_lien(_compte_cree(s).lien)
    expect(validation.titre).to_have_text(VALIDATION.titre)
    return s.page


def _validation_deja_utilisee(s: Scene) -> Page:
    lien = _compte_cree(s).lien
    validation = ValidationPage(s.page).ouvrir_lien(lien).ouvrir_lien(lien)
    expect(validation.titre).to_have_text(VALIDATION.titre_deja_utilise)
    return s.page


def _validation_expiree(s: Scene) -> Page:
    lien = _compte_cree(s).lien
    s.donnees.avancer_horloge(8)
    validation = ValidationPage(s.page).ouvrir_lien(lien)
    expect(validation.titre).to_have_text(VALIDATION.titre_expire)
    return s.page


def _validation_renvoyee(s: Scene) -> Page:
    lien = _compte_cree(s).lien
    s.donnees.avancer_horloge(8)
    validation = ValidationPage(s.page).ouvrir_lien(lien)
    validation.demander_nouveau_lien()
    expect(validation.titre).to_have_text(VALIDATION.titre_nouveau_lien)
    return s.page


def _validation_inconnue(s: Scene) -> Page:
    s.page.goto("/compte/validation/lien-inconnu")
    expect(ValidationPage(s.page).titre).to_have_text(VALIDATION.titre_inconnu)
    return s.page


def _messagerie_boite(s: Scene) -> Page:
    _compte_cree(s)
    boite = MessageriePage(s.page).ouvrir_boite(s.email)
    expect(s.page.get_by_role("link", name=MESSAGERIE.sujet_validation)).to_be_visible()
    return boite.page


def _messagerie_vide(s: Scene) -> Page:
    MessageriePage(s.page).ouvrir_boite(s.email)
    expect(s.page.get_by_role("status")).to_contain_text(MESSAGERIE.boite_vide)
    return s.page


def _messagerie_message(s: Scene) -> Page:
    _compte_cree(s)
    boite = MessageriePage(s.page).ouvrir_boite(s.email)
    boite.ouvrir_message(MESSAGERIE.sujet_validation)
    expect(boite.lien_validation.first).to_be_visible()
    return s.page


def _espace(s: Scene) -> Page:
    compte = _compte_cree(s)
    ValidationPage(s.page).ouvrir_lien(compte.lien)
    espace = PortailPage(s.page).ouvrir().se_connecter(s.assure.nir, compte.code_personnel)
    expect(espace.se_deconnecter).to_be_visible()
    return s.page


def _page_introuvable(s: Scene) -> Page:
    s.page.goto("/cette-page-n-existe-pas")
    expect(s.page.get_by_role("heading", level=1)).to_have_text(PAGE_INTROUVABLE.titre)
    return s.page


@dataclass(frozen=True)
class EcranAnalyse:
    """A screen or state to scan: its tutorial step and how to reach it."""

    nom: str
    etape: int
    preparer: Callable[[Scene], Page]


ECRANS = (
    EcranAnalyse("accueil", 1, _accueil),
    EcranAnalyse("accueil-dialogue-caisse", 1, _accueil_dialogue),
    EcranAnalyse("accueil-erreur-code-postal", 1, _accueil_erreur),
    EcranAnalyse("accueil-caisse-choisie", 1, _accueil_caisse_choisie),
    EcranAnalyse("accueil-infobulle-compte-ameli", 2, _accueil_infobulle),
    EcranAnalyse("portail", 3, _portail),
    EcranAnalyse("portail-champs-vides", 3, _portail_champs_vides),
    EcranAnalyse("portail-connexion-refusee", 3, _portail_refus),
    EcranAnalyse("creation", 4, _creation),
    EcranAnalyse("creation-champs-vides", 4, _creation_champs_vides),
    EcranAnalyse("creation-formats-invalides", 4, _creation_formats),
    EcranAnalyse("creation-identite-inconnue", 4, _creation_identite_inconnue),
    EcranAnalyse("creation-compte-existant", 4, _creation_compte_existant),
    EcranAnalyse("regime-non-eligible", 4, _ineligible),
    EcranAnalyse("franceconnect-explication", 4, _franceconnect_explication),
    EcranAnalyse("franceconnect-choix-du-compte", 4, _franceconnect_choix),
    EcranAnalyse("franceconnect-connexion-fournisseur", 4, _franceconnect_connexion),
    EcranAnalyse("franceconnect-consentement", 4, _franceconnect_consentement),
    EcranAnalyse("franceconnect-annule", 4, _franceconnect_annule),
    EcranAnalyse("identite", 5, _identite_ecran),
    EcranAnalyse("identite-champs-vides", 5, _identite_champs_vides),
    EcranAnalyse("identite-mauvais-chiffres", 5, _identite_mauvais_chiffres),
    EcranAnalyse("identite-aides-depliees", 5, _identite_aides),
    EcranAnalyse("identite-bloquee", 5, _identite_bloquee),
    EcranAnalyse("code-provisoire", 5, _code_provisoire),
    EcranAnalyse("code-provisoire-envoye", 5, _code_provisoire_envoye),
    EcranAnalyse("conditions", 6, _conditions_ecran),
    EcranAnalyse("conditions-sans-choix", 6, _conditions_sans_choix),
    EcranAnalyse("conditions-refusees", 6, _refus),
    EcranAnalyse("conditions-detaillees", 6, _conditions_detaillees),
    EcranAnalyse("code-personnel", 7, _code_ecran),
    EcranAnalyse("code-personnel-erreurs", 7, _code_erreurs),
    EcranAnalyse("coordonnees", 8, _coordonnees_ecran),
    EcranAnalyse("coordonnees-erreurs", 8, _coordonnees_erreurs),
    EcranAnalyse("confirmation", 9, _confirmation),
    EcranAnalyse("validation-active", 9, _validation_active),
    EcranAnalyse("validation-deja-utilisee", 9, _validation_deja_utilisee),
    EcranAnalyse("validation-expiree", 9, _validation_expiree),
    EcranAnalyse("validation-nouveau-lien", 9, _validation_renvoyee),
    EcranAnalyse("validation-lien-inconnu", 9, _validation_inconnue),
    EcranAnalyse("messagerie-vide", 9, _messagerie_vide),
    EcranAnalyse("messagerie-boite", 9, _messagerie_boite),
    EcranAnalyse("messagerie-message", 9, _messagerie_message),
    EcranAnalyse("espace-connecte", 9, _espace),
    EcranAnalyse("page-introuvable-404", 1, _page_introuvable),
)


PAR_NOM = {ecran.nom: ecran for ecran in ECRANS}


@pytest.mark.parametrize("nom", PAR_NOM)
def test_l_ecran_n_a_aucune_violation_grave(
    page: Page,
    donnees: DonneesDeTest,
    assure: Assure,
    email: str,
    faker: Faker,
    nom: str,
) -> None:
    """Given a screen in a state, axe-core finds no serious or critical violation."""
    ecran = PAR_NOM[nom]
    allure.dynamic.epic(EPIC)
    allure.dynamic.feature(ETAPES[ecran.etape])
    allure.dynamic.story("Accessibilité (axe-core)")
    allure.dynamic.title(f"Aucune violation grave d'accessibilité : {nom}")

    analysee = ecran.preparer(Scene(page, donnees, assure, email, faker))
    violations = analyser_accessibilite(analysee)

    allure.dynamic.parameter("violations axe-core par impact", json.dumps(par_impact(violations)))
    bloquantes = [violation for violation in violations if violation.bloquante]
    assert not bloquantes, f"{nom} ({analysee.url}) : {rapport(bloquantes)}"


@allure.epic(EPIC)
@allure.story("Accessibilité (axe-core)")
@allure.title("L'analyse axe-core repère des violations connues (elle analyse vraiment)")
def test_l_analyse_repere_des_violations_connues(page: Page) -> None:
    """A page built to break three rules: the scan reports them as blocking, readably."""
    page.set_content(
        '<html><body><img src="x.png"><button></button><input type="text"></body></html>'
    )
    violations = analyser_accessibilite(page)
    regles = {violation.regle for violation in violations if violation.bloquante}
    assert {"image-alt", "button-name", "label", "html-has-lang"} <= regles, rapport(violations)
    assert "image-alt" in rapport(violations)
