"""The films, and how one is shot: its sequences of the journey walked by a `Tournage`, its
pictures encoded as they come, then its poster and its two tracks written beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser

from film import pistes
from film.encodage import Encodeur
from film.montage import IMAGES_PAR_SECONDE, Montage, Pistes
from film.tournage import CADRE, Rythme, Tournage
from pages.tutoriel import ETAPES
from screenshots.atelier import DELAI_ELEMENT_MS, arguments_contexte, vider_le_mock
from screenshots.documents import FichiersFilm
from screenshots.parcours import (
    Sequence,
    code_personnel,
    code_postal,
    compte_ameli,
    conditions,
    coordonnees,
    email,
    espace_assure,
    formulaire,
    franceconnect,
    identite,
    parcourir,
    premiere_connexion,
)


@dataclass(frozen=True)
class Film:
    """A film: its name (that of its files) and the sequences of the journey it shows."""

    nom: str
    sequences: tuple[Sequence, ...]

    @property
    def fichiers(self) -> FichiersFilm:
        """Its files."""
        return FichiersFilm(self.nom)

    def chapitres(self) -> tuple[str, ...]:
        """The tutorial headings of its chapters, in order (one per step it goes through)."""
        titres: list[str] = []
        for sequence in self.sequences:
            titre = ETAPES[sequence.etape].libelle
            if not titres or titres[-1] != titre:
                titres.append(titre)
        return tuple(titres)


# After the form, the creation goes on the same way whichever way the person was identified.
_FIN_DE_CREATION: tuple[Sequence, ...] = (
    Sequence(6, conditions),
    Sequence(7, code_personnel),
    Sequence(8, coordonnees),
    Sequence(9, email),
    Sequence(9, premiere_connexion),
)

FILMS: dict[str, Film] = {
    film.nom: film
    for film in (
        # The nine steps, the caisse dialog and « Ce n'est pas ma caisse », the first login.
        Film(
            "parcours",
            (
                Sequence(1, code_postal),
                Sequence(2, compte_ameli),
                Sequence(3, espace_assure),
                Sequence(4, formulaire),
                Sequence(5, identite),
                *_FIN_DE_CREATION,
            ),
        ),
        # Screen 4 to the account through FranceConnect's login and consent (no screen 5).
        Film("franceconnect", (Sequence(4, franceconnect), *_FIN_DE_CREATION)),
    )
}


def tourner(
    browser: Browser,
    base_url: str,
    film: Film,
    dossier: Path,
    rythme: Rythme | None = None,
    *,
    reinitialiser: bool,
) -> Pistes:
    """Shoot `film` into `dossier` (WebM, MP4, poster, captions, chapters); its tracks.

    `reinitialiser` empties the mock first: each film creates the demo person's account.
    """
    fichiers = film.fichiers
    dossier.mkdir(parents=True, exist_ok=True)
    contexte = browser.new_context(**arguments_contexte(CADRE, base_url))
    contexte.set_default_timeout(DELAI_ELEMENT_MS)
    taille = (CADRE.largeur, CADRE.hauteur)
    try:
        if reinitialiser:
            vider_le_mock(contexte)
        with Encodeur(
            dossier / fichiers.webm, dossier / fichiers.mp4, taille, IMAGES_PAR_SECONDE
        ) as encodeur:
            montage = Montage(encodeur, IMAGES_PAR_SECONDE)
            tournage = Tournage(montage, rythme)
            tournage.finir(parcourir(contexte.new_page(), tournage, film.sequences))
    finally:
        contexte.close()
    if tournage.affiche is not None:
        tournage.affiche.save(dossier / fichiers.affiche, quality=88)
    resultat = montage.pistes()
    pistes.ecrire(dossier / fichiers.legendes, resultat.legendes)
    pistes.ecrire(dossier / fichiers.chapitres, resultat.chapitres)
    return resultat
