"""The tutorial's steps as Allure labels, so the report's tree reads like the tutorial.

`etape(numero, story, severite)` gives a test the epic "Compte ameli", the feature of the step
it covers, its branch as the story, a severity and a link that opens the tutorial at that step;
`parcours(story, severite)` does the same for a whole-journey test. The report groups tests by
epic, feature and story (`allurerc.mjs`); tags come from the pytest markers (allure-pytest adds
them), and a test without `@allure.title` gets one from its name (`plugins/reporting.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

import allure

EPIC = "Compte ameli"
URL_TUTORIEL = (
    "https://solidarite-numerique.fr/tutoriels/creer-un-compte-ameli-depuis-mon-ordinateur/"
)
# The headings of the tutorial's steps, as its text writes them (after "Etape N : ").
INTITULES = {
    1: "Se rendre sur le site Ameli.fr de son département",
    2: "Se rendre sur la rubrique « COMPTE AMELI »",
    3: "Commencer la création d'un compte",
    4: "Renseigner le formulaire de création du compte",
    5: "Confirmer son identité",
    6: "Accepter les conditions d'utilisation",
    7: "Créer un mot de passe",
    8: "Saisir les données personnelles",
    9: "Finaliser la création du compte personnel",
}
ETAPES = {numero: f"Étape {numero} : {intitule}" for numero, intitule in INTITULES.items()}
PARCOURS = "Parcours complet"

F = TypeVar("F", bound=Callable[..., object])


def lien_etape(numero: int) -> str:
    """The tutorial's URL, scrolled to the step's heading by a text fragment (`#:~:text=`)."""
    # A text fragment reserves "-", "&" and ","; quote() leaves only "-" as it is.
    texte = quote(f"Etape {numero} : {INTITULES[numero]}", safe="").replace("-", "%2D")
    return f"{URL_TUTORIEL}#:~:text={texte}"


def _labels(feature: str, story: str, severite: str, lien: str,
            nom_du_lien: str) -> Callable[[F], F]:
    def decorer(test: F) -> F:
        for label in (
            allure.epic(EPIC),
            allure.feature(feature),
            allure.story(story),
            allure.severity(severite),
            allure.link(lien, name=nom_du_lien),
        ):
            test = label(test)
        return test

    return decorer


def etape(numero: int, story: str,
          severite: str = allure.severity_level.NORMAL) -> Callable[[F], F]:
    """Label a test with the tutorial step it covers, the branch (story) and a severity."""
    if numero not in ETAPES:
        raise ValueError(f"le tutoriel a les étapes 1 à {len(ETAPES)}, pas {numero}")
    return _labels(ETAPES[numero], story, severite, lien_etape(numero), ETAPES[numero])


def parcours(story: str, severite: str = allure.severity_level.BLOCKER) -> Callable[[F], F]:
    """Label a test that follows the whole tutorial, from step 1 to step 9."""
    return _labels(PARCOURS, story, severite, URL_TUTORIEL, "Le tutoriel")
