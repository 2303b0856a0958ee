"""The mock stands alone: it imports nothing of the test side, and production never loads Faker."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PAQUET = Path(__file__).resolve().parent.parent
# The test side's top-level packages, written here rather than read from the tree.
COTE_TESTS = {"fixtures", "pages", "plugins", "e2e", "tests", "screenshots", "bench", "conftest"}


def _modules_importes(fichier: Path) -> set[str]:
    """The top-level names of every module `fichier` imports, lazy imports included."""
    arbre = ast.parse(fichier.read_text(encoding="utf-8"), filename=str(fichier))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name.split(".")[0] for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
            noms.add(noeud.module.split(".")[0])
    return noms


@pytest.mark.parametrize(
    "fichier", sorted(PAQUET.rglob("*.py")), ids=lambda f: str(f.relative_to(PAQUET))
)
def test_refuse_tout_import_du_cote_des_tests(fichier: Path) -> None:
    """No module of mock_site, its own tests included, imports fixtures, pages, plugins…"""
    assert not _modules_importes(fichier) & COTE_TESTS


def test_refuse_de_charger_faker_en_production(tmp_path: Path) -> None:
    """Production mode builds the application without the person generator or Faker."""
    programme = (
        "import sys\n"
        "from mock_site import create_app\n"
        f"create_app({{'MODE': 'production', 'DATABASE': {str(tmp_path / 'p.sqlite')!r}, "
        "'SECRET_KEY': 'x'})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'faker'"
        " or m in ('mock_site.personnes', 'mock_site.views.testing', 'mock_site.demo')))\n"
    )
    sortie = subprocess.run([sys.executable, "-c", programme], capture_output=True, text=True,
                            check=True, cwd=PAQUET.parent)
    assert sortie.stdout.strip() == "[]"
