"""The tutorial's steps as Allure labels: a feature per step, a link to the step it covers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import allure

EPIC = "Compte ameli"
URL_TUTORIEL = (
    "https://solidarite-numerique.fr/tutoriels/creer-un-compte-ameli-depuis-mon-ordinateur/"
)
ETAPES = {
    1: "Étape 1 : Se rendre sur le site Ameli.fr de son département",
    2: "Étape 2 : Se rendre sur la rubrique « COMPTE AMELI »",
    3: "Étape 3 : Commencer la création d'un compte",
    4: "Étape 4 : Renseigner le formulaire de création du compte",
    5: "Étape 5 : Confirmer son identité",
    6: "Étape 6 : Accepter les conditions d'utilisation",
    7: "Étape 7 : Créer un mot de passe",
    8: "Étape 8 : Saisir les données personnelles",
    9: "Étape 9 : Finaliser la création du compte personnel",
}
PARCOURS = "Parcours complet"

F = TypeVar("F", bound=Callable[..., object])


def etape(numero: int, story: str, severite: str = allure.severity_level.NORMAL) -> Callable[[F], F]:
    """Label a test with the tutorial step it covers, the branch (story) and a severity."""

    def decorer(test: F) -> F:
        for label in (
            allure.epic(EPIC),
            allure.feature(ETAPES[numero]),
            allure.story(story),
            allure.severity(severite),
            allure.link(f"{URL_TUTORIEL}#etape-{numero}", name=ETAPES[numero]),
        ):
            test = label(test)
        return test

    return decorer
