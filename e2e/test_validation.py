"""Screen 9: the validation email, its single-use 7-day link, and login after activation."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.etats import CompteEnAttente
from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.confirmation import ConfirmationPage, ValidationPage
from pages.messagerie import MessageriePage
from pages.portail import PortailPage
from pages.textes import CONFIRMATION, MESSAGERIE, PORTAIL, VALIDATION

pytestmark = pytest.mark.ecran


def _lien(donnees: DonneesDeTest, email: str, rang: int = 0) -> str:
    """The validation link of the `rang`-th message sent to `email`."""
    liens: list[str] = [
        lien for lien in donnees.mails(email)[rang]["links"] if "validation" in lien
    ]
    assert len(liens) == 1, liens
    return liens[0]


@etape(9, "Email de validation", allure.severity_level.CRITICAL)
@allure.title("L'email de validation reprend le texte du tutoriel")
def test_l_email_reprend_le_texte_du_tutoriel(
    page: Page, compte_en_attente: CompteEnAttente, donnees: DonneesDeTest
) -> None:
    """Confirmation page, then the message as the mailbox shows it."""
    confirmation = ConfirmationPage(page)
    expect(confirmation.titre).to_have_text(CONFIRMATION.titre)
    expect(confirmation.message).to_contain_text(compte_en_attente.email)
    mails = donnees.mails(compte_en_attente.email)
    assert [m["subject"] for m in mails] == [MESSAGERIE.sujet_validation]
    boite = MessageriePage(page).ouvrir_boite(compte_en_attente.email)
    boite.ouvrir_message(MESSAGERIE.sujet_validation)
    for texte in MESSAGERIE.texte_email:
        expect(page.get_by_text(texte)).to_be_visible()
    expect(boite.lien_validation).to_have_count(2)


@etape(9, "Lien à usage unique", allure.severity_level.CRITICAL)
@allure.title("Le lien de validation active le compte une seule fois")
def test_le_lien_active_le_compte_une_seule_fois(
    page: Page, compte_en_attente: CompteEnAttente, donnees: DonneesDeTest
) -> None:
    """First use activates; a second use says the link was used."""
    lien = _lien(donnees, compte_en_attente.email)
    validation = ValidationPage(page).ouvrir_lien(lien)
    expect(validation.titre).to_have_text(VALIDATION.titre)
    validation.ouvrir_lien(lien)
    expect(validation.titre).to_have_text(VALIDATION.titre_deja_utilise)


@pytest.mark.branche
@etape(9, "Lien expiré après 7 jours", allure.severity_level.CRITICAL)
@allure.title("Après 7 jours le lien a expiré, et un nouveau lien peut être demandé")
def test_le_lien_expire_apres_sept_jours(
    page: Page, compte_en_attente: CompteEnAttente, donnees: DonneesDeTest, assure: Assure
) -> None:
    """Expired link: message, new link by email, and the new one activates the account."""
    donnees.avancer_horloge(7)
    validation = ValidationPage(page).ouvrir_lien(_lien(donnees, compte_en_attente.email))
    expect(validation.titre).to_have_text(VALIDATION.titre_expire)
    expect(page.get_by_role("alert")).to_contain_text(VALIDATION.expire)
    validation.demander_nouveau_lien()
    expect(validation.titre).to_have_text(VALIDATION.titre_nouveau_lien)
    nouveau = _lien(donnees, compte_en_attente.email, rang=1)
    expect(validation.ouvrir_lien(nouveau).titre).to_have_text(VALIDATION.titre)
    espace = PortailPage(page).ouvrir().se_connecter(assure.nir, compte_en_attente.code_personnel)
    expect(espace.se_deconnecter).to_be_visible()


@pytest.mark.branche
@etape(9, "Lien expiré après 7 jours")
@allure.title("Six jours après l'envoi, le lien fonctionne encore")
def test_le_lien_fonctionne_encore_le_sixieme_jour(
    page: Page, compte_en_attente: CompteEnAttente, donnees: DonneesDeTest
) -> None:
    """The limit is seven days, not less."""
    donnees.avancer_horloge(6.9)
    validation = ValidationPage(page).ouvrir_lien(_lien(donnees, compte_en_attente.email))
    expect(validation.titre).to_have_text(VALIDATION.titre)


@pytest.mark.branche
@etape(9, "Connexion avant activation", allure.severity_level.CRITICAL)
@allure.title("Avant validation de l'email, la connexion est refusée avec une explication")
def test_la_connexion_est_refusee_avant_activation(
    page: Page, compte_en_attente: CompteEnAttente, assure: Assure, donnees: DonneesDeTest
) -> None:
    """Only an activated account can log in; after activation the same login works."""
    portail = PortailPage(page).ouvrir()
    portail.se_connecter(assure.nir, compte_en_attente.code_personnel)
    expect(portail.resume_erreurs).to_contain_text(PORTAIL.compte_non_active)
    ValidationPage(page).ouvrir_lien(_lien(donnees, compte_en_attente.email))
    espace = PortailPage(page).ouvrir().se_connecter(assure.nir, compte_en_attente.code_personnel)
    expect(espace.titre).to_contain_text(assure.nom)


@pytest.mark.branche
@etape(3, "Connexion refusée")
@allure.title("Un code personnel erroné est refusé sans dire ce qui est faux")
def test_un_code_errone_est_refuse(
    page: Page, compte_en_attente: CompteEnAttente, assure: Assure, donnees: DonneesDeTest
) -> None:
    """Wrong code and unknown number get the same message."""
    ValidationPage(page).ouvrir_lien(_lien(donnees, compte_en_attente.email))
    portail = PortailPage(page).ouvrir()
    portail.se_connecter(assure.nir, "40719326")
    expect(portail.resume_erreurs).to_have_text(PORTAIL.connexion_refusee)
    portail.se_connecter(
        "1" + assure.nir[1:] if assure.nir[0] == "2" else "2" + assure.nir[1:],
        compte_en_attente.code_personnel,
    )
    expect(portail.resume_erreurs).to_have_text(PORTAIL.connexion_refusee)
