"""Screen 6: the terms of use (Étape 1)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import EcranAEtapes, action
from pages.code_personnel import CodePersonnelPage
from pages.textes import CONDITIONS


class ConditionsPage(EcranAEtapes):
    """Terms of use: accept or refuse."""

    CHEMIN = "/compte/conditions"
    TEXTES = CONDITIONS

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.oui = page.get_by_role("radio", name=CONDITIONS.oui)
        self.non = page.get_by_role("radio", name=CONDITIONS.non)
        self.conditions_detaillees = page.get_by_role("link", name=CONDITIONS.conditions_detaillees)
        self.annuler_bouton = page.get_by_role("button", name=CONDITIONS.annuler)
        self.continuer_bouton = page.get_by_role("button", name=CONDITIONS.continuer)

    @action(f"Cocher « {CONDITIONS.oui} »")
    def accepter(self) -> None:
        """Accept the terms."""
        self.oui.check()

    @action(f"Cocher « {CONDITIONS.non} »")
    def refuser(self) -> None:
        """Refuse the terms."""
        self.non.check()

    @action(f"Cliquer sur « {CONDITIONS.continuer} »")
    def continuer(self) -> CodePersonnelPage:
        """Send the choice; after acceptance the personal code comes next."""
        self.continuer_bouton.click()
        return CodePersonnelPage(self.page)

    @action(f"Cliquer sur « {CONDITIONS.annuler} »")
    def annuler(self) -> None:
        """Give up the creation and go back to the portal."""
        self.annuler_bouton.click()
