"""The highlight drawn over a screenshot: an outline around the element and a blue arrow.

The geometry is plain Python (tested without a browser); the drawing is one SVG shown in the
page's top layer as a popover, so that it is painted above everything, a modal `<dialog>`
included, and never takes the mouse (the hovered "Compte AMELI" keeps its description). The
mock's CSP forbids inline styles and scripts: the capture context bypasses it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

from screenshots.catalogue import Cote

BLEU = "#1266f1"
HALO = "#ffffff"
ID_CALQUE = "surlignage-capture"

MARGE_CADRE = 5  # between the element and its outline
EPAISSEUR_CADRE = 4
ECART_FLECHE = 6  # between the outline and the arrow's tip
LONGUEUR_FLECHE = 96
LARGEUR_TIGE = 12
LARGEUR_POINTE = 34
LONGUEUR_POINTE = 30
# The arrow comes in at this angle from the horizontal, like the tutorial's.
ANGLE_FLECHE = math.radians(35)


@dataclass(frozen=True)
class Rect:
    """A box in page (document) coordinates, in CSS pixels."""

    x: float
    y: float
    largeur: float
    hauteur: float

    def agrandi(self, marge: float) -> Rect:
        """The same box grown by `marge` on every side."""
        return Rect(
            self.x - marge, self.y - marge, self.largeur + 2 * marge, self.hauteur + 2 * marge
        )


@dataclass(frozen=True)
class Fleche:
    """An arrow from its tail to its tip."""

    queue: tuple[float, float]
    pointe: tuple[float, float]

    def polygone(self) -> list[tuple[float, float]]:
        """The arrow's outline: a thick shaft and a wide head."""
        (qx, qy), (px, py) = self.queue, self.pointe
        longueur = math.hypot(px - qx, py - qy)
        ux, uy = (px - qx) / longueur, (py - qy) / longueur
        nx, ny = -uy, ux
        bx, by = px - ux * LONGUEUR_POINTE, py - uy * LONGUEUR_POINTE

        def decale(x: float, y: float, d: float) -> tuple[float, float]:
            return (x + nx * d, y + ny * d)

        return [
            decale(qx, qy, LARGEUR_TIGE / 2),
            decale(bx, by, LARGEUR_TIGE / 2),
            decale(bx, by, LARGEUR_POINTE / 2),
            (px, py),
            decale(bx, by, -LARGEUR_POINTE / 2),
            decale(bx, by, -LARGEUR_TIGE / 2),
            decale(qx, qy, -LARGEUR_TIGE / 2),
        ]


def placer_fleche(
    cadre: Rect, largeur_page: float, hauteur_page: float, cote: Cote | tuple[Cote, ...] = "gauche"
) -> Fleche:
    """An arrow pointing at the outline from `cote` when there is room, else from another side.

    `cote` is a side or sides in order of preference. From the left or the right the arrow
    comes from below at `ANGLE_FLECHE` (from above when there is no room below); from below it
    points straight up, from above straight down. It always stays inside the page.
    """
    dx = LONGUEUR_FLECHE * math.cos(ANGLE_FLECHE)
    dy = LONGUEUR_FLECHE * math.sin(ANGLE_FLECHE)
    milieu_x = cadre.x + cadre.largeur / 2
    milieu_y = cadre.y + cadre.hauteur / 2
    queue_y = milieu_y + (1 if milieu_y + dy <= hauteur_page else -1) * dy
    gauche = cadre.x - ECART_FLECHE
    droite = cadre.x + cadre.largeur + ECART_FLECHE
    bas = cadre.y + cadre.hauteur + ECART_FLECHE
    haut = cadre.y - ECART_FLECHE
    # Each side: whether the arrow's tail is inside the page there, and the arrow.
    possibles: dict[Cote, tuple[bool, Fleche]] = {
        "gauche": (gauche - dx >= 0, Fleche((gauche - dx, queue_y), (gauche, milieu_y))),
        "droite": (droite + dx <= largeur_page, Fleche((droite + dx, queue_y), (droite, milieu_y))),
        "bas": (
            bas + LONGUEUR_FLECHE <= hauteur_page,
            Fleche((milieu_x, bas + LONGUEUR_FLECHE), (milieu_x, bas)),
        ),
        # The last resort: a full-width element at the very bottom of the page.
        "haut": (True, Fleche((milieu_x, haut - LONGUEUR_FLECHE), (milieu_x, haut))),
    }
    preferes = (cote,) if isinstance(cote, str) else cote
    return next(
        possibles[essai][1]
        for essai in (*preferes, "gauche", "droite", "bas", "haut")
        if possibles[essai][0]
    )


def dessin(
    cible: Rect, largeur_page: float, hauteur_page: float, cote: Cote | tuple[Cote, ...] = "gauche"
) -> str:
    """The SVG of the outline and arrow, the size of the whole page."""
    cadre = cible.agrandi(MARGE_CADRE)
    fleche = placer_fleche(cadre, largeur_page, hauteur_page, cote)
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in fleche.polygone())
    rectangle = (
        f'x="{cadre.x:.1f}" y="{cadre.y:.1f}" width="{cadre.largeur:.1f}" '
        f'height="{cadre.hauteur:.1f}" rx="6" fill="none"'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{largeur_page:.0f}" '
        f'height="{hauteur_page:.0f}" viewBox="0 0 {largeur_page:.0f} {hauteur_page:.0f}">'
        # A white halo under the blue keeps both visible on the site's own blue.
        f'<rect {rectangle} stroke="{HALO}" stroke-width="{EPAISSEUR_CADRE + 4}"/>'
        f'<rect {rectangle} stroke="{BLEU}" stroke-width="{EPAISSEUR_CADRE}"/>'
        f'<polygon points="{points}" fill="{BLEU}" stroke="{HALO}" stroke-width="3" '
        'stroke-linejoin="round"/>'
        "</svg>"
    )


# The element's box in the page, and the page's size.
_MESURES_JS = """(element) => {
  const r = element.getBoundingClientRect(), page = document.documentElement;
  return [r.left + scrollX, r.top + scrollY, r.width, r.height,
          page.scrollWidth, page.scrollHeight];
}"""

_AFFICHER_JS = """([id, svg, largeur, hauteur]) => {
  const calque = document.createElement("div");
  calque.id = id;
  calque.setAttribute("popover", "manual");
  calque.setAttribute("aria-hidden", "true");
  calque.style.cssText = "position: absolute; inset: auto; left: 0; top: 0; margin: 0; "
    + "padding: 0; border: 0; background: transparent; overflow: visible; "
    + "pointer-events: none; width: " + largeur + "px; height: " + hauteur + "px;";
  calque.innerHTML = svg;
  document.body.append(calque);
  calque.showPopover();
}"""

_RETIRER_JS = """(id) => { document.getElementById(id)?.remove(); }"""


def surligner(cible: Locator, cote: Cote | tuple[Cote, ...] = "gauche") -> None:
    """Outline the element and point the arrow at it, over the whole page."""
    x, y, largeur, hauteur, largeur_page, hauteur_page = cible.evaluate(_MESURES_JS)
    svg = dessin(Rect(x, y, largeur, hauteur), largeur_page, hauteur_page, cote)
    cible.page.evaluate(_AFFICHER_JS, [ID_CALQUE, svg, largeur_page, hauteur_page])


def effacer(page: Page) -> None:
    """Remove the highlight, before the page is used again."""
    page.evaluate(_RETIRER_JS, ID_CALQUE)
