"""The mailbox page where the validation email is read as a person would."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.confirmation import ValidationPage
from pages.textes import MESSAGERIE


class MessageriePage(Ecran):
    """Inbox of one address, and one message opened."""

    CHEMIN = "/messagerie"
    TEXTES = MESSAGERIE

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.messages = page.get_by_role("list").get_by_role("link")
        self.lien_validation = page.get_by_role("link", name=MESSAGERIE.lien_validation)

    @action("Ouvrir la boîte mail de {adresse}")
    def ouvrir_boite(self, adresse: str) -> MessageriePage:
        """Show the inbox of an address."""
        self.page.goto(f"{self.CHEMIN}?to={adresse}")
        return self

    @action("Ouvrir le message « {sujet} »")
    def ouvrir_message(self, sujet: str) -> None:
        """Open a message by its subject (the newest one with that subject)."""
        self.page.get_by_role("link", name=sujet).first.click()

    @action(f"Cliquer sur « {MESSAGERIE.lien_validation} » dans le message")
    def valider_adresse(self) -> ValidationPage:
        """Follow the email's validation link."""
        self.lien_validation.first.click()
        return ValidationPage(self.page)
