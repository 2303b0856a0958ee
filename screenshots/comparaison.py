"""Visual regression: which pixels really changed between two PNGs, and a diff image.

Two Chromium builds draw the grey edges of glyphs (anti-aliasing) a shade lighter or darker on
the same page. The comparison therefore follows pixelmatch (the algorithm of Playwright's
`toHaveScreenshot`), with numpy, on the pixels whose bytes differ:

1. a pixel differs when the YIQ distance of the two pixels (blended on white) is over
   `SEUIL_COULEUR`² of the largest one, or over `SEUIL_ZONE_PLATE`² inside an area uniform in
   both images (eight neighbours of its exact colour), where anti-aliasing never lies and a
   subtle change of a background's colour should be seen;
2. it is forgiven as anti-aliasing when, in either image, it lies between a darker and a
   brighter neighbour, one of which is flat (three neighbours of its exact colour) in both
   images: the grey edge of a glyph, not the glyph;
3. what is left must be at most a share `TOLERANCE_PAR_DEFAUT` of the image's pixels.

Measured (pixels left as changed; the tolerance is 10 to 16 pixels):
- synthetic 1280×800 pages (kept as tests in `tests/test_screenshots.py`): glyph edges drawn
  with a gamma of 0.8 or 1.25, the way two rasterisers differ: 0, where thousands differ in
  bytes; one reworded word ~1 900; one letter ~550; a 22-px icon moved by one pixel ~60; a
  button's blue 7 luminance levels lighter ~6 200;
- the real `etape-5-identite.png` (1280×807): its heading reworded 2 263 (0.22 %); a « ? »
  help icon moved by one pixel 79 and 87; the ameli blue 6 levels lighter 74 074, 3 levels 0;
- this Chromium with `--font-render-hinting=full` or `--disable-lcd-text`: byte-identical;
  with `--disable-font-subpixel-positioning` 0.15–0.61 % of each capture: glyphs moved, more
  than a reworded word, so a build that places glyphs otherwise needs its own baselines.
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
# The eight neighbours (dy, dx), row by row: the first darkest or brightest one wins.
_VOISINS: Final = np.array([(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx])

Tableau = npt.NDArray[np.float64]
Masque = npt.NDArray[np.bool_]
Pixels = npt.NDArray[np.uint8]
Entiers = npt.NDArray[np.intp]


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
        texte = f"{self.nom} : {self.part:.4%} des pixels ont changé"
        if self.taille_attendue != self.taille_obtenue:
            (la, ha), (lo, ho) = self.taille_attendue, self.taille_obtenue
            texte += f", taille {la}×{ha} → {lo}×{ho}"
        if self.anticrenelage:
            texte += f" ({self.anticrenelage} pixels d'anticrénelage ignorés)"
        return texte


@dataclass(frozen=True)
class Differences:
    """The pixels that changed, and those forgiven as anti-aliasing, on the union of sizes."""

    changes: Masque
    anticrenelage: Masque

    @property
    def part(self) -> float:
        """Share of the pixels that changed."""
        return float(self.changes.mean()) if self.changes.size else 0.0


def _rgba(image: Image.Image, hauteur: int, largeur: int) -> Pixels:
    """The image as an RGBA array on the union size, magenta where it has no pixel."""
    tableau = np.empty((hauteur, largeur, 4), dtype=np.uint8)
    tableau[...] = _FOND_ABSENT
    source = np.asarray(image.convert("RGBA"), dtype=np.uint8)
    tableau[: source.shape[0], : source.shape[1]] = source
    return tableau


def _cle(rgba: Pixels) -> npt.NDArray[np.uint32]:
    """Each pixel's four bytes as one number: equal numbers, equal colours."""
    return rgba.view(np.uint32)[..., 0]


def _yiq(pixels: Pixels) -> tuple[Tableau, Tableau, Tableau]:
    """Y, I and Q of RGBA pixels blended on white, as pixelmatch does."""
    couleurs = pixels[..., :3].astype(np.float64)
    alpha = pixels[..., 3:4].astype(np.float64) / 255
    r, g, b = np.moveaxis(255 + (couleurs - 255) * alpha, -1, 0)
    y = r * 0.29889531 + g * 0.58662247 + b * 0.11448223
    i = r * 0.59597799 - g * 0.27417610 - b * 0.32180189
    q = r * 0.21147017 - g * 0.52261711 + b * 0.31114694
    return y, i, q


def _voisins_identiques(rgba: Pixels) -> npt.NDArray[np.int64]:
    """How many of each pixel's 8 neighbours have exactly its colour (the edge repeated outside)."""
    cle = _cle(rgba)
    borde = np.pad(cle, 1, mode="edge")
    hauteur, largeur = cle.shape
    identiques = np.zeros(cle.shape, dtype=np.int64)
    for dy, dx in _VOISINS:
        identiques += borde[1 + dy : 1 + dy + hauteur, 1 + dx : 1 + dx + largeur] == cle
    return identiques


