"""The film's timeline: pictures with their durations, and the chapters and captions laid on it.

Time is counted in pictures at a fixed rate, never read from a clock: a picture shown for 2.5 s
is 62 pictures, however long the browser took to produce it. The same script gives the same
timeline, to the picture, on any machine and under any load; the cue times of the tracks are
taken from it, when the film actually shows each step and each sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

IMAGES_PAR_SECONDE = 25


class Sortie(Protocol):
    """Where the pictures go (the encoders of `film.encodage`)."""

    def ecrire(self, image: Image.Image, debut: int, images: int) -> None:
        """Show `image` from picture `debut` for `images` pictures."""


@dataclass(frozen=True)
class Repere:
    """A cue: a text shown from `debut` to `fin`, in seconds."""

    debut: float
    fin: float
    texte: str


@dataclass(frozen=True)
class Pistes:
    """The tracks of a finished film, and its duration in seconds."""

    chapitres: tuple[Repere, ...]
    legendes: tuple[Repere, ...]
    duree: float


class Montage:
    """Lays pictures end to end and notes where chapters and captions begin."""

    def __init__(self, sortie: Sortie, images_par_seconde: int = IMAGES_PAR_SECONDE) -> None:
        self.sortie = sortie
        self.ips = images_par_seconde
        self.images = 0
        self._chapitres: list[tuple[int, str]] = []
        self._legendes: list[tuple[int, str | None]] = []

    @property
    def temps(self) -> float:
        """Where the film is, in seconds."""
        return self.images / self.ips

    def ajouter(self, image: Image.Image, duree: float) -> None:
        """Show `image` next, for `duree` seconds (one picture at least)."""
        images = max(1, round(duree * self.ips))
        self.sortie.ecrire(image, self.images, images)
        self.images += images

    def chapitre(self, titre: str) -> None:
        """A chapter begins with the next picture (unless the same one goes on)."""
        if not self._chapitres or self._chapitres[-1][1] != titre:
            self._chapitres.append((self.images, titre))

    def legende(self, texte: str | None) -> None:
        """This caption from the next picture on (`None`: none)."""
        actuelle = self._legendes[-1][1] if self._legendes else None
        if texte != actuelle:
            self._legendes.append((self.images, texte))

    def depuis_la_legende(self) -> float:
        """Seconds the current caption has been shown (0 without one)."""
        if not self._legendes or self._legendes[-1][1] is None:
            return 0.0
        return (self.images - self._legendes[-1][0]) / self.ips

    def pistes(self) -> Pistes:
        """The chapters and captions, each ending where the next begins or the film ends."""
        return Pistes(
            _reperes(self._chapitres, self.images, self.ips),
            _reperes(self._legendes, self.images, self.ips),
            self.temps,
        )


def _reperes(debuts: Sequence[tuple[int, str | None]], fin: int, ips: int) -> tuple[Repere, ...]:
    if not debuts:
        return ()
    bornes = [*(debut for debut, _ in debuts[1:]), fin]
    return tuple(
        Repere(debut / ips, borne / ips, texte)
        for (debut, texte), borne in zip(debuts, bornes, strict=True)
        if texte is not None and borne > debut
    )
