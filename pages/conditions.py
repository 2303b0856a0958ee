"""Screen 6: "J'accepte les conditions d'utilisation" (Étape 1)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import EcranAEtapes, action
from pages.code_personnel import CodePersonnelPage


class ConditionsPage(EcranAEtapes):
    """Terms of use: "Oui, j'accepte" or "Non, je refuse"."""

    CHEMIN = "/compte/conditions"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.oui = page.get_by_role("radio", name="Oui, j'accepte")
        self.non = page.get_by_role("radio", name="Non, je refuse")
        self.conditions_detaillees = page.get_by_role(
            "link", name="les conditions d'utilisation détaillées"
        )
        self.annuler_bouton = page.get_by_role("button", name="Annuler")
        self.continuer_bouton = page.get_by_role("button", name="Continuer")

    @action("Cocher « Oui, j'accepte »")
    def accepter(self) -> None:
        """Accept the terms."""
        self.oui.check()

    @action("Cocher « Non, je refuse »")
    def refuser(self) -> None:
        """Refuse the terms."""
        self.non.check()

    @action("Cliquer sur « Continuer »")
    def continuer(self) -> CodePersonnelPage:
        """Send the choice; after acceptance the personal code comes next."""
        self.continuer_bouton.click()
        return CodePersonnelPage(self.page)

    @action("Cliquer sur « Annuler »")
    def annuler(self) -> None:
        """Give up the creation and go back to the portal."""
        self.annuler_bouton.click()
