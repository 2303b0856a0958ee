"""Screen 8: the personal information (Étape 3) — email, phones, consents."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import expect

from e2e.attentes import expect_erreur_de_champ
from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.confirmation import ValidationPage
from pages.coordonnees import CoordonneesPage
from pages.portail import PortailPage
from pages.textes import CONFIRMATION, COORDONNEES, ESPACE

pytestmark = pytest.mark.ecran


@etape(8, "Saisir ses coordonnées", allure.severity_level.CRITICAL)
@allure.title("Les informations personnelles reprennent le tutoriel, consentements à « Non »")
def test_les_consentements_sont_a_non_par_defaut(coordonnees: CoordonneesPage) -> None:
    """Every label of the tutorial's screenshot; every consent defaults to "Non"."""
    expect(coordonnees.titre).to_have_text(COORDONNEES.titre)
    expect(coordonnees.etape_courante).to_have_text(COORDONNEES.etape)
    page = coordonnees.page
    expect(page.get_by_role("heading", name=COORDONNEES.rubrique_email)).to_be_visible()
    expect(page.get_by_role("heading", name=COORDONNEES.rubrique_telephones)).to_be_visible()
    for champ in (
        coordonnees.email,
        coordonnees.email_confirmation,
        coordonnees.portable,
        coordonnees.fixe,
    ):
        expect(champ).to_be_empty()
    for groupe in (
        coordonnees.consentement_email,
        coordonnees.consentement_portable_telephone,
        coordonnees.consentement_portable_sms,
        coordonnees.consentement_fixe_telephone,
    ):
        expect(coordonnees.non(groupe)).to_be_checked()
        expect(coordonnees.oui(groupe)).not_to_be_checked()


@pytest.mark.branche
@etape(8, "Coordonnées refusées")
@allure.title("Coordonnées refusées : {champ} = « {valeur} »")
@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("email_confirmation", "autre@exemple.fr", COORDONNEES.emails_differents),
        ("portable", "06 12 34 56", COORDONNEES.portable_invalide),
    ],
)
def test_des_coordonnees_invalides_sont_refusees(
    coordonnees: CoordonneesPage, email: str, champ: str, valeur: str, message: str
) -> None:
    """Malformed email or phone numbers get their message; no account is created.

    Two cases prove the wiring; every case: tests/test_regles_des_ecrans.py, over HTTP.
    """
    valeurs = {"email": email, "email_confirmation": email, "portable": "", "fixe": ""}
    valeurs[champ] = valeur
    if champ == "email":
        valeurs["email_confirmation"] = valeur
    coordonnees.saisir_email(valeurs["email"], valeurs["email_confirmation"])
    coordonnees.saisir_telephones(valeurs["portable"], valeurs["fixe"])
    coordonnees.continuer()
    expect(coordonnees.titre).to_have_text(COORDONNEES.titre)
    expect(coordonnees.resume_erreurs).to_contain_text(message)
    expect_erreur_de_champ(getattr(coordonnees, champ), message)


@pytest.mark.branche
@etape(8, "Formats de téléphone")
@allure.title("Téléphones au format français acceptés : « {portable} » et « {fixe} »")
@pytest.mark.parametrize(
    ("portable", "fixe"),
    [("+33 6 12 34 56 78", "0033123456789")],
)
def test_les_formats_francais_de_telephone_sont_acceptes(
    coordonnees: CoordonneesPage, email: str, portable: str, fixe: str
) -> None:
    """Spaces and the +33 / 0033 prefixes are fine.

    Every French format (dots, dashes…): tests/test_regles_des_ecrans.py, over HTTP.
    """
    coordonnees.saisir_email(email)
    coordonnees.saisir_telephones(portable, fixe)
    expect(coordonnees.continuer().titre).to_have_text(CONFIRMATION.titre)


@pytest.mark.branche
@etape(8, "Consentements enregistrés", allure.severity_level.CRITICAL)
@allure.title("Les consentements sont enregistrés tels que choisis")
def test_les_consentements_sont_enregistres_tels_que_choisis(
    coordonnees: CoordonneesPage,
    donnees: DonneesDeTest,
    assure: Assure,
    email: str,
    code_choisi: str,
) -> None:
    """Yes to SMS only: the account's contact preferences say exactly that."""
    coordonnees.saisir_email(email)
    coordonnees.saisir_telephones("06 12 34 56 78", "")
    coordonnees.autoriser(coordonnees.consentement_portable_sms, "Par SMS")
    coordonnees.continuer()
    lien = donnees.mails(email)[0]["links"][0]
    ValidationPage(coordonnees.page).ouvrir_lien(lien)
    espace = PortailPage(coordonnees.page).ouvrir().se_connecter(assure.nir, code_choisi)
    preferences = espace.page.get_by_role("definition")
    expect(preferences).to_have_text(
        [email, "0612345678", ESPACE.non_renseigne, "Non", "Non", "Oui", "Non"]
    )
