"""Screen 6: "J'accepte les conditions d'utilisation" (Étape 1)."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import expect

from e2e.attentes import expect_erreur_de_champ
from e2e.tutoriel import etape
from pages.conditions import ConditionsPage
from pages.creation import CreationPage
from pages.portail import PortailPage

pytestmark = pytest.mark.ecran


@etape(6, "Accepter les conditions", allure.severity_level.CRITICAL)
@allure.title("Les conditions d'utilisation reprennent le texte du tutoriel, sans choix coché")
def test_les_conditions_reprennent_le_tutoriel(conditions: ConditionsPage) -> None:
    """Stepper at Étape 1, the tutorial's text, no radio checked, footer links."""
    page = conditions.page
    expect(conditions.titre).to_have_text("J'accepte les conditions d'utilisation")
    expect(conditions.etape_courante).to_have_text("Étape 1")
    expect(conditions.etapes.get_by_role("listitem")).to_have_text(
        ["Étape 1", "Étape 2", "Étape 3"]
    )
    expect(
        page.get_by_text(
            "vous acceptez de ne plus recevoir vos relevés de prestations par courrier postal"
        )
    ).to_be_visible()
    expect(conditions.conditions_detaillees).to_be_visible()
    expect(conditions.oui).not_to_be_checked()
    expect(conditions.non).not_to_be_checked()
    for lien in (
        "Mentions légales et CGU",
        "Aide et Accessibilité",
        "Recommandations de sécurité",
        "Protection des données personnelles",
        "Site Ameli",
    ):
        expect(page.get_by_role("contentinfo").get_by_role("link", name=lien)).to_be_visible()


@etape(6, "Accepter les conditions", allure.severity_level.CRITICAL)
@allure.title("« Oui, j'accepte » puis « Continuer » mène au code personnel")
def test_accepter_mene_au_code_personnel(conditions: ConditionsPage) -> None:
    """Acceptance leads to Étape 2."""
    conditions.accepter()
    code = conditions.continuer()
    expect(code.titre).to_have_text("Je crée mon code personnel")
    expect(code.etape_courante).to_have_text("Étape 2")


@pytest.mark.branche
@etape(6, "Aucun choix")
@allure.title("« Continuer » sans choix affiche une erreur")
def test_continuer_sans_choix_affiche_une_erreur(conditions: ConditionsPage) -> None:
    """The choice is required."""
    conditions.continuer()
    expect(conditions.titre).to_have_text("J'accepte les conditions d'utilisation")
    expect(conditions.resume_erreurs).to_contain_text(
        "Vous devez indiquer si vous acceptez les conditions d'utilisation pour continuer."
    )
    expect_erreur_de_champ(conditions.page.get_by_role("group"), "Vous devez indiquer")


@pytest.mark.branche
@etape(6, "Refus des conditions", allure.severity_level.CRITICAL)
@allure.title("« Non, je refuse » arrête la création avec une explication")
def test_refuser_arrete_la_creation(conditions: ConditionsPage) -> None:
    """Refusal stops the creation; the later steps are no longer reachable."""
    conditions.refuser()
    conditions.continuer()
    expect(conditions.titre).to_have_text("Création de compte interrompue")
    expect(conditions.page.get_by_role("status")).to_contain_text(
        "votre compte ameli n'a pas été créé"
    )
    conditions.page.goto("/compte/code")
    expect(CreationPage(conditions.page).titre).to_have_text("Je crée mon compte ameli")


@pytest.mark.branche
@etape(6, "Annuler")
@allure.title("« Annuler » ramène à l'espace assuré")
def test_annuler_ramene_au_portail(conditions: ConditionsPage) -> None:
    """Cancel goes back to the portal and forgets the journey."""
    conditions.annuler()
    expect(PortailPage(conditions.page).titre).to_have_text("Mon compte ameli")
    conditions.page.goto("/compte/conditions")
    expect(CreationPage(conditions.page).titre).to_have_text("Je crée mon compte ameli")
