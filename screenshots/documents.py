"""The documents written next to the PNGs: `manifest.json` and the tutorial in Markdown."""

from __future__ import annotations

import json
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pages.tutoriel import ETAPES, SOURCE
from screenshots.atelier import Resultat
from screenshots.catalogue import PAR_NOM, Viewport

MODELE_TUTORIEL = Path(__file__).with_name("modele_tutoriel.md")


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


def tutoriel(dossier_images: Path, destination: Path) -> str:
    """The tutorial's Markdown, its images linked relative to where it is written."""
    relatif = Path(os.path.relpath(dossier_images, destination.parent)).as_posix()

    def image(nom: str) -> str:
        capture = PAR_NOM[nom]
        return f"![{capture.legende}]({relatif}/{capture.fichier})"

    environnement = Environment(
        loader=FileSystemLoader(MODELE_TUTORIEL.parent),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: the wording is the tutorial's, not user input
    )
    modele = environnement.get_template(MODELE_TUTORIEL.name)
    return modele.render(
        image=image,
        titre={n: e.titre for n, e in ETAPES.items()},
        source=SOURCE,
        modele=MODELE_TUTORIEL.name,
    )


def ecrire_tutoriel(dossier_images: Path, destination: Path) -> Path:
    """Write the tutorial's Markdown."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(tutoriel(dossier_images, destination), encoding="utf-8")
    return destination
