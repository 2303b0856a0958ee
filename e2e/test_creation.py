"""Screen 4: the creation form, its fields, its rules and who may open an account."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import allure
import pytest
from faker import Faker
from playwright.sync_api import Page, expect

from e2e.attentes import expect_erreur_de_champ
from e2e.etats import CompteEnAttente
from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure, fabriquer_assure
from pages.creation import CreationPage
from pages.portail import PortailPage
from pages.textes import CREATION, IDENTITE, PORTAIL

pytestmark = pytest.mark.ecran


@etape(4, "Formulaire de création", allure.severity_level.CRITICAL)
@allure.title("Le formulaire de création reprend les libellés du tutoriel")
def test_le_formulaire_reprend_les_libelles_du_tutoriel(creation: CreationPage) -> None:
    """Every label, button and link of the tutorial's screenshot is there."""
    expect(creation.titre).to_have_text(CREATION.titre)
    page = creation.page
    expect(page.get_by_text(CREATION.introduction)).to_be_visible()
    expect(page.get_by_text(CREATION.champ_obligatoire)).to_be_visible()
    for champ in (creation.nom, creation.nir, creation.date_naissance, creation.code_postal):
        expect(champ).to_be_editable()
    expect(creation.retour_bouton).to_be_visible()
    expect(creation.continuer_bouton).to_be_visible()
    expect(page.get_by_text(CREATION.ou, exact=True)).to_be_visible()
    expect(page.get_by_text(CREATION.via_franceconnect)).to_be_visible()
    expect(creation.franceconnect_bouton).to_be_visible()
    expect(creation.qu_est_ce_que_franceconnect).to_be_visible()


@etape(4, "Aide des champs")
@allure.title("L'icône d'aide d'un champ affiche puis masque son aide")
def test_l_aide_d_un_champ_s_affiche_et_se_masque(creation: CreationPage) -> None:
    """The help button toggles its text and says so with aria-expanded."""
    aide = creation.page.get_by_text(CREATION.texte_aide_nir)
    expect(creation.aide_nir).to_have_attribute("aria-expanded", "false")
    expect(aide).to_be_hidden()
    creation.aide_nir.click()
    expect(creation.aide_nir).to_have_attribute("aria-expanded", "true")
    expect(aide).to_be_visible()
    creation.aide_nir.click()
    expect(aide).to_be_hidden()


@etape(4, "Formulaire de création", allure.severity_level.CRITICAL)
@allure.title("Un assuré identifié passe à la confirmation d'identité")
def test_un_assure_identifie_passe_a_la_confirmation_d_identite(
    creation: CreationPage, assure: Assure
) -> None:
    """The four values of one insured person lead to screen 5."""
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)
    identite = creation.continuer()
    expect(identite.titre).to_have_text(IDENTITE.titre)


@pytest.mark.branche
@etape(4, "Erreurs de saisie")
@allure.title("Saisie refusée : {champ} = « {valeur} »")
@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nom", "", CREATION.nom_manquant),
        ("date_naissance", "31/02/1985", CREATION.date_irreelle),
    ],
)
def test_une_saisie_invalide_est_refusee_sur_son_champ(
    creation: CreationPage, assure: Assure, champ: str, valeur: str, message: str
) -> None:
    """A malformed value gets its French message tied to its field, and the screen stays.

    Two cases prove the wiring; every case: tests/test_regles_des_ecrans.py, over HTTP.
    """
    valeurs = {**assure.saisie_creation(), champ: valeur}
    creation.renseigner(**valeurs)
    creation.continuer()
    expect(creation.titre).to_have_text(CREATION.titre)
    expect(creation.resume_erreurs).to_contain_text(message)
    expect_erreur_de_champ(getattr(creation, champ), message)


@pytest.mark.branche
@etape(4, "Erreurs de saisie")
@allure.title("Le numéro de sécurité sociale doit correspondre à la date de naissance")
def test_un_nir_incoherent_avec_la_date_de_naissance_est_refuse(
    creation: CreationPage, assure: Assure
) -> None:
    """Year and month of the NIR must be those of the birth date."""
    autre_annee = replace(
        assure, date_naissance=assure.date_naissance.replace(year=assure.date_naissance.year - 1)
    )
    creation.renseigner(assure.nom, assure.nir, autre_annee.date_naissance_fr, assure.code_postal)
    creation.continuer()
    expect_erreur_de_champ(creation.nir, CREATION.nir_incoherent)


