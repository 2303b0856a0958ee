"""Screen 5: "Accédez immédiatement à votre compte" (IBAN and Vitale serial digits)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.conditions import ConditionsPage


class IdentitePage(Ecran):
    """Identity confirmation with the last digits of the IBAN and the Vitale serial."""

    CHEMIN = "/compte/identite"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.iban = page.get_by_label("Saisissez les 7 derniers chiffres de votre IBAN")
        self.vitale = page.get_by_label(
            "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale avec photo"
        )
        self.aide_iban = page.get_by_role("button", name="Aide : où trouver votre IBAN")
        self.aide_vitale = page.get_by_role(
            "button", name="Aide : où trouver le numéro de série de votre carte Vitale"
        )
        self.sans_numero_de_serie = page.get_by_role(
            "link", name="Je ne dispose pas du numéro de série de ma carte Vitale"
        )
        self.retour_bouton = page.get_by_role("button", name="Retour")
        self.valider_bouton = page.get_by_role("button", name="Valider")

    @action(
        "Saisir les 7 derniers chiffres de l'IBAN {iban7} et les 11 derniers chiffres "
        "de la carte Vitale {vitale11}"
    )
    def renseigner(self, iban7: str, vitale11: str) -> None:
        """Fill both fields."""
        self.iban.fill(iban7)
        self.vitale.fill(vitale11)

    @action("Cliquer sur « Valider »")
    def valider(self) -> ConditionsPage:
        """Send the digits; on success the terms come next."""
        self.valider_bouton.click()
        return ConditionsPage(self.page)

    @action("Cliquer sur « Retour »")
    def retour(self) -> None:
        """Go back to screen 4."""
        self.retour_bouton.click()

    @action("Ouvrir l'aide « ? » de l'IBAN")
    def afficher_aide_iban(self) -> None:
        """Toggle the help of the IBAN field."""
        self.aide_iban.click()

    @action("Cliquer sur « Je ne dispose pas du numéro de série de ma carte Vitale »")
    def demander_code_provisoire(self) -> CodeProvisoirePage:
        """Go to the provisional-code request."""
        self.sans_numero_de_serie.click()
        return CodeProvisoirePage(self.page)


class CodeProvisoirePage(Ecran):
    """A provisional code sent by post when the Vitale serial is unknown."""

    CHEMIN = "/compte/code-provisoire"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.recevoir = page.get_by_role("button", name="Recevoir mon code provisoire par courrier")
        self.confirmation = page.get_by_role("status")

    @action("Cliquer sur « Recevoir mon code provisoire par courrier »")
    def recevoir_par_courrier(self) -> None:
        """Ask for the letter."""
        self.recevoir.click()
