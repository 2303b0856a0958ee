"""Keyboard use: the whole journey without a mouse, a visible focus, and screen 1's dialog.

The journey is walked with Tab, Enter and Space only (`page.keyboard`), typing into fields as
a person would; at every stop the focused element must show its outline. Only the mailbox is
opened by its address, since it stands for the person's own email client.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import allure
import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.tutoriel import EPIC, ETAPES, etape, parcours
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.accueil import AccueilPage
from pages.code_personnel import CodePersonnelPage
from pages.conditions import ConditionsPage
from pages.confirmation import ConfirmationPage, ValidationPage
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.identite import IdentitePage
from pages.messagerie import MessageriePage
from pages.portail import EspacePage, PortailPage
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

CODE_CHOISI = "905318274663"
# More Tab presses than any screen has focusable elements: reaching this means a trap.
TABULATIONS_MAX = 60


def expect_focus_visible(cible: Locator) -> None:
    """The element has the focus and shows it with a solid outline."""
    expect(cible).to_be_focused()
    expect(cible).to_have_css("outline-style", "solid")


def tabuler_jusqu_a(page: Page, cible: Locator) -> None:
    """Press Tab until `cible` has the focus, as a keyboard user moves through the page."""
    with allure.step(f"Tabuler jusqu'à {cible}"):
        for _ in range(TABULATIONS_MAX):
            page.keyboard.press("Tab")
            if cible.evaluate("element => element === document.activeElement"):
                break
        expect_focus_visible(cible)


def saisir(page: Page, champ: Locator, texte: str) -> None:
    """Tab to a field and type into it."""
    tabuler_jusqu_a(page, champ)
    page.keyboard.type(texte)


def activer(page: Page, cible: Locator, touche: str = "Enter") -> None:
    """Tab to a link or button and press Enter (or Space)."""
    tabuler_jusqu_a(page, cible)
    page.keyboard.press(touche)


@pytest.mark.parcours
@parcours("Au clavier seulement")
@allure.title("Un assuré crée son compte et se connecte sans souris (Tab, Entrée, Espace)")
def test_le_parcours_complet_se_fait_au_clavier(
    page: Page, assure: Assure, email: str, donnees: DonneesDeTest
) -> None:
    """Given a person and a keyboard, when they follow the tutorial, then they end logged in."""
    # Étape 1 : le code postal, puis « Confirmer » dans la fenêtre
    accueil = AccueilPage(page).ouvrir()
    saisir(page, accueil.code_postal, assure.code_postal)
    page.keyboard.press("Enter")
    expect_focus_visible(accueil.dialogue_caisse.confirmer_bouton)
    page.keyboard.press("Enter")
    expect(accueil.caisse_choisie).to_contain_text(assure.caisse)

    # Étapes 2 et 3 : « Compte AMELI », sa description au focus, l'onglet du portail
    tabuler_jusqu_a(page, accueil.compte_ameli)
    expect(accueil.infobulle_compte_ameli).to_be_visible()
    with page.context.expect_page() as nouvel_onglet:
        page.keyboard.press("Enter")
    onglet = nouvel_onglet.value
    portail = PortailPage(onglet)
    expect(portail.titre).to_have_text(PORTAIL.titre)
    activer(onglet, portail.je_cree_mon_compte)

    # Étape 4 : Entrée dans un champ enverrait « Retour » (premier bouton) : on va à Continuer
    creation = CreationPage(onglet)
    expect(creation.titre).to_have_text(CREATION.titre)
    saisir(onglet, creation.nom, assure.nom)
    saisir(onglet, creation.nir, assure.nir)
    saisir(onglet, creation.date_naissance, assure.date_naissance_fr)
    saisir(onglet, creation.code_postal, assure.code_postal)
    activer(onglet, creation.continuer_bouton)

    # Étape 5 : les chiffres de l'IBAN et de la carte Vitale, « Valider » avec Espace
    identite = IdentitePage(onglet)
    expect(identite.titre).to_have_text(IDENTITE.titre)
    activer(onglet, identite.aide_iban, " ")
    expect(identite.aide_iban).to_have_attribute("aria-expanded", "true")
    saisir(onglet, identite.iban, assure.sept_derniers_iban)
    saisir(onglet, identite.vitale, assure.onze_derniers_vitale)
    activer(onglet, identite.valider_bouton, " ")

    # Étape 6 : « Oui, j'accepte » coché avec Espace
    conditions = ConditionsPage(onglet)
    expect(conditions.etape_courante).to_have_text(CONDITIONS.etape)
    activer(onglet, conditions.oui, " ")
    expect(conditions.oui).to_be_checked()
    activer(onglet, conditions.continuer_bouton)

    # Étape 7 : le code personnel, deux fois
    code = CodePersonnelPage(onglet)
    expect(code.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    saisir(onglet, code.code, CODE_CHOISI)
    saisir(onglet, code.confirmation, CODE_CHOISI)
    activer(onglet, code.continuer_bouton)

    # Étape 8 : l'adresse email, deux fois ; les consentements restent à « Non »
    coordonnees = CoordonneesPage(onglet)
    expect(coordonnees.etape_courante).to_have_text(COORDONNEES.etape)
    saisir(onglet, coordonnees.email, email)
    saisir(onglet, coordonnees.email_confirmation, email)
    activer(onglet, coordonnees.continuer_bouton)

    # Étape 9 : le message reçu, son lien, puis la connexion
    expect(ConfirmationPage(onglet).message).to_contain_text(email)
    boite = MessageriePage(onglet).ouvrir_boite(email)
    activer(onglet, onglet.get_by_role("link", name=MESSAGERIE.sujet_validation))
    activer(onglet, boite.lien_validation.first)
    validation = ValidationPage(onglet)
    expect(validation.titre).to_have_text(VALIDATION.titre)
    activer(onglet, validation.je_me_connecte)
    saisir(onglet, portail.nir, assure.nir)
    saisir(onglet, portail.code_personnel, CODE_CHOISI)
    onglet.keyboard.press("Enter")
    expect(EspacePage(onglet).titre).to_have_text(
        re.compile(rf"{re.escape(ESPACE.titre)} .*{re.escape(assure.nom)}")
    )
    assert len(donnees.mails(email)) == 1


# Visible focus ------------------------------------------------------------------------------


def _accueil(page: Page, _donnees: DonneesDeTest, _assure: Assure) -> None:
    AccueilPage(page).ouvrir()


def _portail(page: Page, _donnees: DonneesDeTest, _assure: Assure) -> None:
    PortailPage(page).ouvrir()


def _creation(page: Page, _donnees: DonneesDeTest, _assure: Assure) -> None:
    CreationPage(page).ouvrir()


def _etape(
    etape_api: str, ecran: type[IdentitePage | ConditionsPage | CodePersonnelPage | CoordonneesPage]
) -> Callable[[Page, DonneesDeTest, Assure], None]:
    def ouvrir(page: Page, donnees: DonneesDeTest, assure: Assure) -> None:
        donnees.placer_parcours(assure.nir, etape_api)
        ecran(page).ouvrir()

    return ouvrir


ECRANS_FOCUS = {
    "accueil": (1, _accueil),
    "portail": (3, _portail),
    "creation": (4, _creation),
    "identite": (5, _etape("identite", IdentitePage)),
    "conditions": (6, _etape("conditions", ConditionsPage)),
    "code-personnel": (7, _etape("code", CodePersonnelPage)),
    "coordonnees": (8, _etape("coordonnees", CoordonneesPage)),
}


@pytest.mark.ecran
@pytest.mark.parametrize("nom", ECRANS_FOCUS)
def test_chaque_element_atteint_au_clavier_montre_son_focus(
    page: Page, donnees: DonneesDeTest, assure: Assure, nom: str
) -> None:
    """Tab through the whole screen: every element reached shows a solid outline."""
    numero, ouvrir = ECRANS_FOCUS[nom]
    allure.dynamic.epic(EPIC)
    allure.dynamic.feature(ETAPES[numero])
    allure.dynamic.story("Focus visible")
    allure.dynamic.title(f"Chaque élément atteint au clavier montre son focus : {nom}")
    ouvrir(page, donnees, assure)
    # `:focus` is the element the keyboard reached, whatever it is: the state under test.
    focus = page.locator(":focus")
    atteints = 0
    for _ in range(TABULATIONS_MAX):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        expect(focus).to_have_css("outline-style", "solid")
        atteints += 1
    assert 3 <= atteints < TABULATIONS_MAX, f"{atteints} éléments atteints au clavier"


# Screen 1's dialog --------------------------------------------------------------------------


@pytest.mark.branche
@etape(1, "Fenêtre de choix de la caisse au clavier")
@allure.title("La fenêtre de la caisse garde le focus et se ferme avec Échap")
def test_la_fenetre_de_la_caisse_garde_le_focus_et_se_ferme_avec_echap(
    accueil: AccueilPage, assure: Assure
) -> None:
    """Tab cycles inside the dialog; Escape closes it and gives the focus back to the field."""
    dialogue = accueil.choisir_code_postal(assure.code_postal)
    expect(dialogue.dialogue).to_be_visible()
    # Opened with the mouse: the first button has the focus, shown once the keyboard is used.
    expect(dialogue.confirmer_bouton).to_be_focused()
    clavier = accueil.page.keyboard
    clavier.press("Tab")
    expect_focus_visible(dialogue.pas_ma_caisse_bouton)
    clavier.press("Tab")
    expect_focus_visible(dialogue.confirmer_bouton)
    clavier.press("Shift+Tab")
    expect_focus_visible(dialogue.pas_ma_caisse_bouton)
    dialogue.fermer_avec_echap()
    expect(dialogue.dialogue).to_be_hidden()
    expect_focus_visible(accueil.code_postal)


@pytest.mark.branche
@etape(1, "Fenêtre de choix de la caisse au clavier")
@allure.title("« Ce n'est pas ma caisse » au clavier rend le focus au code postal, vidé")
def test_ce_n_est_pas_ma_caisse_au_clavier_rend_le_focus_au_code_postal(
    accueil: AccueilPage, assure: Assure
) -> None:
    """Enter on the second button closes the dialog and lets another postal code be typed."""
    dialogue = accueil.choisir_code_postal(assure.code_postal)
    expect(dialogue.confirmer_bouton).to_be_focused()
    accueil.page.keyboard.press("Tab")
    accueil.page.keyboard.press("Enter")
    expect(dialogue.dialogue).to_be_hidden()
    expect_focus_visible(accueil.code_postal)
    expect(accueil.code_postal).to_have_value("")
