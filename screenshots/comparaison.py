"""Visual regression: which pixels really changed between two PNGs, and a diff image.

Two Chromium builds do not draw text quite alike: the grey pixels on the edges of glyphs
(anti-aliasing) come out a shade lighter or darker, while the page is the same. The comparison
therefore follows pixelmatch (mapbox/pixelmatch, the algorithm Playwright's own
`toHaveScreenshot` uses), with numpy:

1. a pixel differs when its colours are perceptibly apart: the YIQ colour distance of the two
   pixels (blended on white) is over `SEUIL_COULEUR`² of the largest possible one — or, inside
   an area that is uniform in both images (eight neighbours of exactly its colour), over
   `SEUIL_ZONE_PLATE`², since anti-aliasing never lies there and a subtle change of a
   background or a button's colour should not go unseen;
2. a differing pixel is forgiven as anti-aliasing when, in either image, it lies between a
   darker and a brighter neighbour and one of those two sits in a flat area (three neighbours of
   exactly its colour) in both images —
   the grey edge of a glyph, not the glyph itself;
3. what is left must be at most a share `TOLERANCE_PAR_DEFAUT` of the image's pixels.

Measured (pixels left as changed; the tolerance is 10 to 16 pixels):
- synthetic 1280×800 pages (`tests/test_screenshots.py` keeps them as tests): glyph edges drawn
  with a gamma of 0.8 or 1.25 instead of 1, the way two rasterisers differ: 0, where thousands
  differ in bytes; one reworded word ~1 900; one letter ~550; a 22-px icon moved by one
  pixel ~60; a button's blue made 7 luminance levels lighter ~6 200;
- the real `etape-5-identite.png` (1280×807): its heading reworded in the template (« Accédez
  tout de suite à votre compte ») 2 263 (0.22 %); one « ? » help icon moved by one pixel 79
  and 87; the ameli blue 6 levels lighter 74 074, 3 levels lighter 0;
- the same journey captured by this Chromium with `--font-render-hinting=full` or
  `--disable-lcd-text`: byte-identical; with `--disable-font-subpixel-positioning` (glyphs
  placed on whole pixels) 0.15–0.61 % of each capture: glyphs moved, not anti-aliasing, and
  more than a reworded word, so no tolerance could absorb it without missing one — a build
  that positions glyphs differently needs its own baselines (`make screenshots`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from PIL import Image

# pixelmatch's default: edge pixels a shade apart (up to ~26 levels of luminance) are equal. At
# 0.05 the thin strokes of 16-px text drawn with another gamma leave ~700 changed pixels.
SEUIL_COULEUR: Final = 0.1
# Inside uniform areas, ~5 levels of luminance are a change; 2 (a colour-profile rounding) are not.
SEUIL_ZONE_PLATE: Final = 0.02
# The share of the image's pixels that may still differ: 1e-5 is 10 to 16 pixels of a capture
# (1280×800 to 1280×1600), a quarter of the smallest real change measured (an icon moved by
# one pixel, ~60), and room for a stray pixel.
TOLERANCE_PAR_DEFAUT: Final = 1e-5
VARIABLE_TOLERANCE: Final = "VISUAL_TOLERANCE"

# The largest YIQ distance there is, between black and white (pixelmatch's 35215).
_DISTANCE_MAX: Final = 35215.0
# Outside an image (when two sizes differ) every pixel counts as changed.
_FOND_ABSENT: Final = (255, 0, 255, 255)
_ROUGE: Final = (230, 0, 0)
_JAUNE: Final = (255, 200, 0)
_VOISINS: Final = tuple((dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (dy, dx) != (0, 0))

Tableau = npt.NDArray[np.float64]
Masque = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Ecart:
    """How one screenshot compares with its baseline."""

    nom: str
    attendue: Path
    obtenue: Path
    part: float  # share of changed pixels, 0 to 1; 1 when the baseline is missing
    diff: Path | None
    taille_attendue: tuple[int, int] | None
    taille_obtenue: tuple[int, int]
    anticrenelage: int = 0  # pixels that differ only by anti-aliasing (forgiven)

    def depasse(self, tolerance: float) -> bool:
        """Whether the change is more than the tolerance allows."""
        return self.taille_attendue is None or self.part > tolerance

    def description(self) -> str:
        """One line for the report."""
        if self.taille_attendue is None:
            return f"{self.nom} : pas d'image de référence ({self.attendue})"
        taille = ""
        if self.taille_attendue != self.taille_obtenue:
            taille = (
                f", taille {self.taille_attendue[0]}×{self.taille_attendue[1]} → "
                f"{self.taille_obtenue[0]}×{self.taille_obtenue[1]}"
            )
        lissage = (
            f" ({self.anticrenelage} pixels d'anticrénelage ignorés)" if self.anticrenelage else ""
        )
        return f"{self.nom} : {self.part:.4%} des pixels ont changé{taille}{lissage}"


@dataclass(frozen=True)
class Differences:
    """The pixels that changed, and those forgiven as anti-aliasing, on the union of sizes."""

    changes: Masque
    anticrenelage: Masque

    @property
    def part(self) -> float:
        """Share of the pixels that changed."""
        return float(self.changes.mean()) if self.changes.size else 0.0


def _rgba(image: Image.Image, hauteur: int, largeur: int) -> npt.NDArray[np.uint8]:
    """The image as an RGBA array on the union size, magenta where it has no pixel."""
    tableau = np.empty((hauteur, largeur, 4), dtype=np.uint8)
    tableau[...] = _FOND_ABSENT
    source = np.asarray(image.convert("RGBA"), dtype=np.uint8)
    tableau[: source.shape[0], : source.shape[1]] = source
    return tableau


def _yiq(rgba: npt.NDArray[np.uint8]) -> tuple[Tableau, Tableau, Tableau]:
    """Y, I and Q of each pixel blended on white, as pixelmatch does."""
    couleurs = rgba[..., :3].astype(np.float64)
    alpha = rgba[..., 3:4].astype(np.float64) / 255
    r, g, b = np.moveaxis(255 + (couleurs - 255) * alpha, -1, 0)
    y = r * 0.29889531 + g * 0.58662247 + b * 0.11448223
    i = r * 0.59597799 - g * 0.27417610 - b * 0.32180189
    q = r * 0.21147017 - g * 0.52261711 + b * 0.31114694
    return y, i, q


def _bord(hauteur: int, largeur: int) -> npt.NDArray[np.int64]:
    """1 on the image's border: pixelmatch counts a missing neighbour as an identical one."""
    bord = np.zeros((hauteur, largeur), dtype=np.int64)
    bord[0, :] = bord[-1, :] = bord[:, 0] = bord[:, -1] = 1
    return bord


