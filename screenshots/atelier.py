"""The capture engine: a browser context made for pixel-identical PNGs, and the workshop that
walks the journey (`screenshots.parcours`), taking one PNG at each `capturer` call."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Locator, Playwright, expect
from playwright.sync_api import TimeoutError as DelaiDepasse

from pages.base import Ecran
from pages.textes import FICHIER as FICHIER_TEXTES
from pages.textes import ou_est
from pages.tutoriel import Consigne
from plugins.browser import LOCALE, TIMEZONE_ID, chromium_launch_args
from screenshots import surlignage
from screenshots.catalogue import CAPTURES, PAR_NOM, Capture, Viewport
from screenshots.parcours import parcourir

# A label the page no longer has is reported after this wait, not Playwright's 30 s.
DELAI_ELEMENT_MS = 10_000
# A JSON string: the accessible name in an ARIA snapshot's first line (`- button "Continuer"`,
# `- textbox "Mon nom": DUPONT`), a quoted text in a call log (`get_by_label("Mon nom")`).
_CHAINE = r'"(?:[^"\\]|\\.)*"'
_ROLE_NOM = re.compile(rf"- (?P<role>[\w-]+)(?: (?P<nom>{_CHAINE}))?")

_AU_REPOS_JS = """() => {
  if (document.activeElement instanceof HTMLElement) { document.activeElement.blur(); }
  window.scrollTo(0, 0);
}"""


@dataclass(frozen=True)
class ElementSurligne:
    """The element a screenshot points at: its role and accessible name."""

    role: str
    nom: str


@dataclass(frozen=True)
class Reglages:
    """What one run captures, where, and how."""

    dossier: Path
    viewport: Viewport
    surlignage: bool = True
    captures: tuple[Capture, ...] = CAPTURES


@dataclass(frozen=True)
class Resultat:
    """One screenshot of the journey: the element it points at and, when taken, its PNG."""

    capture: Capture
    element: ElementSurligne
    fichier: Path | None


class ParcoursTermine(Exception):
    """Every selected screenshot is taken: the rest of the journey is not needed."""


def element_introuvable(erreur: DelaiDepasse) -> str:
    """One line for an element the journey waited for in vain, most often a changed label: the
    last text of the call log (`waiting for get_by_label("Mon nom")`) is looked up in the
    wording module, to name the screen and the field."""
    lignes = [ligne.strip(" -") for ligne in str(erreur).splitlines() if ligne.strip()]
    attente = next((ligne for ligne in lignes if ligne.startswith("waiting for")), "")
    action = lignes[0].split(":", 1)[0] if lignes else "Playwright"
    textes = re.findall(_CHAINE, attente)
    attendu = str(json.loads(textes[-1])) if textes else ""
    trouves = ou_est(attendu) if attendu else []
    if len(trouves) == 1:
        constante, ecran, champ = trouves[0]
        quoi = f"{ecran.designation()} : « {attendu} » ({constante}.{champ}) introuvable"
    elif trouves:
        ou = ", ".join(f"{constante}.{champ}" for constante, _, champ in trouves)
        quoi = f"« {attendu} » ({ou}) introuvable"
    else:
        quoi = f"{attente or 'un élément'} introuvable"
    return (
        f"{quoi} ({action}, {DELAI_ELEMENT_MS // 1000} s) ; si le site a changé ce texte, "
        f"reportez-le dans {FICHIER_TEXTES}"
    )


def lire_role_nom(instantane: str) -> ElementSurligne:
    """The role and accessible name on the first line of an ARIA snapshot."""
    trouve = _ROLE_NOM.match(instantane)
    if trouve is None:
        raise ValueError(f"instantané ARIA illisible : {instantane!r}")
    return ElementSurligne(trouve["role"], json.loads(trouve["nom"] or '""'))


def lancer_chromium(playwright: Playwright) -> Browser:
    """Chromium headless, found and launched as the suite's browser tests launch it."""
    chromium = playwright.chromium
    return chromium.launch(**chromium_launch_args({"headless": True}, chromium.executable_path))


