"""The tutorial's step catalogue: its source, its nine steps, their titles and links.

The browser tests label themselves with these steps (`e2e/tutoriel.py`) and the screenshot tool
titles its captures and its Markdown tutorial with them (`screenshots/`). The catalogue lives
in `pages/`, next to the screens' wording (`pages/textes.py`), because both sides may import
`pages/`: the tool already drives the screens through these page objects, while it must not
import the tests (`e2e/`), nor the tests a tool's internals for a fact that is the tutorial's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

URL_TUTORIEL: Final = (
    "https://solidarite-numerique.fr/tutoriels/creer-un-compte-ameli-depuis-mon-ordinateur/"
)
SOURCE: Final[dict[str, str]] = {
    "tutoriel": "Créer un compte Ameli depuis mon ordinateur",
    "auteur": "Solidarité Numérique",
    "licence": "Licence Ouverte 2.0",
    "url": URL_TUTORIEL,
}


@dataclass(frozen=True)
class Etape:
    """One step of the tutorial, with its heading as the tutorial writes it."""

    numero: int
    intitule: str

    @property
    def titre(self) -> str:
        """The heading word for word, as in the tutorial: « Etape 5 : Confirmer son identité »."""
        return f"Etape {self.numero} : {self.intitule}"

    @property
    def libelle(self) -> str:
        """The heading spelt with its accent (« Étape 5 : … »), as the report shows it."""
        return f"Étape {self.numero} : {self.intitule}"

    @property
    def lien(self) -> str:
        """The tutorial's URL, scrolled to this step's heading by a text fragment."""
        # A text fragment reserves "-", "&" and ","; quote() leaves only "-" as it is.
        texte = quote(self.titre, safe="").replace("-", "%2D")
        return f"{URL_TUTORIEL}#:~:text={texte}"


# The headings after "Etape N : ", word for word from the tutorial (Licence Ouverte 2.0).
ETAPES: Final[dict[int, Etape]] = {
    etape.numero: etape
    for etape in (
        Etape(1, "Se rendre sur le site Ameli.fr de son département"),
        Etape(2, "Se rendre sur la rubrique « COMPTE AMELI »"),
        Etape(3, "Commencer la création d'un compte"),
        Etape(4, "Renseigner le formulaire de création du compte"),
        Etape(5, "Confirmer son identité"),
        Etape(6, "Accepter les conditions d'utilisation"),
        Etape(7, "Créer un mot de passe"),
        Etape(8, "Saisir les données personnelles"),
        Etape(9, "Finaliser la création du compte personnel"),
    )
}


def etape(numero: int) -> Etape:
    """The step of that number, or a French error naming the steps there are."""
    if numero not in ETAPES:
        raise ValueError(f"le tutoriel a les étapes 1 à {len(ETAPES)}, pas {numero}")
    return ETAPES[numero]