@pytest.mark.branche
@etape(4, "Identité introuvable")
@allure.title("Identité introuvable : un seul message, sans dire quel champ est erroné")
def test_une_identite_introuvable_a_un_message_generique(
    creation: CreationPage, assure: Assure
) -> None:
    """A wrong name gets the message that names no field, and no field is marked invalid.

    Each of the four values wrong: tests/test_regles_des_ecrans.py, over HTTP.
    """
    valeurs = {**assure.saisie_creation(), "nom": assure.nom + "X"}
    creation.renseigner(**valeurs)
    creation.continuer()
    expect(creation.resume_erreurs).to_contain_text(CREATION.identite_inconnue)
    for champ in (creation.nom, creation.nir, creation.date_naissance, creation.code_postal):
        expect(champ).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.branche
@etape(4, "Compte déjà existant")
@allure.title("Un compte existe déjà : message et lien pour se connecter")
def test_un_compte_existant_propose_de_se_connecter(
    page: Page, compte_en_attente: CompteEnAttente, assure: Assure
) -> None:
    """A second creation for the same person points to the login."""
    creation = CreationPage(page).ouvrir()
    creation.renseigner(assure.nom, assure.nir, assure.date_naissance_fr, assure.code_postal)
    creation.continuer()
    expect(creation.resume_erreurs).to_contain_text(CREATION.compte_existant)
    creation.lien_connexion.click()
    expect(PortailPage(creation.page).titre).to_have_text(PORTAIL.titre)


@pytest.mark.branche
@etape(4, "Régimes éligibles", allure.severity_level.CRITICAL)
@allure.title("Régime éligible : {regime}")
@pytest.mark.parametrize("regime", ["LA MUTUELLE GÉNÉRALE"])
def test_les_regimes_partenaires_peuvent_creer_un_compte(
    creation: CreationPage, donnees: DonneesDeTest, faker: Faker, regime: str
) -> None:
    """A partner régime reaches screen 5.

    The régime général and each partner régime: tests/test_regles_des_ecrans.py, over HTTP.
    """
    personne = donnees.enregistrer_assure(fabriquer_assure(faker, regime=regime))
    creation.renseigner(
        personne.nom, personne.nir, personne.date_naissance_fr, personne.code_postal
    )
    expect(creation.continuer().titre).to_have_text(IDENTITE.titre)


@pytest.mark.branche
@etape(4, "Régimes non éligibles", allure.severity_level.CRITICAL)
@allure.title("Régime non éligible : {regime}")
@pytest.mark.parametrize("regime", ["MSA"])
def test_les_autres_regimes_sont_refuses(
    creation: CreationPage, donnees: DonneesDeTest, faker: Faker, regime: str
) -> None:
    """Other régimes are told the service is not open to them.

    Each refused régime: tests/test_regles_des_ecrans.py, over HTTP.
    """
    personne = donnees.enregistrer_assure(fabriquer_assure(faker, regime=regime))
    creation.renseigner(
        personne.nom, personne.nir, personne.date_naissance_fr, personne.code_postal
    )
    creation.continuer()
    expect(creation.titre).to_have_text(CREATION.titre_non_eligible)
    expect(creation.page.get_by_role("alert")).to_contain_text(CREATION.regime_refuse_pour(regime))


@pytest.mark.branche
@etape(4, "Numéro provisoire")
@allure.title("Un numéro de sécurité sociale provisoire (commençant par {sexe}) est refusé")
@pytest.mark.parametrize("sexe", ["7"])
def test_un_nir_provisoire_est_refuse(
    creation: CreationPage, donnees: DonneesDeTest, faker: Faker, sexe: str
) -> None:
    """A temporary number cannot open an account.

    Both temporary prefixes (7 and 8): tests/test_regles_des_ecrans.py, over HTTP.
    """
    modele = fabriquer_assure(faker, aujourd_hui=date(2026, 1, 1))
    personne = donnees.enregistrer_assure(
        fabriquer_assure(faker, nir=sexe + modele.nir[1:], aujourd_hui=date(2026, 1, 1))
    )
    creation.renseigner(
        personne.nom, personne.nir, personne.date_naissance_fr, personne.code_postal
    )
    creation.continuer()
    expect(creation.page.get_by_role("alert")).to_contain_text(CREATION.nir_provisoire)


@etape(4, "Formulaire de création")
@allure.title("« Retour » ramène à l'espace assuré")
def test_retour_ramene_au_portail(creation: CreationPage) -> None:
    """Retour on screen 4 goes back to screen 3."""
    creation.retour()
    expect(PortailPage(creation.page).titre).to_have_text(PORTAIL.titre)
