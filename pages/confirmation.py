"""Screen 9: the confirmation page and what the validation link leads to."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.textes import CONFIRMATION, VALIDATION


class ConfirmationPage(Ecran):
    """The account is created: an email with a 7-day link was sent."""

    CHEMIN = "/compte/confirmation"
    TEXTES = CONFIRMATION

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.message = page.get_by_role("status")


class ValidationPage(Ecran):
    """The page the email's link opens: activated, expired, already used or unknown."""

    TEXTES = VALIDATION

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.je_me_connecte = page.get_by_role("link", name=VALIDATION.je_me_connecte)
        self.nouveau_lien = page.get_by_role("button", name=VALIDATION.nouveau_lien)

    @action("Ouvrir le lien de validation {lien}")
    def ouvrir_lien(self, lien: str) -> ValidationPage:
        """Follow a validation link."""
        self.page.goto(lien)
        return self

    @action(f"Cliquer sur « {VALIDATION.nouveau_lien} »")
    def demander_nouveau_lien(self) -> None:
        """Ask for a fresh link after expiry."""
        self.nouveau_lien.click()
