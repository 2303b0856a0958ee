"""Screens 1 and 2: the postal code, the caisse dialog and the pink "Compte AMELI" frame."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.attentes import expect_erreur_de_champ
from e2e.tutoriel import etape
from pages.accueil import AccueilPage
from pages.textes import ACCUEIL, PORTAIL

pytestmark = pytest.mark.ecran


@etape(1, "Choisir sa caisse", allure.severity_level.CRITICAL)
@allure.title("Le code postal propose la caisse du département, « Confirmer » la retient")
def test_confirmer_retient_la_caisse_proposee(accueil: AccueilPage) -> None:
    """Given the home, when a Paris postal code is confirmed, then the home shows its caisse."""
    expect(accueil.titre).to_be_visible()
    dialogue = accueil.choisir_code_postal("75011")
    expect(dialogue.dialogue).to_be_visible()
    expect(dialogue.dialogue).to_contain_text("CPAM de Paris (75)")
    dialogue.confirmer()
    expect(dialogue.dialogue).to_be_hidden()
    expect(accueil.caisse_choisie).to_contain_text("CPAM de Paris (75)")


@pytest.mark.branche
@etape(1, "Caisse retenue d'une visite à l'autre")
@allure.title("La caisse confirmée est retenue lors d'une visite suivante")
def test_la_caisse_confirmee_est_retenue_a_la_visite_suivante(
    page: Page, accueil: AccueilPage
) -> None:
    """Given a confirmed caisse, when the home is opened again in a new tab, it is shown."""
    accueil.choisir_code_postal("13008").confirmer()
    autre_onglet = AccueilPage(page.context.new_page()).ouvrir()
    expect(autre_onglet.caisse_choisie).to_contain_text("CPAM des Bouches-du-Rhône (13)")


@pytest.mark.branche
@etape(1, "Ce n'est pas ma caisse", allure.severity_level.CRITICAL)
@allure.title("« Ce n'est pas ma caisse » ferme la fenêtre et permet un autre code postal")
def test_ce_n_est_pas_ma_caisse_permet_un_autre_code_postal(accueil: AccueilPage) -> None:
    """Given a proposed caisse, when it is refused, another postal code can be chosen."""
    dialogue = accueil.choisir_code_postal("69001")
    expect(dialogue.dialogue).to_contain_text("CPAM du Rhône (69)")
    dialogue.pas_ma_caisse()
    expect(dialogue.dialogue).to_be_hidden()
    expect(accueil.code_postal).to_be_focused()
    accueil.choisir_code_postal("33000").confirmer()
    expect(accueil.caisse_choisie).to_contain_text("CPAM de la Gironde (33)")


@pytest.mark.branche
@etape(1, "Corse et outre-mer")
@allure.title("Corse et outre-mer : le code postal {code_postal} propose « {caisse} »")
@pytest.mark.parametrize(
    ("code_postal", "caisse"),
    [("20200", "CPAM de la Haute-Corse (2B)")],
)
def test_corse_et_outre_mer_ont_leur_caisse(
    accueil: AccueilPage, code_postal: str, caisse: str
) -> None:
    """Corsican codes split into 2A/2B; overseas codes take three digits.

    One case proves the dialog; every case: tests/test_regles_des_ecrans.py, over HTTP.
    """
    expect(accueil.choisir_code_postal(code_postal).dialogue).to_contain_text(caisse)


@pytest.mark.branche
@etape(1, "Code postal invalide")
@allure.title("Code postal refusé : « {code_postal} »")
@pytest.mark.parametrize(
    ("code_postal", "message"),
    [("7501", ACCUEIL.code_postal_mal_forme)],
)
def test_un_code_postal_invalide_est_explique(
    accueil: AccueilPage, code_postal: str, message: str
) -> None:
    """An invalid or unknown code gets a message tied to the field, and no dialog.

    One case proves the wiring; every case: tests/test_regles_des_ecrans.py, over HTTP.
    """
    dialogue = accueil.choisir_code_postal(code_postal)
    expect(accueil.resume_erreurs).to_contain_text(message)
    expect_erreur_de_champ(accueil.code_postal, message)
    expect(dialogue.dialogue).to_have_count(0)


@etape(2, "Compte AMELI dans le cadre rose")
@allure.title("Le pictogramme « Compte AMELI » décrit le service au survol et au clavier")
def test_le_pictogramme_compte_ameli_se_decrit_au_survol_et_au_focus(accueil: AccueilPage) -> None:
    """The pink frame's pictogram shows its description on hover and on keyboard focus."""
    expect(accueil.cadre_rose).to_be_visible()
    expect(accueil.compte_ameli).to_have_accessible_description(ACCUEIL.description_compte_ameli)
    infobulle = accueil.infobulle_compte_ameli
    expect(infobulle).to_be_hidden()
    accueil.survoler_compte_ameli()
    expect(infobulle).to_be_visible()
    accueil.titre.hover()
    expect(infobulle).to_be_hidden()
    accueil.compte_ameli.focus()
    expect(infobulle).to_be_visible()


@etape(3, "Espace assuré dans un nouvel onglet", allure.severity_level.CRITICAL)
@allure.title("« Compte AMELI » ouvre l'espace assuré dans un nouvel onglet")
def test_compte_ameli_ouvre_le_portail_dans_un_nouvel_onglet(
    page: Page, accueil: AccueilPage
) -> None:
    """The portal comes up in a new tab; the home stays open in the first one."""
    portail = accueil.ouvrir_compte_ameli()
    assert portail.page is not page
    expect(portail.titre).to_have_text(PORTAIL.titre)
    expect(portail.je_cree_mon_compte).to_be_visible()
    expect(portail.nir).to_be_visible()
    expect(portail.code_personnel).to_be_visible()
    expect(accueil.titre).to_be_visible()
