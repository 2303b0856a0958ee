"""Screen 8: the personal information (Étape 3): email, phones and consents."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import EcranAEtapes, action
from pages.confirmation import ConfirmationPage
from pages.textes import COORDONNEES


class CoordonneesPage(EcranAEtapes):
    """Email (twice), mobile and landline numbers, and the contact consents."""

    CHEMIN = "/compte/coordonnees"
    TEXTES = COORDONNEES

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.email = page.get_by_label(COORDONNEES.email)
        self.email_confirmation = page.get_by_label(COORDONNEES.email_confirmation)
        self.portable = page.get_by_label(COORDONNEES.portable)
        self.fixe = page.get_by_label(COORDONNEES.fixe)
        self.consentement_email = page.get_by_role("group", name=COORDONNEES.consentement_email)
        self.consentement_portable_telephone = page.get_by_role(
            "group", name=COORDONNEES.consentement_portable_telephone
        )
        self.consentement_portable_sms = page.get_by_role(
            "group", name=COORDONNEES.consentement_portable_sms
        )
        self.consentement_fixe_telephone = page.get_by_role(
            "group", name=COORDONNEES.consentement_fixe_telephone
        )
        self.retour_bouton = page.get_by_role("button", name=COORDONNEES.retour)
        self.continuer_bouton = page.get_by_role("button", name=COORDONNEES.continuer)

    @staticmethod
    def oui(groupe: Locator) -> Locator:
        """The "Oui" radio of a consent."""
        return groupe.get_by_role("radio", name=COORDONNEES.oui)

    @staticmethod
    def non(groupe: Locator) -> Locator:
        """The "Non" radio of a consent."""
        return groupe.get_by_role("radio", name=COORDONNEES.non)

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

    @action(f"Répondre « {COORDONNEES.oui} » au consentement : {{nom}}")
    def autoriser(self, groupe: Locator, nom: str) -> None:
        """Check "Oui" for one consent."""
        self.oui(groupe).check()

    @action(f"Cliquer sur « {COORDONNEES.continuer} »")
    def continuer(self) -> ConfirmationPage:
        """Send the details; on success the confirmation comes next."""
        self.continuer_bouton.click()
        return ConfirmationPage(self.page)

    @action(f"Cliquer sur « {COORDONNEES.retour} »")
    def retour(self) -> None:
        """Go back to the personal code."""
        self.retour_bouton.click()
