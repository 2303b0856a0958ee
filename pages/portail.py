"""Screen 3: the insured person's portal (login, or start a creation) and the logged-in space."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.creation import CreationPage
from pages.textes import ESPACE, PORTAIL


class PortailPage(Ecran):
    """The portal: log in, or start creating an account."""

    CHEMIN = "/compte"
    TEXTES = PORTAIL

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.nir = page.get_by_label(PORTAIL.nir)
        self.code_personnel = page.get_by_label(PORTAIL.code_personnel)
        self.se_connecter_bouton = page.get_by_role("button", name=PORTAIL.se_connecter)
        self.je_cree_mon_compte = page.get_by_role("link", name=PORTAIL.je_cree_mon_compte)

    @action(f"Cliquer sur « {PORTAIL.je_cree_mon_compte} »")
    def commencer_creation(self) -> CreationPage:
        """Start the account creation."""
        self.je_cree_mon_compte.click()
        return CreationPage(self.page)

    @action("Se connecter avec le numéro {nir} et le code personnel")
    def se_connecter(self, nir: str, code_personnel: str) -> EspacePage:
        """Log in with NIR and personal code."""
        self.nir.fill(nir)
        self.code_personnel.fill(code_personnel)
        self.se_connecter_bouton.click()
        return EspacePage(self.page)


class EspacePage(Ecran):
    """The space of a logged-in insured person."""

    CHEMIN = "/compte/espace"
    TEXTES = ESPACE

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.se_deconnecter = page.get_by_role("button", name=ESPACE.se_deconnecter)