def _voisins_identiques(rgba: npt.NDArray[np.uint8]) -> npt.NDArray[np.int64]:
    """How many of each pixel's 8 neighbours have exactly its colour (outside counts as same)."""
    cle = rgba.view(np.uint32)[..., 0]
    borde = np.pad(cle, 1, mode="edge")
    hauteur, largeur = cle.shape
    identiques = np.zeros(cle.shape, dtype=np.int64)
    for dy, dx in _VOISINS:
        identiques += borde[1 + dy : 1 + dy + hauteur, 1 + dx : 1 + dx + largeur] == cle
    return identiques


def _anticreneles(
    candidats: Masque, y: Tableau, rgba: npt.NDArray[np.uint8], plat: Masque, plat_autre: Masque
) -> Masque:
    """Which candidate pixels are anti-aliasing in this image (pixelmatch's `antialiased`)."""
    hauteur, largeur = y.shape
    ys, xs = np.nonzero(candidats)
    if ys.size == 0:
        return np.zeros_like(candidats)
    cle = rgba.view(np.uint32)[..., 0]
    identiques = _bord(hauteur, largeur)[ys, xs]
    deltas = np.empty((len(_VOISINS), ys.size))
    for rang, (dy, dx) in enumerate(_VOISINS):
        vy, vx = ys + dy, xs + dx
        dedans = (vy >= 0) & (vy < hauteur) & (vx >= 0) & (vx < largeur)
        vy_, vx_ = np.clip(vy, 0, hauteur - 1), np.clip(vx, 0, largeur - 1)
        meme = dedans & (cle[vy_, vx_] == cle[ys, xs])
        identiques += meme
        # Brightness of the neighbour relative to the pixel; NaN outside the image.
        delta = np.where(dedans, y[ys, xs] - y[vy_, vx_], np.nan)
        deltas[rang] = np.where(meme, 0.0, delta)
    # Like pixelmatch: "darkest" is the most negative delta, "brightest" the most positive.
    plus_sombre = np.nanargmin(np.where(deltas < 0, deltas, np.inf), axis=0)
    plus_clair = np.nanargmax(np.where(deltas > 0, deltas, -np.inf), axis=0)
    a_sombre = (deltas < 0).any(axis=0)
    a_clair = (deltas > 0).any(axis=0)
    decalages = np.array(_VOISINS)

    def plat_des_deux_cotes(rangs: npt.NDArray[np.intp]) -> Masque:
        vy = np.clip(ys + decalages[rangs, 0], 0, hauteur - 1)
        vx = np.clip(xs + decalages[rangs, 1], 0, largeur - 1)
        resultat: Masque = plat[vy, vx] & plat_autre[vy, vx]
        return resultat

    lisse = (
        (identiques <= 2)
        & a_sombre
        & a_clair
        & (plat_des_deux_cotes(plus_sombre) | plat_des_deux_cotes(plus_clair))
    )
    masque = np.zeros_like(candidats)
    masque[ys, xs] = lisse
    return masque


