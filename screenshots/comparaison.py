"""Visual regression: the share of pixels that differ between two PNGs, and a diff image.

A pixel differs when any of its channels differs at all: on one machine the same code renders
the same pixels (the PNGs are even byte-identical), so any change is a real one. Hence a
default tolerance of 0: rewording one word of a screen moves about 0.1 % of its pixels, which
a tolerance of 0.001 would let through. A tolerance (a share of the image's pixels) is for
comparing with baselines made on another machine, whose font rendering differs slightly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

TOLERANCE_PAR_DEFAUT = 0.0
VARIABLE_TOLERANCE = "VISUAL_TOLERANCE"
# Outside an image (when two sizes differ) every pixel counts as changed.
_FOND_ABSENT = (255, 0, 255, 255)
_ROUGE = (230, 0, 0)


@dataclass(frozen=True)
class Ecart:
    """How one screenshot compares with its baseline."""

    nom: str
    attendue: Path
    obtenue: Path
    part: float  # share of differing pixels, 0 to 1; 1 when the baseline is missing
    diff: Path | None
    taille_attendue: tuple[int, int] | None
    taille_obtenue: tuple[int, int]

    def depasse(self, tolerance: float) -> bool:
        """Whether the change is more than the tolerance allows."""
        return self.taille_attendue is None or self.part > tolerance

    def description(self) -> str:
        """One line for the report."""
        if self.taille_attendue is None:
            return f"{self.nom} : pas d'image de référence ({self.attendue})"
        taille = ""
        if self.taille_attendue != self.taille_obtenue:
            taille = (f", taille {self.taille_attendue[0]}×{self.taille_attendue[1]} → "
                      f"{self.taille_obtenue[0]}×{self.taille_obtenue[1]}")
        return f"{self.nom} : {self.part:.4%} des pixels ont changé{taille}"


def _sur_fond(image: Image.Image, taille: tuple[int, int]) -> Image.Image:
    if image.size == taille:
        return image
    fond = Image.new("RGBA", taille, _FOND_ABSENT)
    fond.paste(image, (0, 0))
    return fond


def masque_des_differences(attendue: Image.Image, obtenue: Image.Image) -> Image.Image:
    """A black-and-white mask (mode L), white where the two images differ, on their union."""
    taille = (max(attendue.width, obtenue.width), max(attendue.height, obtenue.height))
    a = _sur_fond(attendue.convert("RGBA"), taille)
    b = _sur_fond(obtenue.convert("RGBA"), taille)
    canaux = ImageChops.difference(a, b).split()
    plus_grand = canaux[0]
    for canal in canaux[1:]:
        plus_grand = ImageChops.lighter(plus_grand, canal)
    return plus_grand.point(lambda valeur: 255 if valeur else 0)


def image_de_diff(obtenue: Image.Image, masque: Image.Image) -> Image.Image:
    """The new image faded to grey, its changed pixels in red."""
    fond = _sur_fond(obtenue.convert("RGBA"), masque.size).convert("L").convert("RGB")
    pale = Image.blend(fond, Image.new("RGB", masque.size, (255, 255, 255)), 0.6)
    return Image.composite(Image.new("RGB", masque.size, _ROUGE), pale, masque)


def comparer(nom: str, attendue: Path, obtenue: Path, diff: Path) -> Ecart:
    """Compare a fresh screenshot with its baseline; write the diff image when they differ."""
    with Image.open(obtenue) as image_obtenue:
        image_obtenue.load()
    if not attendue.exists():
        return Ecart(nom, attendue, obtenue, 1.0, None, None, image_obtenue.size)
    with Image.open(attendue) as image_attendue:
        image_attendue.load()
    masque = masque_des_differences(image_attendue, image_obtenue)
    differents = masque.histogram()[255]
    part = differents / (masque.width * masque.height)
    chemin_diff: Path | None = None
    if differents:
        diff.parent.mkdir(parents=True, exist_ok=True)
        image_de_diff(image_obtenue, masque).save(diff)
        chemin_diff = diff
    return Ecart(nom, attendue, obtenue, part, chemin_diff, image_attendue.size,
                 image_obtenue.size)


def comparer_dossiers(noms: list[str], attendues: Path, obtenues: Path,
                      diffs: Path) -> list[Ecart]:
    """Compare `<nom>.png` of each name between the baseline and the fresh folders."""
    return [
        comparer(nom, attendues / f"{nom}.png", obtenues / f"{nom}.png",
                 diffs / f"{nom}-diff.png")
        for nom in noms
    ]
