"""Moving through the journey: "Retour", reloading, typed URLs and the browser's back button."""

from __future__ import annotations

import re

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.code_personnel import CodePersonnelPage
from pages.conditions import ConditionsPage
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.identite import IdentitePage
from pages.textes import CODE_PERSONNEL, CONDITIONS, COORDONNEES, CREATION, IDENTITE

pytestmark = [pytest.mark.branche]


@etape(5, "Retour garde la saisie")
@allure.title("« Retour » depuis l'identité retrouve le formulaire rempli, et inversement")
def test_retour_garde_ce_qui_a_ete_saisi(creation: CreationPage, assure: Assure) -> None:
    """Values typed on screens 4 and 5 are still there after going back and forth."""
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)
    identite = creation.continuer()
    identite.renseigner(assure.sept_derniers_iban, "")
    identite.retour()
    expect(creation.titre).to_have_text(CREATION.titre)
    expect(creation.nom).to_have_value(assure.nom)
    expect(creation.nir).to_have_value(assure.nir)
    expect(creation.date_naissance).to_have_value(assure.date_naissance_fr)
    expect(creation.code_postal).to_have_value(assure.code_postal)
    creation.continuer()
    expect(identite.iban).to_have_value(assure.sept_derniers_iban)


@etape(8, "Retour garde la saisie")
@allure.title("« Retour » depuis les informations personnelles garde l'email et les choix")
def test_retour_depuis_les_coordonnees_garde_la_saisie(
    coordonnees: CoordonneesPage, email: str
) -> None:
    """Screen 8's values survive a trip back to screen 7."""
    coordonnees.saisir_email(email)
    coordonnees.autoriser(coordonnees.consentement_email, "email")
    coordonnees.retour()
    code = CodePersonnelPage(coordonnees.page)
    expect(code.titre).to_have_text(CODE_PERSONNEL.titre)
    coordonnees.page.go_back()
    coordonnees.page.reload()
    expect(coordonnees.email).to_have_value(email)
    expect(coordonnees.oui(coordonnees.consentement_email)).to_be_checked()


@etape(5, "Rechargement")
@allure.title("Recharger une étape la garde, avec ses données")
def test_recharger_une_etape_la_garde(identite: IdentitePage, assure: Assure) -> None:
    """A reload stays at the step the user is at."""
    identite.page.reload()
    expect(identite.titre).to_have_text(IDENTITE.titre)
    expect(identite.page.get_by_text(assure.prefixe_iban)).to_be_visible()


@etape(6, "Étape non atteinte")
@allure.title("Ouvrir directement l'URL de « {chemin} » renvoie à l'étape en cours")
@pytest.mark.parametrize("chemin", ["/compte/coordonnees"])
def test_une_etape_future_renvoie_a_l_etape_en_cours(
    conditions: ConditionsPage, chemin: str
) -> None:
    """A later step's URL sends the user back to the step they are at (here, screen 6).

    Every later step: tests/test_regles_des_ecrans.py, over HTTP.
    """
    conditions.page.goto(chemin)
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    expect(conditions.page).to_have_url(re.compile(r"/compte/conditions$"))


@etape(4, "Étape non atteinte")
@allure.title("Sans parcours commencé, une étape avancée renvoie au formulaire de création")
def test_sans_parcours_une_etape_avancee_renvoie_a_la_creation(page: Page) -> None:
    """Nobody reaches screen 5 without passing screen 4."""
    page.goto("/compte/identite")
    expect(CreationPage(page).titre).to_have_text(CREATION.titre)


@etape(7, "Bouton précédent du navigateur")
@allure.title("Le bouton « précédent » du navigateur ne casse pas le parcours")
def test_le_bouton_precedent_ne_casse_pas_le_parcours(
    conditions: ConditionsPage, donnees: DonneesDeTest, assure: Assure
) -> None:
    """Back to screen 6 from screen 7, then forward again through the form."""
    conditions.accepter()
    code = conditions.continuer()
    expect(code.titre).to_have_text(CODE_PERSONNEL.titre)
    conditions.page.go_back()
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    conditions.accepter()
    code = conditions.continuer()
    code.choisir_code("40719326")
    expect(code.continuer().titre).to_have_text(COORDONNEES.titre)