def differences(
    attendue: Image.Image,
    obtenue: Image.Image,
    seuil: float = SEUIL_COULEUR,
    seuil_zone_plate: float = SEUIL_ZONE_PLATE,
) -> Differences:
    """The changed and the anti-aliasing pixels of two images, compared on their union."""
    hauteur = max(attendue.height, obtenue.height)
    largeur = max(attendue.width, obtenue.width)
    a = _rgba(attendue, hauteur, largeur)
    b = _rgba(obtenue, hauteur, largeur)
    if attendue.size == obtenue.size and np.array_equal(a, b):
        # The usual case, a screen that did not change: no pixel to weigh.
        aucun = np.zeros((hauteur, largeur), dtype=bool)
        return Differences(changes=aucun, anticrenelage=aucun)
    ya, ia, qa = _yiq(a)
    yb, ib, qb = _yiq(b)
    distance = 0.5053 * (ya - yb) ** 2 + 0.299 * (ia - ib) ** 2 + 0.1957 * (qa - qb) ** 2
    candidats: Masque = distance > _DISTANCE_MAX * seuil * seuil
    faibles = (distance > _DISTANCE_MAX * seuil_zone_plate**2) & ~candidats
    plat_a = plat_b = np.zeros_like(candidats)
    if faibles.any() or candidats.any():
        identiques_a, identiques_b = _voisins_identiques(a), _voisins_identiques(b)
        # Flat: three identical neighbours (pixelmatch's "many siblings"). Uniform: all eight,
        # which the straight anti-aliased edge of a box (a row of equal greys) is not.
        plat_a, plat_b = identiques_a > 2, identiques_b > 2
        candidats |= faibles & (identiques_a == 8) & (identiques_b == 8)
    # Outside the smaller image nothing is anti-aliasing: the page grew or shrank there.
    hors_cadre = np.ones((hauteur, largeur), dtype=bool)
    hors_cadre[: min(attendue.height, obtenue.height), : min(attendue.width, obtenue.width)] = False
    if candidats.any():
        lisse = (
            _anticreneles(candidats, ya, a, plat_a, plat_b)
            | _anticreneles(candidats, yb, b, plat_b, plat_a)
        ) & ~hors_cadre
    else:
        lisse = np.zeros_like(candidats)
    return Differences(changes=candidats & ~lisse, anticrenelage=lisse)


def image_de_diff(obtenue: Image.Image, ecarts: Differences) -> Image.Image:
    """The new image faded to grey, changed pixels in red, forgiven anti-aliasing in yellow."""
    hauteur, largeur = ecarts.changes.shape
    fond = Image.new("RGBA", (largeur, hauteur), _FOND_ABSENT)
    fond.paste(obtenue.convert("RGBA"), (0, 0))
    gris = np.asarray(fond.convert("L"), dtype=np.float64)
    pale = (gris + (255 - gris) * 0.6).astype(np.uint8)
    pixels = np.repeat(pale[..., None], 3, axis=2)
    pixels[ecarts.anticrenelage] = _JAUNE
    pixels[ecarts.changes] = _ROUGE
    return Image.fromarray(pixels, mode="RGB")


def comparer(nom: str, attendue: Path, obtenue: Path, diff: Path) -> Ecart:
    """Compare a fresh screenshot with its baseline; write the diff image when they differ."""
    with Image.open(obtenue) as image_obtenue:
        image_obtenue.load()
    if not attendue.exists():
        return Ecart(nom, attendue, obtenue, 1.0, None, None, image_obtenue.size)
    with Image.open(attendue) as image_attendue:
        image_attendue.load()
    ecarts = differences(image_attendue, image_obtenue)
    chemin_diff: Path | None = None
    if ecarts.changes.any() or ecarts.anticrenelage.any():
        diff.parent.mkdir(parents=True, exist_ok=True)
        image_de_diff(image_obtenue, ecarts).save(diff)
        chemin_diff = diff
    return Ecart(
        nom,
        attendue,
        obtenue,
        ecarts.part,
        chemin_diff,
        image_attendue.size,
        image_obtenue.size,
        int(ecarts.anticrenelage.sum()),
    )


def comparer_dossiers(noms: list[str], attendues: Path, obtenues: Path, diffs: Path) -> list[Ecart]:
    """Compare `<nom>.png` of each name between the baseline and the fresh folders."""
    return [
        comparer(nom, attendues / f"{nom}.png", obtenues / f"{nom}.png", diffs / f"{nom}-diff.png")
        for nom in noms
    ]
