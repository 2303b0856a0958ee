"""The film's way of walking the journey: a `Realisation` of `screenshots.parcours` that shows
each action as a person learning it would want to see it.

Each action begins with the tutorial's sentence as a caption (the previous one stays up until it
has been on screen long enough to be read), the page scrolled to the element if needed, the
element outlined and pointed at by the screenshots' arrow (`screenshots.surlignage`), the
pointer gliding to it, a click's ring, and only then the real click. Text is typed one
character at a time. Each new screen is held long enough to read its heading. Every picture is
a screenshot taken after the page has loaded and the journey's web-first checks have passed;
nothing is shown while a page loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from PIL import Image
from playwright.sync_api import Locator, Page

from film.montage import Montage
from film.pistes import texte_de_chapitre, texte_de_legende
from film.pointeur import Point, chemin, dessiner, duree_du_trajet
from pages.base import Ecran
from pages.tutoriel import ETAPES, Consigne
from screenshots import surlignage
from screenshots.catalogue import Viewport

# 16:9 at 1280×720, one CSS pixel per pixel, as the screenshots are taken.
CADRE = Viewport("film", 1280, 720, mobile=False, sous_dossier="")
# An element closer than this to the top or bottom edge is scrolled to before it is used.
MARGE_DE_DEFILEMENT = 40


@dataclass(frozen=True)
class Rythme:
    """How long each thing is shown, in seconds of film."""

    titre: float = 2.5  # a new screen, to read its heading
    trajet_min: float = 0.35  # the pointer going to an element, by its distance
    trajet_max: float = 0.9
    visee: float = 0.5  # the pointer on the outlined element, before the click
    clic: float = 0.3  # the click's ring
    frappe: float = 0.12  # one character typed (3 pictures)
    apres_saisie: float = 0.3
    survol: float = 1.5  # a description shown on hover
    montre: float = 1.5  # an element pointed at without acting on it
    defilement: float = 0.5
    fin: float = 2.0  # the last picture
    caracteres_par_seconde: float = 17.0  # a caption's reading speed
    lecture_min: float = 1.5

    def lecture(self, texte: str) -> float:
        """How long a caption must stay to be read."""
        return max(self.lecture_min, len(texte) / self.caracteres_par_seconde)


class Tournage:
    """Shoots the journey into a `Montage`; `affiche` is the first screen, for the poster."""

    def __init__(self, montage: Montage, rythme: Rythme | None = None) -> None:
        self.montage = montage
        self.rythme = rythme or Rythme()
        self.pointeur: Point = (CADRE.largeur * 0.7, CADRE.hauteur * 0.75)
        self.affiche: Image.Image | None = None
        self._legende: Consigne | None = None

    # The Realisation of screenshots.parcours --------------------------------------------------

    def etape(self, numero: int) -> None:
        """A chapter titled as the tutorial's heading begins with the next picture."""
        self.montage.chapitre(texte_de_chapitre(ETAPES[numero].libelle))

    def ecran(self, ecran: Ecran, consigne: Consigne | None) -> None:
        """Hold the new screen long enough to read its heading."""
        self._legender(ecran.page, consigne)
        image = self._photo(ecran.page)
        if self.affiche is None:
            self.affiche = image
        self._tenir(image, self.rythme.titre)

    def saisir(self, champ: Locator, texte: str, consigne: Consigne) -> None:
        """Click into the field if it has not the focus, then type one character at a time."""
        self._legender(champ.page, consigne)
        if not champ.evaluate("(element) => element === document.activeElement"):
            self._viser(champ)
            champ.click()
        champ.fill("")
        for caractere in texte:
            champ.page.keyboard.type(caractere)
            self._tenir(self._photo(champ.page), self.rythme.frappe)
        self._tenir(self._photo(champ.page), self.rythme.apres_saisie)

    def cliquer(self, cible: Locator, consigne: Consigne) -> None:
        """Point at the element, show the click, then click."""
        self._legender(cible.page, consigne)
        self._viser(cible, lire=True)
        cible.click()

    def survoler(self, cible: Locator, consigne: Consigne) -> None:
        """Bring the pointer over the element and show what hovering it shows."""
        self._legender(cible.page, consigne)
        self._defiler_vers(cible)
        self._glisser_vers(cible, self._photo(cible.page))
        cible.hover()
        self._tenir(self._photo(cible.page), self.rythme.survol)

    def montrer(self, cible: Locator, consigne: Consigne) -> None:
        """Outline the element and point the arrow at it for a moment."""
        self._legender(cible.page, consigne)
        self._defiler_vers(cible)
        surlignage.surligner(cible)
        self._tenir(self._photo(cible.page), self.rythme.montre)
        surlignage.effacer(cible.page)

    def capturer(self, nom: str, cible: Locator) -> None:
        """Nothing: the screenshots are `make screenshots`' business."""

    def finir(self, page: Page) -> None:
        """Let the last caption be read, then hold the last picture."""
        self._legender(page, None)
        self._tenir(self._photo(page), self.rythme.fin)

    # The shots --------------------------------------------------------------------------------

    def _photo(self, page: Page) -> Image.Image:
        """The page as it is now, once loaded (a screenshot of the viewport)."""
        page.wait_for_load_state("load")
        donnees = page.screenshot(type="jpeg", quality=92, animations="disabled", caret="hide")
        return Image.open(BytesIO(donnees)).convert("RGB")

    def _tenir(self, image: Image.Image, duree: float) -> None:
        self.montage.ajouter(dessiner(image, self.pointeur), duree)

    def _reste_a_lire(self) -> float:
        """Seconds the current caption must still stay up to be read."""
        if self._legende is None:
            return 0.0
        return self.rythme.lecture(self._legende.texte) - self.montage.depuis_la_legende()

    def _legender(self, page: Page, consigne: Consigne | None) -> None:
        """The new caption, once the current one has been up long enough to be read."""
        if consigne == self._legende:
            return
        if self._reste_a_lire() > 0:
            self._tenir(self._photo(page), self._reste_a_lire())
        self._legende = consigne
        self.montage.legende(None if consigne is None else texte_de_legende(consigne.texte))

    def _viser(self, cible: Locator, *, lire: bool = False) -> None:
        """Scroll to the element, outline it, bring the pointer onto it, show the click.

        `lire`: before the click, wait on the outlined element until the caption has been read,
        so that a click that changes the page does not take the sentence to the next screen.
        """
        page = cible.page
        self._defiler_vers(cible)
        surlignage.surligner(cible)
        fond = self._photo(page)
        self._glisser_vers(cible, fond)
        self._tenir(fond, max(self.rythme.visee, self._reste_a_lire() if lire else 0))
        images = max(1, round(self.rythme.clic * self.montage.ips))
        for rang in range(images):
            self.montage.ajouter(dessiner(fond, self.pointeur, clic=rang / images), 0)
        surlignage.effacer(page)

    def _glisser_vers(self, cible: Locator, fond: Image.Image) -> None:
        boite = cible.bounding_box()
        if boite is None:
            raise RuntimeError(f"{cible} n'est pas affiché : le pointeur ne peut pas y aller")
        arrivee = (boite["x"] + boite["width"] / 2, boite["y"] + boite["height"] / 2)
        rythme = self.rythme
        duree = duree_du_trajet(self.pointeur, arrivee, rythme.trajet_min, rythme.trajet_max)
        for point in chemin(self.pointeur, arrivee, round(duree * self.montage.ips)):
            self.montage.ajouter(dessiner(fond, point), 0)
        self.pointeur = arrivee

    def _defiler_vers(self, cible: Locator) -> None:
        """Scroll smoothly until the element is in the upper third, if it is out of view.

        The frames in between are cut from one screenshot of the whole page (the mock has no
        fixed or sticky element), then the page really scrolls.
        """
        boite = cible.bounding_box()
        if boite is None:
            raise RuntimeError(f"{cible} n'est pas affiché : impossible d'y faire défiler")
        haut, bas = boite["y"], boite["y"] + boite["height"]
        if haut >= MARGE_DE_DEFILEMENT and bas <= CADRE.hauteur - MARGE_DE_DEFILEMENT:
            return
        page = cible.page
        page.wait_for_load_state("load")
        depart: float = page.evaluate("() => window.scrollY")
        hauteur_page: float = page.evaluate("() => document.documentElement.scrollHeight")
        but = max(0.0, min(depart + haut - CADRE.hauteur / 3, hauteur_page - CADRE.hauteur))
        entiere = Image.open(BytesIO(page.screenshot(type="jpeg", quality=92, full_page=True)))
        images = round(self.rythme.defilement * self.montage.ips)
        for _, y in chemin((0, depart), (0, but), images):
            vue = entiere.crop((0, round(y), CADRE.largeur, round(y) + CADRE.hauteur))
            self.montage.ajouter(dessiner(vue.convert("RGB"), self.pointeur), 0)
        page.evaluate("(y) => window.scrollTo({top: y, behavior: 'instant'})", but)
