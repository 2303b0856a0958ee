"""Screen 6: the terms of use (Étape 1)."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import expect

from e2e.attentes import expect_erreur_de_champ
from e2e.tutoriel import etape
from pages.conditions import ConditionsPage
from pages.creation import CreationPage
from pages.portail import PortailPage
from pages.textes import CODE_PERSONNEL, CONDITIONS, COORDONNEES, CREATION, PORTAIL

pytestmark = pytest.mark.ecran


@etape(6, "Accepter les conditions", allure.severity_level.CRITICAL)
@allure.title("Les conditions d'utilisation reprennent le texte du tutoriel, sans choix coché")
def test_les_conditions_reprennent_le_tutoriel(conditions: ConditionsPage) -> None:
    """Stepper at Étape 1, the tutorial's text, no radio checked, footer links."""
    page = conditions.page
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    expect(conditions.etape_courante).to_have_text(CONDITIONS.etape)
    expect(conditions.etapes.get_by_role("listitem")).to_have_text(
        [CONDITIONS.etape, CODE_PERSONNEL.etape, COORDONNEES.etape]
    )
    expect(page.get_by_text(CONDITIONS.texte)).to_be_visible()
    expect(conditions.conditions_detaillees).to_be_visible()
    expect(conditions.oui).not_to_be_checked()
    expect(conditions.non).not_to_be_checked()
    for lien in CONDITIONS.liens_pied_de_page:
        expect(page.get_by_role("contentinfo").get_by_role("link", name=lien)).to_be_visible()


@etape(6, "Accepter les conditions", allure.severity_level.CRITICAL)
@allure.title("« Oui, j'accepte » puis « Continuer » mène au code personnel")
def test_accepter_mene_au_code_personnel(conditions: ConditionsPage) -> None:
    """Acceptance leads to Étape 2."""
    conditions.accepter()
    code = conditions.continuer()
    expect(code.titre).to_have_text(CODE_PERSONNEL.titre)
    expect(code.etape_courante).to_have_text(CODE_PERSONNEL.etape)


@pytest.mark.branche
@etape(6, "Aucun choix")
@allure.title("« Continuer » sans choix affiche une erreur")
def test_continuer_sans_choix_affiche_une_erreur(conditions: ConditionsPage) -> None:
    """The choice is required."""
    conditions.continuer()
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    expect(conditions.resume_erreurs).to_contain_text(CONDITIONS.choix_manquant)
    expect_erreur_de_champ(conditions.page.get_by_role("group"), CONDITIONS.debut_choix_manquant)


@pytest.mark.branche
@etape(6, "Refus des conditions", allure.severity_level.CRITICAL)
@allure.title("« Non, je refuse » arrête la création avec une explication")
def test_refuser_arrete_la_creation(conditions: ConditionsPage) -> None:
    """Refusal stops the creation; the later steps are no longer reachable."""
    conditions.refuser()
    conditions.continuer()
    expect(conditions.titre).to_have_text(CONDITIONS.titre_refus)
    expect(conditions.page.get_by_role("status")).to_contain_text(CONDITIONS.refus)
    conditions.page.goto("/compte/code")
    expect(CreationPage(conditions.page).titre).to_have_text(CREATION.titre)


@pytest.mark.branche
@etape(6, "Annuler")
@allure.title("« Annuler » ramène à l'espace assuré")
def test_annuler_ramene_au_portail(conditions: ConditionsPage) -> None:
    """Cancel goes back to the portal and forgets the journey."""
    conditions.annuler()
    expect(PortailPage(conditions.page).titre).to_have_text(PORTAIL.titre)
    conditions.page.goto("/compte/conditions")
    expect(CreationPage(conditions.page).titre).to_have_text(CREATION.titre)
