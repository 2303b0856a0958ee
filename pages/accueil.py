"""Screens 1 and 2: the ameli.fr home, its postal-code field and the pink "Compte AMELI" frame."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.caisse import DialogueCaisse
from pages.portail import PortailPage
from pages.textes import ACCUEIL


class AccueilPage(Ecran):
    """ameli.fr home page."""

    CHEMIN = "/"
    TEXTES = ACCUEIL

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.code_postal = page.get_by_label(ACCUEIL.code_postal)
        self.selectionner = page.get_by_role("button", name=ACCUEIL.selectionner)
        self.caisse_choisie = page.get_by_text(ACCUEIL.caisse_choisie)
        self.cadre_rose = page.get_by_role("complementary", name=ACCUEIL.cadre_rose)
        self.compte_ameli = self.cadre_rose.get_by_role("link", name=ACCUEIL.compte_ameli)
        self.infobulle_compte_ameli = page.get_by_role(
            "tooltip", name=ACCUEIL.infobulle_compte_ameli
        )
        self.dialogue_caisse = DialogueCaisse(page)

    @action(f"Saisir le code postal {{code_postal}} et cliquer sur « {ACCUEIL.selectionner} »")
    def choisir_code_postal(self, code_postal: str) -> DialogueCaisse:
        """Type a postal code and ask for its caisse."""
        self.code_postal.fill(code_postal)
        self.selectionner.click()
        return self.dialogue_caisse

    @action(f"Survoler le pictogramme « {ACCUEIL.compte_ameli} »")
    def survoler_compte_ameli(self) -> None:
        """Show the pictogram's description."""
        self.compte_ameli.hover()

    @action(f"Cliquer sur « {ACCUEIL.compte_ameli} » dans le cadre rose")
    def ouvrir_compte_ameli(self) -> PortailPage:
        """Open the insured person's portal, which comes up in a new tab."""
        with self.page.context.expect_page() as nouvel_onglet:
            self.compte_ameli.click()
        onglet = nouvel_onglet.value
        onglet.wait_for_load_state()
        return PortailPage(onglet)
