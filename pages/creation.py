"""Screen 4: the account-creation form (name, NIR, birth date, postal code, or FranceConnect)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import Ecran, action
from pages.identite import IdentitePage
from pages.textes import CREATION


class CreationPage(Ecran):
    """The account-creation form."""

    CHEMIN = "/compte/creation"
    TEXTES = CREATION

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.nom = page.get_by_label(CREATION.nom_de_famille)
        self.nir = page.get_by_label(CREATION.nir)
        self.date_naissance = page.get_by_label(CREATION.date_naissance)
        self.code_postal = page.get_by_label(CREATION.code_postal)
        self.aide_nir = page.get_by_role("button", name=CREATION.aide_nir)
        self.retour_bouton = page.get_by_role("button", name=CREATION.retour)
        self.continuer_bouton = page.get_by_role("button", name=CREATION.continuer)
        self.franceconnect_bouton = page.get_by_role("button", name=CREATION.bouton_franceconnect)
        self.qu_est_ce_que_franceconnect = page.get_by_role(
            "link", name=CREATION.aide_franceconnect
        )
        self.lien_connexion = page.get_by_role("link", name=CREATION.lien_connexion)

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

    @action(f"Cliquer sur « {CREATION.continuer} »")
    def continuer(self) -> IdentitePage:
        """Send the form; on success the identity confirmation comes next."""
        self.continuer_bouton.click()
        return IdentitePage(self.page)

    @action(f"Cliquer sur « {CREATION.retour} »")
    def retour(self) -> None:
        """Go back to the portal."""
        self.retour_bouton.click()

    @action(f"Cliquer sur « {CREATION.bouton_franceconnect} »")
    def s_identifier_avec_franceconnect(self) -> None:
        """Start the FranceConnect identification."""
        self.franceconnect_bouton.click()
