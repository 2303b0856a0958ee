"""Screen 4: "Je crée mon compte ameli" (name, NIR, birth date, postal code, or FranceConnect)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.identite import IdentitePage


class CreationPage(Ecran):
    """The account-creation form."""

    CHEMIN = "/compte/creation"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.nom = page.get_by_label("Mon nom")
        self.nir = page.get_by_label("Mon numéro de sécurité sociale")
        self.date_naissance = page.get_by_label("Ma date de naissance")
        self.code_postal = page.get_by_label("Mon code postal")
        self.aide_nir = page.get_by_role(
            "button", name="Aide : où trouver votre numéro de sécurité sociale"
        )
        self.retour_bouton = page.get_by_role("button", name="Retour")
        self.continuer_bouton = page.get_by_role("button", name="Continuer")
        self.franceconnect_bouton = page.get_by_role(
            "button", name="S’identifier avec FranceConnect"
        )
        self.qu_est_ce_que_franceconnect = page.get_by_role(
            "link", name="Qu’est-ce que FranceConnect ?"
        )
        self.lien_connexion = page.get_by_role("link", name="Je me connecte à mon compte")

    @action(
        "Renseigner nom {nom}, n° de sécurité sociale {nir}, date de naissance "
        "{date_naissance}, code postal {code_postal}"
    )
    def renseigner(self, nom: str, nir: str, date_naissance: str, code_postal: str) -> None:
        """Fill the four fields."""
        self.nom.fill(nom)
        self.nir.fill(nir)
        self.date_naissance.fill(date_naissance)
        self.code_postal.fill(code_postal)

    @action("Cliquer sur « Continuer »")
    def continuer(self) -> IdentitePage:
        """Send the form; on success the identity confirmation comes next."""
        self.continuer_bouton.click()
        return IdentitePage(self.page)

    @action("Cliquer sur « Retour »")
    def retour(self) -> None:
        """Go back to the portal."""
        self.retour_bouton.click()

    @action("Cliquer sur « S'identifier avec FranceConnect »")
    def s_identifier_avec_franceconnect(self) -> None:
        """Start the FranceConnect identification."""
        self.franceconnect_bouton.click()
