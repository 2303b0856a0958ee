"""Screen 5: the identity confirmation — IBAN and Vitale serial digits."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.attentes import expect_erreur_de_champ
from e2e.avant_script import script_retenu
from e2e.saisies import autres_chiffres
from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.identite import IdentitePage
from pages.textes import CODE_PROVISOIRE, CONDITIONS, IDENTITE

pytestmark = pytest.mark.ecran


@etape(5, "Confirmer son identité", allure.severity_level.CRITICAL)
@allure.title("L'écran d'identité montre le début de l'IBAN et du numéro de série Vitale")
def test_l_ecran_montre_les_debuts_masques(identite: IdentitePage, assure: Assure) -> None:
    """The shown prefixes are text; only the asked digits are inputs."""
    expect(identite.titre).to_have_text(IDENTITE.titre)
    debut_iban = IDENTITE.debut_iban_pour(assure.prefixe_iban)
    debut_vitale = IDENTITE.debut_vitale_pour(assure.prefixe_vitale)
    expect(identite.page.get_by_text(debut_iban)).to_be_visible()
    expect(identite.page.get_by_text(debut_vitale)).to_be_visible()
    expect(identite.iban).to_have_attribute("maxlength", "7")
    expect(identite.vitale).to_have_attribute("maxlength", "11")
    expect(identite.iban).to_have_accessible_description(debut_iban)
    expect(identite.vitale).to_have_accessible_description(debut_vitale)
    expect(identite.sans_numero_de_serie).to_be_visible()
    expect(identite.retour_bouton).to_be_visible()


@etape(5, "Confirmer son identité", allure.severity_level.CRITICAL)
@allure.title("Les bons chiffres d'IBAN et de carte Vitale mènent aux conditions d'utilisation")
def test_les_bons_chiffres_menent_aux_conditions(identite: IdentitePage, assure: Assure) -> None:
    """The person's own digits are accepted."""
    identite.renseigner(assure.sept_derniers_iban, assure.onze_derniers_vitale)
    expect(identite.valider().titre).to_have_text(CONDITIONS.titre)


@pytest.mark.branche
@etape(5, "Aide « ? »")
@allure.title("Le bouton « ? » de l'IBAN révèle où trouver le numéro")
def test_l_aide_de_l_iban_se_deplie(identite: IdentitePage) -> None:
    """The help button toggles aria-expanded and its text."""
    aide = identite.page.get_by_text(IDENTITE.texte_aide_iban)
    expect(identite.aide_iban).to_have_attribute("aria-expanded", "false")
    expect(aide).to_be_hidden()
    identite.afficher_aide_iban()
    expect(identite.aide_iban).to_have_attribute("aria-expanded", "true")
    expect(aide).to_be_visible()
    identite.afficher_aide_iban()
    expect(identite.aide_iban).to_have_attribute("aria-expanded", "false")
    expect(aide).to_be_hidden()


@pytest.mark.branche
@etape(5, "Aide « ? »")
@allure.title("Le bouton « ? » n'apparaît qu'une fois prêt à répondre")
def test_l_aide_n_apparait_qu_une_fois_utilisable(
    page: Page, donnees: DonneesDeTest, assure: Assure
) -> None:
    """Before the page's script runs there is no "?" to click in vain; after, it works."""
    donnees.placer_parcours(assure.nir, "identite")
    identite = IdentitePage(page)
    with script_retenu(page, IdentitePage.CHEMIN) as liberer:
        expect(identite.valider_bouton).to_be_visible()
        expect(identite.aide_iban).to_be_hidden()
        liberer()
        identite.afficher_aide_iban()
        expect(identite.aide_iban).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_text(IDENTITE.texte_aide_iban)).to_be_visible()


@pytest.mark.branche
@etape(5, "Erreurs de saisie")
@allure.title("Format refusé sans compter d'essai : IBAN « {iban7} », Vitale « {vitale11} »")
@pytest.mark.parametrize(
    ("iban7", "vitale11", "champ", "message"),
    [
        ("12345", "12345678901", "iban", IDENTITE.iban_mal_forme),
        ("1234567", "1234", "vitale", IDENTITE.vitale_mal_forme),
    ],
)
def test_un_format_invalide_est_refuse_sans_compter_d_essai(
    identite: IdentitePage, iban7: str, vitale11: str, champ: str, message: str
) -> None:
    """Malformed digits are a typing error, not a failed identity check.

    Two cases prove the wiring; every case, and that none counts: tests/test_regles_des_ecrans.py.
    """
    identite.renseigner(iban7, vitale11)
    identite.valider()
    expect_erreur_de_champ(getattr(identite, champ), message)
    expect(identite.resume_erreurs).not_to_contain_text(IDENTITE.essais_restants)


@pytest.mark.branche
@etape(5, "Trois essais", allure.severity_level.CRITICAL)
@allure.title("De mauvais chiffres décomptent les essais ; le troisième échec bloque la création")
def test_trois_echecs_bloquent_la_creation(identite: IdentitePage, assure: Assure) -> None:
    """Wrong IBAN or Vitale digits: 2 attempts left, then 1, then creation is locked."""
    mauvais_iban = autres_chiffres(assure.sept_derniers_iban)
    identite.renseigner(mauvais_iban, assure.onze_derniers_vitale)
    identite.valider()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.deux_essais)
    identite.renseigner(assure.sept_derniers_iban, autres_chiffres(assure.onze_derniers_vitale))
    identite.valider()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.un_essai)
    identite.renseigner(mauvais_iban, assure.onze_derniers_vitale)
    identite.valider()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.bloque)
    expect(identite.valider_bouton).to_have_count(0)


@pytest.mark.branche
@etape(5, "Trois essais")
@allure.title("Le blocage tient même avec les bons chiffres et dans une nouvelle session")
def test_le_blocage_est_compte_cote_serveur(
    identite: IdentitePage, assure: Assure, donnees: DonneesDeTest
) -> None:
    """Attempts are counted by person on the server, not in the browser's cookie."""
    for _ in range(3):
        identite.renseigner(autres_chiffres(assure.sept_derniers_iban), assure.onze_derniers_vitale)
        identite.valider()
    identite.page.context.clear_cookies()
    donnees.placer_parcours(assure.nir, "identite")
    identite.ouvrir()
    expect(identite.resume_erreurs).to_contain_text(IDENTITE.bloque)
    expect(identite.valider_bouton).to_have_count(0)


@pytest.mark.branche
@etape(5, "Sans numéro de série Vitale")
@allure.title("Sans numéro de série Vitale, un code provisoire est envoyé par courrier")
def test_sans_numero_de_serie_un_code_provisoire_part_par_courrier(
    identite: IdentitePage, assure: Assure, donnees: DonneesDeTest
) -> None:
    """The letter is confirmed on screen and recorded by the mock."""
    assert donnees.courriers(assure.nir) == []
    page_code = identite.demander_code_provisoire()
    expect(page_code.titre).to_have_text(CODE_PROVISOIRE.titre)
    page_code.recevoir_par_courrier()
    expect(page_code.confirmation).to_contain_text(CODE_PROVISOIRE.envoye)
    courriers = donnees.courriers(assure.nir)
    assert [c["objet"] for c in courriers] == [CODE_PROVISOIRE.objet_courrier]
    assert assure.nom in courriers[0]["texte"]
