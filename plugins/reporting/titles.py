"""Pytest plugin, through allure-python-commons' hooks (``report_result``, ``report_container``):
a test without ``@allure.title`` is titled from its name (``test_échec_au_nettoyage[chromium]``
reads "Échec au nettoyage"), and the set-up and tear-down sections list the test side's own
fixtures only, not those of pytest, its plugins or ``plugins/``, nor pytest's own bookkeeping.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import allure_commons
import pytest

PREFIXE_DE_TEST = "test_"
# allure-pytest names a tear-down "<fixture>::<finalizer>".
SEPARATEUR_DE_FINALISATION = "::"
# pytest's own finalizer of every fixture (it marks the fixture finished): nothing of the test's.
FINALISATION_DE_PYTEST = "::<lambda>"
PARAMETRES_CACHES = frozenset({"browser_name"})


def titre_par_defaut(nom: str, parametres: list[tuple[str, str]]) -> str:
    """A title made from a test's (French) name, with its parameters other than the browser."""
    nom = re.sub(r"\[.*\]$", "", nom).removeprefix(PREFIXE_DE_TEST).replace("_", " ")
    titre = nom[:1].upper() + nom[1:]
    valeurs = [valeur.strip("'") for cle, valeur in parametres if cle not in PARAMETRES_CACHES]
    return f"{titre} ({', '.join(valeurs)})" if valeurs else titre


def fixture_du_projet(fixturedef: pytest.FixtureDef[Any], racine: Path) -> bool:
    """Whether a fixture belongs to the test side: defined in the project's files, outside the
    plumbing of `plugins/` and outside any installed package."""
    try:
        fichier = Path(inspect.getfile(fixturedef.func)).resolve()
    except TypeError:
        return False
    return (
        fichier.is_relative_to(racine)
        and not fichier.is_relative_to(racine / "plugins")
        and "site-packages" not in fichier.parts
    )


class NomsDuRapport:
    """An allure-commons plugin: titles the untitled tests, drops the fixtures of others."""

    def __init__(self) -> None:
        self.fixtures_du_projet: set[str] = set()

    @allure_commons.hookimpl(tryfirst=True)
    def report_result(self, result: Any) -> None:
        """Give an untitled test its title before the file logger writes the result."""
        if result.name and result.name.startswith(PREFIXE_DE_TEST):
            parametres = [(p.name, str(p.value)) for p in result.parameters or [] if not p.excluded]
            result.name = titre_par_defaut(result.name, parametres)

    @allure_commons.hookimpl(tryfirst=True)
    def report_container(self, container: Any) -> None:
        """Drop the fixtures that are not the test side's before the file logger writes them."""
        container.befores = [f for f in container.befores if self._montree(f.name)]
        container.afters = [
            f
            for f in container.afters
            if self._montree(f.name) and not f.name.endswith(FINALISATION_DE_PYTEST)
        ]
        if not container.befores and not container.afters:
            container.children = []  # a container for no test shows nowhere

    def _montree(self, nom: str) -> bool:
        return nom.split(SEPARATEUR_DE_FINALISATION)[0] in self.fixtures_du_projet


_NOMS = pytest.StashKey[NomsDuRapport]()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> None:
    """Note the test side's fixtures as they are set up (allure-pytest names them next)."""
    if fixture_du_projet(fixturedef, request.config.rootpath):
        request.config.stash[_NOMS].fixtures_du_projet.add(fixturedef.argname)


def pytest_configure(config: pytest.Config) -> None:
    """Register the naming plugin with allure-commons for this run."""
    noms = NomsDuRapport()
    config.stash[_NOMS] = noms
    allure_commons.plugin_manager.register(noms)
    config.add_cleanup(lambda: allure_commons.plugin_manager.unregister(noms))
