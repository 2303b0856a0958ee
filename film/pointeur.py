"""The mouse pointer drawn over the film's pictures, its path to a target, and a click's ring.

The browser shows no pointer in a screenshot: the film draws one where the mouse goes. Its path
eases in and out, as a hand moves; the ring of a click is the highlight's blue
(`screenshots.surlignage.BLEU`). Plain Pillow, tested without a browser.
"""

from __future__ import annotations

import math
from functools import cache

from PIL import Image, ImageDraw

from screenshots.surlignage import BLEU

Point = tuple[float, float]

# The classic arrow, its tip at (0, 0), in pixels at scale 1.
_FLECHE: tuple[Point, ...] = (
    (0, 0),
    (0, 21),
    (5, 16.5),
    (9, 25.5),
    (12.5, 24),
    (8.5, 15.5),
    (15, 15.5),
)
ECHELLE = 1.4
# Around the arrow in the sprite, in pixels: where its tip is.
MARGE = 3
_SURECHANTILLONNAGE = 4
RAYON_MAX_CLIC = 26


@cache
def sprite() -> Image.Image:
    """The pointer: black, outlined in white, anti-aliased (drawn large, then reduced)."""
    facteur = ECHELLE * _SURECHANTILLONNAGE
    marge = MARGE * _SURECHANTILLONNAGE
    points = [(x * facteur + marge, y * facteur + marge) for x, y in _FLECHE]
    largeur = math.ceil(max(x for x, _ in points)) + 2 * marge
    hauteur = math.ceil(max(y for _, y in points)) + 2 * marge
    grande = Image.new("RGBA", (largeur, hauteur), (0, 0, 0, 0))
    ImageDraw.Draw(grande).polygon(
        points, fill=(20, 20, 20, 255), outline=(255, 255, 255, 255), width=2 * _SURECHANTILLONNAGE
    )
    return grande.resize(
        (largeur // _SURECHANTILLONNAGE, hauteur // _SURECHANTILLONNAGE), Image.Resampling.LANCZOS
    )


def dessiner(image: Image.Image, position: Point, clic: float | None = None) -> Image.Image:
    """A copy of `image` with the pointer's tip at `position`; `clic` in [0, 1] adds the ring
    of a click at that moment of it."""
    copie = image.copy()
    x, y = round(position[0]), round(position[1])
    if clic is not None:
        rayon = 6 + (RAYON_MAX_CLIC - 6) * clic
        opacite = round(255 * (1 - clic * 0.7))
        calque = Image.new("RGBA", copie.size, (0, 0, 0, 0))
        rouge, vert, bleu = (int(BLEU[i : i + 2], 16) for i in (1, 3, 5))
        ImageDraw.Draw(calque).ellipse(
            (x - rayon, y - rayon, x + rayon, y + rayon),
            outline=(rouge, vert, bleu, opacite),
            width=4,
        )
        copie = Image.alpha_composite(copie.convert("RGBA"), calque).convert("RGB")
    fleche = sprite()
    copie.paste(fleche, (x - MARGE, y - MARGE), fleche)
    return copie


def adoucir(t: float) -> float:
    """Ease in and out: slow start, slow end (smoothstep)."""
    return t * t * (3 - 2 * t)


def chemin(depart: Point, arrivee: Point, images: int) -> list[Point]:
    """The pointer's positions over `images` pictures, the last one on `arrivee`."""
    if images <= 0:
        return []
    return [
        (
            depart[0] + (arrivee[0] - depart[0]) * adoucir(rang / images),
            depart[1] + (arrivee[1] - depart[1]) * adoucir(rang / images),
        )
        for rang in range(1, images + 1)
    ]


def duree_du_trajet(depart: Point, arrivee: Point, minimum: float, maximum: float) -> float:
    """Seconds for the pointer to go there: longer for a longer way, within bounds."""
    distance = math.hypot(arrivee[0] - depart[0], arrivee[1] - depart[1])
    return min(maximum, max(minimum, distance / 1000))
