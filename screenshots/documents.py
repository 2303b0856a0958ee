"""The documents written next to the PNGs: `manifest.json` and the tutorial in Markdown, which
also embeds the films of `make video` (their files are named here, for both sides)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from pages.tutoriel import CONSIGNES, ETAPES, SOURCE
from screenshots.atelier import Resultat
from screenshots.catalogue import PAR_NOM, Viewport

MODELE_TUTORIEL = Path(__file__).with_name("modele_tutoriel.md")
DOSSIER_CAPTURES = Path("docs/screenshots")
TUTORIEL = Path("docs/tutoriel.md")
# Where `make video` writes the films, beside docs/screenshots/.
DOSSIER_FILMS = Path("docs/films")


@dataclass(frozen=True)
class FichiersFilm:
    """The files of one film, named after it: both encodings, its poster and its two tracks."""

    nom: str

    @property
    def webm(self) -> str:
        """VP9 in WebM."""
        return f"{self.nom}.webm"

    @property
    def mp4(self) -> str:
        """H.264 in MP4, for the browsers and players without VP9."""
        return f"{self.nom}.mp4"

    @property
    def affiche(self) -> str:
        """The poster, shown before the film plays."""
        return f"{self.nom}.jpg"

    @property
    def legendes(self) -> str:
        """The French captions (WebVTT)."""
        return f"{self.nom}.fr.vtt"

    @property
    def chapitres(self) -> str:
        """The chapters, one per tutorial step (WebVTT)."""
        return f"{self.nom}.chapitres.vtt"

    def balise(self, relatif: str) -> str:
        """The `<video>` element that plays the film with its tracks, from a page `relatif`
        to the films' folder."""

        def chemin(fichier: str) -> str:
            return escape(f"{relatif}/{fichier}")

        return f"""<video controls preload="metadata" poster="{chemin(self.affiche)}">
  <source src="{chemin(self.webm)}" type="video/webm">
  <source src="{chemin(self.mp4)}" type="video/mp4">
  <track kind="captions" srclang="fr" label="Français" src="{chemin(self.legendes)}" default>
  <track kind="chapters" srclang="fr" label="Étapes" src="{chemin(self.chapitres)}">
</video>"""


def navigateur(version: str) -> str:
    """The browser as the manifest names it: its major version only (`Chromium 156`), so that a
    patch release, which changes no pixel the comparison does not forgive, leaves it alone."""
    return f"Chromium {version.split('.')[0]}"


def manifeste(
    resultats: list[Resultat], viewport: Viewport, *, surlignage: bool, navigateur: str
) -> dict[str, object]:
    """What each PNG shows: step, tutorial title, file, viewport and the element pointed at."""
    return {
        "source": SOURCE,
        "viewport": {
            "nom": viewport.nom,
            "largeur": viewport.largeur,
            "hauteur": viewport.hauteur,
            "echelle": 1,
        },
        "navigateur": navigateur,
        "surlignage": surlignage,
        "captures": [
            {
                "etape": r.capture.etape,
                "titre": r.capture.titre,
                "nom": r.capture.nom,
                "fichier": r.capture.fichier,
                "viewport": viewport.nom,
                "legende": r.capture.legende,
                "branche": r.capture.branche,
                # The element the reader acts on; outlined and pointed at when `surlignage`.
                "element": {"role": r.element.role, "nom": r.element.nom},
            }
            for r in resultats
        ],
    }


def ecrire_manifeste(dossier: Path, contenu: dict[str, object]) -> Path:
    """Write `manifest.json` (UTF-8, keys in a fixed order, final newline)."""
    chemin = dossier / "manifest.json"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(contenu, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return chemin


def lire_manifeste(dossier: Path) -> dict[str, object]:
    """Read a folder's `manifest.json`."""
    contenu: dict[str, object] = json.loads((dossier / "manifest.json").read_text(encoding="utf-8"))
    return contenu


def tutoriel(dossier_images: Path, destination: Path, dossier_films: Path | None = None) -> str:
    """The tutorial's Markdown, its images and films linked relative to where it is written
    (the films' folder is by default the screenshots' sibling, as `docs/films/` is)."""
    relatif = Path(os.path.relpath(dossier_images, destination.parent)).as_posix()
    if dossier_films is None:
        dossier_films = dossier_images.parent / DOSSIER_FILMS.name
    films = Path(os.path.relpath(dossier_films, destination.parent)).as_posix()

    def image(nom: str) -> str:
        capture = PAR_NOM[nom]
        return f"![{capture.legende}]({relatif}/{capture.fichier})"

    # Markdown, not HTML: no autoescape (Jinja's default), the wording is the tutorial's.
    environnement = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    modele = environnement.from_string(MODELE_TUTORIEL.read_text(encoding="utf-8"))
    return modele.render(
        image=image,
        video=lambda nom: FichiersFilm(nom).balise(films),
        consigne=CONSIGNES,
        titre={n: e.titre for n, e in ETAPES.items()},
        source=SOURCE,
        modele=MODELE_TUTORIEL.name,
    )


def ecrire_tutoriel(
    dossier_images: Path, destination: Path, dossier_films: Path | None = None
) -> Path:
    """Write the tutorial's Markdown."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(tutoriel(dossier_images, destination, dossier_films), encoding="utf-8")
    return destination
