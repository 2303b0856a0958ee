"""Pytest plugin: what the Allure report names a test by, and which fixtures it shows.

- A test without ``@allure.title`` gets one made from its name: ``test_échec_au_nettoyage``
  reads "Échec au nettoyage". Python names may carry accents (PEP 3131), and the title keeps
  whatever the name has: a test meant to read well in the report without a title of its own is
  named with its accents.
- The set-up and tear-down sections list the project's own fixtures (``assure``, ``accueil``,
  ``new_context``…), not those of pytest-playwright, pytest or other plugins (``browser_type``,
  ``launch_browser``, ``_artifacts_recorder``, ``tmp_path_factory``…), which say nothing about
  the test, nor the project's overrides of them marked ``@plomberie`` (``page``, ``context``).
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import allure
import allure_commons
import pytest
from allure_pytest.utils import allure_title

# Prefixed to the Allure name of a fixture defined outside the project; the containers holding
# such fixtures are emptied before allure-pytest writes them, so the prefix is never shown.
MARQUE_EXTERNE = "\u2063externe:"


F = TypeVar("F", bound=Callable[..., Any])


def plomberie(fonction: F) -> F:
    """Keep a project fixture that only overrides one of pytest-playwright's (`page`,
    `context`…) out of the report, as the fixture it replaces is (put under `@pytest.fixture`)."""
    fonction.__allure_display_name__ = MARQUE_EXTERNE + fonction.__name__  # type: ignore[attr-defined]
    return fonction


def titre_par_defaut(item: pytest.Item) -> str:
    """A title made from the test's (French) name, with its parameters other than the browser."""
    nom = getattr(item, "originalname", item.name).removeprefix("test_").replace("_", " ")
    titre = nom[:1].upper() + nom[1:]
    callspec = getattr(item, "callspec", None)
    valeurs = [
        str(valeur)
        for cle, valeur in (callspec.params.items() if callspec else ())
        if cle != "browser_name"
    ]
    return f"{titre} ({', '.join(valeurs)})" if valeurs else titre


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Title a test that has no `@allure.title`, once allure-pytest has named its result."""
    yield
    # A title the test body sets with `allure.dynamic.title` replaces this one.
    if allure_title(item) is None:
        allure.dynamic.title(titre_par_defaut(item))


def fixture_du_projet(fixturedef: pytest.FixtureDef[Any], racine: Path) -> bool:
    """Whether a fixture is defined in the project's own files (not in an installed package)."""
    try:
        fichier = Path(inspect.getfile(fixturedef.func)).resolve()
    except TypeError:
        return False
    return fichier.is_relative_to(racine) and "site-packages" not in fichier.parts


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Iterator[None]:
    """Mark a fixture from outside the project before allure-pytest names it (it runs inside)."""
    if not fixture_du_projet(fixturedef, request.config.rootpath):
        fonction: Any = fixturedef.func
        # allure-pytest's own attribute for a fixture's display name (`allure.title`).
        if not getattr(fonction, "__allure_display_name__", "").startswith(MARQUE_EXTERNE):
            # A bound method takes no attribute: that fixture then stays listed.
            with contextlib.suppress(AttributeError):
                fonction.__allure_display_name__ = MARQUE_EXTERNE + fixturedef.argname
    yield


class FixturesDuProjetSeulement:
    """An allure-commons plugin: removes the marked fixtures from what allure-pytest writes."""

    @allure_commons.hookimpl(tryfirst=True)
    def report_container(self, container: Any) -> None:
        """Drop the external fixtures of a container before the file logger writes it."""
        container.befores = [
            fixture for fixture in container.befores if not fixture.name.startswith(MARQUE_EXTERNE)
        ]
        container.afters = [
            fixture for fixture in container.afters if not fixture.name.startswith(MARQUE_EXTERNE)
        ]
        if not container.befores and not container.afters:
            container.children = []  # a container for no test shows nowhere


def pytest_configure(config: pytest.Config) -> None:
    """Register the fixture filter with allure-commons for this run."""
    filtre = FixturesDuProjetSeulement()
    allure_commons.plugin_manager.register(filtre)
    config.add_cleanup(lambda: allure_commons.plugin_manager.unregister(filtre))
