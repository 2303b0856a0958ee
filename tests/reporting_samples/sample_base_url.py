"""Samples run only by `tests/test_demarreurs.py`, in a pytest of its own with `--mock-workers`:
each test writes the mock URL its process was given and its pytest-xdist worker.

The file name does not match `test_*.py`: the suite never collects it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.mark.parametrize("numero", range(6))
def test_note_l_adresse_du_mock(base_url: str, numero: int) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "controleur")
    with Path(os.environ["SORTIE_ECHANTILLON"]).open("a", encoding="utf-8") as sortie:
        sortie.write(f"{worker} {base_url}\n")
