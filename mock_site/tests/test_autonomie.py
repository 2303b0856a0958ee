"""Production mode stands lighter still: it never loads Faker nor the person generator.

That the mock imports nothing of the test side is checked, with the reverse rule, in
`tests/test_frontieres.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PAQUET = Path(__file__).resolve().parent.parent


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
    sortie = subprocess.run(
        [sys.executable, "-c", programme],
        capture_output=True,
        text=True,
        check=True,
        cwd=PAQUET.parent,
    )
    assert sortie.stdout.strip() == "[]"
