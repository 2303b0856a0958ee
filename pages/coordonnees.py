"""Screen 8: "Informations personnelles" (Étape 3): email, phones and consents."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import EcranAEtapes, action
from pages.confirmation import ConfirmationPage

CONSENTEMENT_EMAIL = (
    "J'autorise l'Assurance Maladie à m'envoyer par email des informations promotionnelles"
)


class CoordonneesPage(EcranAEtapes):
    """Email (twice), mobile and landline numbers, and the contact consents."""

    CHEMIN = "/compte/coordonnees"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.email = page.get_by_label("Saisissez votre adresse email")
        self.email_confirmation = page.get_by_label("Je confirme mon adresse email")
        self.portable = page.get_by_label("Saisissez votre n° de téléphone portable")
        self.fixe = page.get_by_label("Saisissez votre n° de téléphone fixe")
        self.consentement_email = page.get_by_role("group", name=CONSENTEMENT_EMAIL)
        self.consentement_portable_telephone = page.get_by_role(
            "group", name="(téléphone portable) : Par Téléphone"
        )
        self.consentement_portable_sms = page.get_by_role(
            "group", name="(téléphone portable) : Par SMS"
        )
        self.consentement_fixe_telephone = page.get_by_role(
            "group", name="(téléphone fixe) : Par Téléphone"
        )
        self.retour_bouton = page.get_by_role("button", name="Retour")
        self.continuer_bouton = page.get_by_role("button", name="Continuer")

    @staticmethod
    def oui(groupe: Locator) -> Locator:
        """The "Oui" radio of a consent."""
        return groupe.get_by_role("radio", name="Oui")

    @staticmethod
    def non(groupe: Locator) -> Locator:
        """The "Non" radio of a consent."""
        return groupe.get_by_role("radio", name="Non")

    @action("Saisir l'adresse email {email} et sa confirmation {confirmation}")
    def saisir_email(self, email: str, confirmation: str | None = None) -> None:
        """Type the email twice (or a different confirmation)."""
        self.email.fill(email)
        self.email_confirmation.fill(email if confirmation is None else confirmation)

    @action("Saisir les téléphones portable « {portable} » et fixe « {fixe} »")
    def saisir_telephones(self, portable: str = "", fixe: str = "") -> None:
        """Type the optional phone numbers."""
        self.portable.fill(portable)
        self.fixe.fill(fixe)

    @action("Répondre « Oui » au consentement : {nom}")
    def autoriser(self, groupe: Locator, nom: str) -> None:
        """Check "Oui" for one consent."""
        self.oui(groupe).check()

    @action("Cliquer sur « Continuer »")
    def continuer(self) -> ConfirmationPage:
        """Send the details; on success the confirmation comes next."""
        self.continuer_bouton.click()
        return ConfirmationPage(self.page)

    @action("Cliquer sur « Retour »")
    def retour(self) -> None:
        """Go back to the personal code."""
        self.retour_bouton.click()
