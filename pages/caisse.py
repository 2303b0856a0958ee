"""Screen 1's dialog proposing the caisse of the postal code's department."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import action
from pages.textes import DIALOGUE_CAISSE


class DialogueCaisse:
    """The modal dialog: "Confirmer" or "Ce n'est pas ma caisse"."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogue = page.get_by_role("dialog", name=DIALOGUE_CAISSE.titre)
        self.confirmer_bouton = self.dialogue.get_by_role("button", name=DIALOGUE_CAISSE.confirmer)
        self.pas_ma_caisse_bouton = self.dialogue.get_by_role(
            "button", name=DIALOGUE_CAISSE.pas_ma_caisse
        )

    @action(f"Cliquer sur « {DIALOGUE_CAISSE.confirmer} »")
    def confirmer(self) -> None:
        """Keep the proposed caisse."""
        self.confirmer_bouton.click()

    @action(f"Cliquer sur « {DIALOGUE_CAISSE.pas_ma_caisse} »")
    def pas_ma_caisse(self) -> None:
        """Refuse the proposed caisse, to type another postal code."""
        self.pas_ma_caisse_bouton.click()

    @action("Fermer la fenêtre avec la touche Échap")
    def fermer_avec_echap(self) -> None:
        """Close the dialog from the keyboard."""
        self.page.keyboard.press("Escape")
