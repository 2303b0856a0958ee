"""The tutorial's steps as Allure labels, so the report's tree reads like the tutorial.

The steps themselves (numbers, headings, links) are the catalogue of `pages/tutoriel.py`,
shared with the screenshot tool.

`etape(numero, story, severite)` gives a test the epic "Compte ameli", the feature of the step
it covers, its branch as the story, a severity and a link that opens the tutorial at that step;
`parcours(story, severite)` does the same for a whole-journey test. The report groups tests by
epic, feature and story (`allurerc.mjs`); tags come from the pytest markers (allure-pytest adds
them), and a test without `@allure.title` gets one from its name (`plugins/reporting/titles.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import allure

from pages.tutoriel import ETAPES as ETAPES_DU_TUTORIEL
from pages.tutoriel import URL_TUTORIEL
from pages.tutoriel import etape as etape_du_tutoriel

EPIC = "Compte ameli"
# The report's feature of each step, « Étape N : … » (the catalogue is pages/tutoriel.py).
ETAPES = {numero: etape.libelle for numero, etape in ETAPES_DU_TUTORIEL.items()}
PARCOURS = "Parcours complet"

F = TypeVar("F", bound=Callable[..., object])


def _labels(
    feature: str, story: str, severite: str, lien: str, nom_du_lien: str
) -> Callable[[F], F]:
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


def etape(
    numero: int, story: str, severite: str = allure.severity_level.NORMAL
) -> Callable[[F], F]:
    """Label a test with the tutorial step it covers, the branch (story) and a severity."""
    decrite = etape_du_tutoriel(numero)
    return _labels(decrite.libelle, story, severite, decrite.lien, decrite.libelle)


def parcours(story: str, severite: str = allure.severity_level.BLOCKER) -> Callable[[F], F]:
    """Label a test that follows the whole tutorial, from step 1 to step 9."""
    return _labels(PARCOURS, story, severite, URL_TUTORIEL, "Le tutoriel")