def arguments_contexte(viewport: Viewport, base_url: str) -> dict[str, Any]:
    """A browser context that renders the same pixels on every run."""
    taille = {"width": viewport.largeur, "height": viewport.hauteur}
    return {
        "base_url": base_url,
        "viewport": taille,
        "screen": taille,
        "device_scale_factor": 1,
        "is_mobile": viewport.mobile,
        "has_touch": viewport.mobile,
        "locale": LOCALE,
        "timezone_id": TIMEZONE_ID,
        "color_scheme": "light",
        "reduced_motion": "reduce",
        # The highlight is an inline SVG with inline styles, which the mock's CSP forbids.
        "bypass_csp": True,
    }


class Atelier:
    """The `Realisation` of `screenshots.parcours` that types and clicks at once, and takes the
    screenshots of one run as the journey reaches each screen."""

    def __init__(self, reglages: Reglages) -> None:
        self.reglages = reglages
        self.resultats: dict[str, Resultat] = {}
        self._a_prendre = {capture.nom for capture in reglages.captures}

    def etape(self, numero: int) -> None:
        """Nothing to do: the catalogue knows each screenshot's step."""

    def ecran(self, ecran: Ecran, consigne: Consigne | None) -> None:
        """Nothing to do: the journey checked the heading."""

    def saisir(self, champ: Locator, texte: str, consigne: Consigne) -> None:
        """Fill the field."""
        champ.fill(texte)

    def cliquer(self, cible: Locator, consigne: Consigne) -> None:
        """Click the element."""
        cible.click()

    def survoler(self, cible: Locator, consigne: Consigne) -> None:
        """Hover the element."""
        cible.hover()

    def montrer(self, cible: Locator, consigne: Consigne) -> None:
        """Nothing to do: a screenshot points at its element when it is taken."""

    def capturer(self, nom: str, cible: Locator) -> None:
        """Record the element the screenshot `nom` points at, and take it if it is selected;
        raise `ParcoursTermine` once every selected one is taken."""
        capture, page = PAR_NOM[nom], cible.page
        expect(cible).to_be_visible()
        page.wait_for_load_state("load")
        element = lire_role_nom(cible.aria_snapshot())
        fichier = self.reglages.dossier / capture.fichier if nom in self._a_prendre else None
        if fichier is not None:
            # No focus ring and no scroll position in the picture: the arrow shows the way.
            page.evaluate(_AU_REPOS_JS)
            # The mouse put where the picture needs it by a real mouse event. Left where the
            # last click put it, the element under it changes with the scroll above, and
            # Chromium updates the hover state after a scroll at its own pace: a radio button
            # was drawn hovered in some runs and not in others.
            if capture.survol:
                cible.hover()
            else:
                page.mouse.move(0, 0)
            if self.reglages.surlignage:
                surlignage.surligner(cible, capture.fleche)
            page.screenshot(
                path=fichier, full_page=True, animations="disabled", caret="hide", scale="css"
            )
            if self.reglages.surlignage:
                surlignage.effacer(page)
        self.resultats[nom] = Resultat(capture, element, fichier)
        if self._a_prendre <= self.resultats.keys():
            raise ParcoursTermine

    def dans_l_ordre(self) -> list[Resultat]:
        """The screens reached, in the catalogue's order; every selected one must be."""
        manquantes = sorted(self._a_prendre - self.resultats.keys())
        if manquantes:
            raise RuntimeError(f"écrans jamais atteints : {', '.join(manquantes)}")
        return [self.resultats[c.nom] for c in CAPTURES if c.nom in self.resultats]


def vider_le_mock(contexte: BrowserContext) -> None:
    """Empty the mock (`POST /_test/reset`), so that the demo person can be stored again."""
    reponse = contexte.request.post("/_test/reset")
    if not reponse.ok:
        raise RuntimeError(f"POST /_test/reset : {reponse.status} {reponse.text()[:200]}")


def capturer_parcours(
    browser: Browser, base_url: str, reglages: Reglages, *, reinitialiser: bool
) -> list[Resultat]:
    """Walk the journey in a fresh context and take the selected screenshots; `reinitialiser`
    empties the mock first, where the demo person already has an account."""
    atelier = Atelier(reglages)
    contexte = browser.new_context(**arguments_contexte(reglages.viewport, base_url))
    contexte.set_default_timeout(DELAI_ELEMENT_MS)
    try:
        if reinitialiser:
            vider_le_mock(contexte)
        parcourir(contexte.new_page(), atelier)
    except ParcoursTermine:
        pass  # the journey stops after the last screenshot asked for
    finally:
        contexte.close()
    return atelier.dans_l_ordre()
