"""Screens 1 and 2: the ameli.fr home, its postal-code field and the pink "Compte AMELI" frame."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.caisse import DialogueCaisse
from pages.portail import PortailPage


class AccueilPage(Ecran):
    """ameli.fr home page."""

    CHEMIN = "/"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.code_postal = page.get_by_label("Code postal")
        self.selectionner = page.get_by_role("button", name="Sélectionner")
        self.caisse_choisie = page.get_by_text("Votre caisse :")
        self.cadre_rose = page.get_by_role("complementary", name="Mes services en ligne")
        self.compte_ameli = self.cadre_rose.get_by_role("link", name="Compte AMELI")
        self.dialogue_caisse = DialogueCaisse(page)

    @action("Saisir le code postal {code_postal} et cliquer sur « Sélectionner »")
    def choisir_code_postal(self, code_postal: str) -> DialogueCaisse:
        """Type a postal code and ask for its caisse."""
        self.code_postal.fill(code_postal)
        self.selectionner.click()
        return self.dialogue_caisse

    @action("Survoler le pictogramme « Compte AMELI »")
    def survoler_compte_ameli(self) -> None:
        """Show the pictogram's description."""
        self.compte_ameli.hover()

    @action("Cliquer sur « Compte AMELI » dans le cadre rose")
    def ouvrir_compte_ameli(self) -> PortailPage:
        """Open the insured person's portal, which comes up in a new tab."""
        with self.page.context.expect_page() as nouvel_onglet:
            self.compte_ameli.click()
        onglet = nouvel_onglet.value
        onglet.wait_for_load_state()
        return PortailPage(onglet)