def _anticreneles(ys: Entiers, xs: Entiers, rgba: Pixels, plat: Masque, autre: Masque) -> Masque:
    """Which of the pixels (ys, xs) are anti-aliasing in this image (pixelmatch's `antialiased`).

    `plat` and `autre` tell the pixels with three neighbours of their colour, in this image and
    in the other one.
    """
    hauteur, largeur = plat.shape
    cle = _cle(rgba)
    vy, vx = ys + _VOISINS[:, :1], xs + _VOISINS[:, 1:]  # one row per neighbour
    dedans = (vy >= 0) & (vy < hauteur) & (vx >= 0) & (vx < largeur)
    vy, vx = np.clip(vy, 0, hauteur - 1), np.clip(vx, 0, largeur - 1)
    meme = dedans & (cle[vy, vx] == cle[ys, xs])
    # A pixel on the image's border counts a missing neighbour as an identical one.
    bord = (ys == 0) | (ys == hauteur - 1) | (xs == 0) | (xs == largeur - 1)
    identiques = bord + meme.sum(axis=0)
    # Brightness of the pixel relative to each neighbour; 0 for an identical or missing one.
    deltas = np.where(meme | ~dedans, 0.0, _yiq(rgba[ys, xs])[0] - _yiq(rgba[vy, vx])[0])
    colonnes = np.arange(ys.size)

    def plat_des_deux_cotes(rangs: Entiers) -> Masque:
        y, x = vy[rangs, colonnes], vx[rangs, colonnes]
        resultat: Masque = plat[y, x] & autre[y, x]
        return resultat

    # Like pixelmatch: "darkest" is the most negative delta, "brightest" the most positive.
    plus_sombre = np.argmin(np.where(deltas < 0, deltas, np.inf), axis=0)
    plus_clair = np.argmax(np.where(deltas > 0, deltas, -np.inf), axis=0)
    lisse: Masque = (
        (identiques <= 2)
        & (deltas < 0).any(axis=0)
        & (deltas > 0).any(axis=0)
        & (plat_des_deux_cotes(plus_sombre) | plat_des_deux_cotes(plus_clair))
    )
    return lisse


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
    changes = np.zeros((hauteur, largeur), dtype=bool)
    lisse = np.zeros_like(changes)
    # Only the pixels whose bytes differ are weighed: in the usual case, none.
    ys, xs = np.nonzero(_cle(a) != _cle(b))
    ya, ia, qa = _yiq(a[ys, xs])
    yb, ib, qb = _yiq(b[ys, xs])
    distance = 0.5053 * (ya - yb) ** 2 + 0.299 * (ia - ib) ** 2 + 0.1957 * (qa - qb) ** 2
    candidats = distance > _DISTANCE_MAX * seuil * seuil
    faibles = (distance > _DISTANCE_MAX * seuil_zone_plate**2) & ~candidats
    if not (faibles.any() or candidats.any()):
        return Differences(changes, lisse)
    identiques_a, identiques_b = _voisins_identiques(a), _voisins_identiques(b)
    # Flat: three identical neighbours (pixelmatch's "many siblings"). Uniform: all eight,
    # which the straight anti-aliased edge of a box (a row of equal greys) is not.
    plat_a, plat_b = identiques_a > 2, identiques_b > 2
    candidats |= faibles & (identiques_a[ys, xs] == 8) & (identiques_b[ys, xs] == 8)
    ys, xs = ys[candidats], xs[candidats]
    # Outside the smaller image nothing is anti-aliasing: the page grew or shrank there.
    dans_le_cadre = (ys < min(attendue.height, obtenue.height)) & (
        xs < min(attendue.width, obtenue.width)
    )
    pardonnes = dans_le_cadre & (
        _anticreneles(ys, xs, a, plat_a, plat_b) | _anticreneles(ys, xs, b, plat_b, plat_a)
    )
    changes[ys, xs] = ~pardonnes
    lisse[ys, xs] = pardonnes
    return Differences(changes, lisse)


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
    with Image.open(obtenue) as image_obtenue:  # the size is read, the pixels only if needed
        taille = image_obtenue.size
        if not attendue.exists():
            return Ecart(nom, attendue, obtenue, 1.0, None, None, taille)
        # Chromium encodes the same pixels to the same bytes: nothing to decode then.
        if attendue.read_bytes() == obtenue.read_bytes():
            return Ecart(nom, attendue, obtenue, 0.0, None, taille, taille)
        with Image.open(attendue) as image_attendue:
            ecarts = differences(image_attendue, image_obtenue)
            taille_attendue = image_attendue.size
        chemin_diff: Path | None = None
        if ecarts.changes.any() or ecarts.anticrenelage.any():
            diff.parent.mkdir(parents=True, exist_ok=True)
            image_de_diff(image_obtenue, ecarts).save(diff)
            chemin_diff = diff
    anticrenelage = int(ecarts.anticrenelage.sum())
    return Ecart(
        nom, attendue, obtenue, ecarts.part, chemin_diff, taille_attendue, taille, anticrenelage
    )


def comparer_dossiers(noms: list[str], attendues: Path, obtenues: Path, diffs: Path) -> list[Ecart]:
    """Compare `<nom>.png` of each name between the baseline and the fresh folders."""
    return [
        comparer(nom, attendues / f"{nom}.png", obtenues / f"{nom}.png", diffs / f"{nom}-diff.png")
        for nom in noms
    ]
