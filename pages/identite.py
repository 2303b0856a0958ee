"""Screen 5: the identity confirmation (IBAN and Vitale serial digits)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.conditions import ConditionsPage
from pages.textes import CODE_PROVISOIRE, IDENTITE


class IdentitePage(Ecran):
    """Identity confirmation with the last digits of the IBAN and the Vitale serial."""

    CHEMIN = "/compte/identite"
    TEXTES = IDENTITE

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.iban = page.get_by_label(IDENTITE.iban)
        self.vitale = page.get_by_label(IDENTITE.vitale)
        self.aide_iban = page.get_by_role("button", name=IDENTITE.aide_iban)
        self.aide_vitale = page.get_by_role("button", name=IDENTITE.aide_vitale)
        self.sans_numero_de_serie = page.get_by_role("link", name=IDENTITE.sans_numero_de_serie)
        self.retour_bouton = page.get_by_role("button", name=IDENTITE.retour)
        self.valider_bouton = page.get_by_role("button", name=IDENTITE.valider)

    @action(
        "Saisir les 7 derniers chiffres de l'IBAN {iban7} et les 11 derniers chiffres "
        "de la carte Vitale {vitale11}"
    )
    def renseigner(self, iban7: str, vitale11: str) -> None:
        """Fill both fields."""
        self.iban.fill(iban7)
        self.vitale.fill(vitale11)

    @action(f"Cliquer sur « {IDENTITE.valider} »")
    def valider(self) -> ConditionsPage:
        """Send the digits; on success the terms come next."""
        self.valider_bouton.click()
        return ConditionsPage(self.page)

    @action(f"Cliquer sur « {IDENTITE.retour} »")
    def retour(self) -> None:
        """Go back to screen 4."""
        self.retour_bouton.click()

    @action("Ouvrir l'aide « ? » de l'IBAN")
    def afficher_aide_iban(self) -> None:
        """Toggle the help of the IBAN field."""
        self.aide_iban.click()

    @action(f"Cliquer sur « {IDENTITE.sans_numero_de_serie} »")
    def demander_code_provisoire(self) -> CodeProvisoirePage:
        """Go to the provisional-code request."""
        self.sans_numero_de_serie.click()
        return CodeProvisoirePage(self.page)


class CodeProvisoirePage(Ecran):
    """A provisional code sent by post when the Vitale serial is unknown."""

    CHEMIN = "/compte/code-provisoire"
    TEXTES = CODE_PROVISOIRE

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.recevoir = page.get_by_role("button", name=CODE_PROVISOIRE.recevoir)
        self.confirmation = page.get_by_role("status")

    @action(f"Cliquer sur « {CODE_PROVISOIRE.recevoir} »")
    def recevoir_par_courrier(self) -> None:
        """Ask for the letter."""
        self.recevoir.click()
