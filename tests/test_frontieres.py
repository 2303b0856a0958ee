"""The boundary between the mock and the test side, checked on every run.

The mock stands alone: `mock_site` imports nothing of the test side, so it can be read, shipped
and run without its tests. The test side imports nothing of `mock_site`: it reaches the mock
through the browser, the HTTP test-data API or by starting it as a process, so that the same
suite runs against a mock started elsewhere and so that no expected value is computed by the
code under test. Imports are read from the source (every `import` and `from … import`, at any
depth, `if TYPE_CHECKING:` blocks included), not from what happens to be loaded.
"""

from __future__ import annotations

import ast
import importlib.metadata
from pathlib import Path

import pytest

from plugins.serveur_mock import RACINE

MOCK = "mock_site"
COTE_TESTS = (
    "fixtures",
    "pages",
    "plugins",
    "e2e",
    "tests",
    "screenshots",
    "film",
    "bench",
    "mutation",
)
# The root conftest.py is test-side infrastructure too.
CONFTEST_RACINE = "conftest"
# Folders of the tree that are neither side's code.
IGNORES = {".venv", "node_modules", ".git", "build", "dist"}


def _modules_importes(fichier: Path) -> set[str]:
    """The top-level package of every module `fichier` imports (relative imports excluded)."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"), filename=str(fichier))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name.split(".")[0] for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            noms.add(noeud.module.split(".")[0])
        elif (
            isinstance(noeud, ast.Call)
            and isinstance(noeud.func, ast.Attribute)
            and noeud.func.attr == "import_module"
            and noeud.args
            and isinstance(noeud.args[0], ast.Constant)
            and isinstance(noeud.args[0].value, str)
        ):
            noms.add(noeud.args[0].value.split(".")[0])
    return noms


def _fichiers(*dossiers: str) -> list[Path]:
    return sorted(
        chemin
        for dossier in dossiers
        for chemin in (RACINE / dossier).rglob("*.py")
        if not IGNORES.intersection(chemin.relative_to(RACINE).parts)
    )


def _violations(fichiers: list[Path], interdits: set[str]) -> list[str]:
    return [
        f"{fichier.relative_to(RACINE)} importe {nom}"
        for fichier in fichiers
        for nom in sorted(_modules_importes(fichier) & interdits)
    ]


def test_le_mock_n_importe_rien_du_cote_des_tests() -> None:
    """Given the mock's sources, then none imports fixtures, pages, plugins, e2e, tests, …"""
    fichiers = _fichiers(MOCK)
    assert fichiers, "aucun fichier Python trouvé dans mock_site/"
    assert _violations(fichiers, {*COTE_TESTS, CONFTEST_RACINE}) == []


def test_le_cote_des_tests_n_importe_rien_du_mock() -> None:
    """Given the test side's sources and the root conftest, then none imports mock_site."""
    fichiers = [*_fichiers(*COTE_TESTS), RACINE / "conftest.py"]
    assert len(fichiers) > len(COTE_TESTS), "trop peu de fichiers du côté des tests"
    assert _violations(fichiers, {MOCK}) == []


@pytest.mark.parametrize(
    ("source", "attendus"),
    [
        ("import mock_site", {"mock_site"}),
        ("from mock_site.rules import nir", {"mock_site"}),
        ("import fixtures.api as api", {"fixtures"}),
        ("def f():\n    from pages import textes", {"pages"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import plugins.browser",
            {"typing", "plugins"},
        ),
        (
            "import importlib\nimportlib.import_module('mock_site.config')",
            {"importlib", "mock_site"},
        ),
        ("from . import voisin", set()),
        ("texte = 'python -m mock_site'", set()),
    ],
)
def test_la_lecture_des_imports_voit_chaque_forme(
    tmp_path: Path, source: str, attendus: set[str]
) -> None:
    """Given a module with one kind of import, then the scan finds exactly what it imports."""
    fichier = tmp_path / "module.py"
    fichier.write_text(source, encoding="utf-8")
    assert _modules_importes(fichier) == attendus


def test_l_installation_n_ajoute_que_le_mock_aux_paquets() -> None:
    """Installing the project puts `mock_site` alone into site-packages: the test side's
    generic names (pages, fixtures, plugins…) stay in the project, found from its root."""
    distribution = importlib.metadata.distribution("ameli-e2e")
    paquets = (distribution.read_text("top_level.txt") or "").split()
    assert paquets == [MOCK]
