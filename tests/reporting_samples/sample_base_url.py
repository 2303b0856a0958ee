"""Samples run only by `tests/test_demarreurs.py`, in a pytest of its own with `--mock-workers`
and `-n 2`: each test writes the mock URL its process was given and its pytest-xdist worker to
`adresses.txt` in the run's `--basetemp` (each worker's own temporary folder is inside it).

The file name does not match `test_*.py`: the suite never collects it.
"""

from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize("numero", range(6))
def test_note_l_adresse_du_mock(
    base_url: str, tmp_path_factory: pytest.TempPathFactory, numero: int
) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "controleur")
    adresses = tmp_path_factory.getbasetemp().parent / "adresses.txt"
    with adresses.open("a", encoding="utf-8") as sortie:
        sortie.write(f"{worker} {base_url}\n")
