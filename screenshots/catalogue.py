"""What is captured: the screenshots of each tutorial step, and the viewports.

The steps and their titles are the catalogue the browser tests use too (`pages/tutoriel.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pages.tutoriel import ETAPES

Cote = Literal["gauche", "droite", "bas", "haut"]


@dataclass(frozen=True)
class Capture:
    """One screenshot: its name (the PNG's stem, `etape-<step>-…`) and its caption."""

    nom: str
    legende: str
    branche: bool = False
    # Where the arrow comes from, when there is room there (sides in order of preference).
    fleche: Cote | tuple[Cote, ...] = "gauche"
    # The picture shows the target as the mouse hovering it makes it look.
    survol: bool = False

    @property
    def etape(self) -> int:
        """The tutorial step, as the name says it."""
        return int(self.nom.split("-")[1])

    @property
    def fichier(self) -> str:
        """The PNG's file name."""
        return f"{self.nom}.png"

    @property
    def titre(self) -> str:
        """The title of the tutorial step the screenshot illustrates."""
        return ETAPES[self.etape].titre


# In the order of the tutorial; a step's main screenshot comes first, its branches after it.
CAPTURES: tuple[Capture, ...] = (
    Capture(
        "etape-1-code-postal",
        "Le code postal saisi dans la case « Code postal », avant de cliquer sur « Sélectionner »",
    ),
    Capture(
        "etape-1-dialogue-caisse",
        "La fenêtre qui propose la caisse du département : « Confirmer »",
        branche=True,
    ),
    Capture(
        "etape-1-pas-ma-caisse",
        "Après « Ce n'est pas ma caisse » : la case « Code postal » est vidée pour saisir "
        "un autre code postal",
        branche=True,
    ),
    Capture(
        "etape-2-compte-ameli",
        "« Compte AMELI » dans le cadre rose, sa description affichée au survol",
        # The description opens below, on the left: the arrow must not cover it.
        fleche=("droite", "haut"),
        survol=True,
    ),
    Capture(
        "etape-3-je-cree-mon-compte",
        "L'espace assuré, ouvert dans un nouvel onglet : « Je crée mon compte »",
    ),
    Capture(
        "etape-4-formulaire",
        "Le formulaire de création rempli, avant de cliquer sur « Continuer »",
    ),
    Capture(
        "etape-4-erreur-saisie",
        "Une erreur de saisie : le numéro de sécurité sociale est signalé sous la case",
        branche=True,
    ),
    Capture(
        "etape-4-franceconnect",
        "Créer son compte immédiatement via « S'identifier avec FranceConnect »",
        branche=True,
    ),
    Capture(
        "etape-4-franceconnect-choix",
        "FranceConnect : choisir le compte avec lequel se connecter",
        branche=True,
    ),
    Capture(
        "etape-4-franceconnect-connexion",
        "FranceConnect : se connecter chez le fournisseur d'identité choisi",
        branche=True,
    ),
    Capture(
        "etape-4-franceconnect-consentement",
        "FranceConnect : les données transmises à ameli.fr, avant « Continuer sur ameli.fr »",
        branche=True,
    ),
    Capture(
        "etape-5-identite",
        "Les 7 derniers chiffres de l'IBAN et les 11 derniers chiffres du numéro de série "
        "de la carte Vitale, avant de cliquer sur « Valider »",
    ),
    Capture("etape-6-conditions", "Les conditions d'utilisation : « Oui, j'accepte » coché"),
    Capture(
        "etape-7-code-personnel",
        "Le code personnel saisi deux fois, avant de cliquer sur « Continuer »",
    ),
    Capture(
        "etape-8-informations-personnelles",
        "L'adresse email saisie deux fois, les choix restés à « Non », avant de cliquer "
        "sur « Continuer »",
    ),
    Capture(
        "etape-9-confirmation",
        "La confirmation : un email a été envoyé pour valider l'adresse",
        branche=True,
    ),
    Capture("etape-9-email", "L'email reçu : cliquer sur « valider votre adresse email »"),
)

PAR_NOM: dict[str, Capture] = {capture.nom: capture for capture in CAPTURES}


def choisir(selection: list[str] | None) -> tuple[Capture, ...]:
    """The captures named, or all of a step given by its number; every capture when empty."""
    if not selection:
        return CAPTURES
    choisies: set[str] = set()
    for element in selection:
        if element in PAR_NOM:
            choisies.add(element)
        elif element.isdigit() and int(element) in ETAPES:
            choisies.update(c.nom for c in CAPTURES if c.etape == int(element))
        else:
            raise ValueError(
                f"capture inconnue : {element!r} (attendu : un numéro d'étape de 1 à 9 ou "
                f"l'un de {', '.join(PAR_NOM)})"
            )
    return tuple(capture for capture in CAPTURES if capture.nom in choisies)


@dataclass(frozen=True)
class Viewport:
    """A browser window size; scale 1 so that one CSS pixel is one image pixel everywhere."""

    nom: str
    largeur: int
    hauteur: int
    mobile: bool
    # Where this viewport's PNGs go, relative to the output folder.
    sous_dossier: str

    def dossier(self, racine: Path) -> Path:
        """This viewport's folder under an output folder."""
        return racine / self.sous_dossier if self.sous_dossier else racine


VIEWPORTS: dict[str, Viewport] = {
    # The desktop of the tutorial's own screenshots.
    "desktop": Viewport("desktop", 1280, 800, mobile=False, sous_dossier=""),
    # A phone's CSS size (iPhone 12 to 15); a device scale of 1 keeps the PNGs small and
    # the same on every machine, where a fractional scale would resample.
    "mobile": Viewport("mobile", 390, 844, mobile=True, sous_dossier="mobile"),
}
