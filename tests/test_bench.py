"""Unit tests of the benchmark and stress tools: verdicts read back, flakes found, files merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.__main__ import ecrire
from bench.stress import ECHEC, REUSSI, Run, instables, resume, toujours_en_echec, verdicts_junit

pytestmark = pytest.mark.unit

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="e2e.test_accueil" name="test_ok[chromium]" time="1.0"/>
<testcase classname="tests.test_x.TestGroupe" name="test_dans_une_classe" time="0.1">
<failure message="boom"/></testcase>
<testcase classname="tests.test_x" name="test_saute" time="0"><skipped message="non"/></testcase>
<testcase classname="tests.test_x" name="test_teardown" time="0.1"/>
<testcase classname="tests.test_x" name="test_teardown" time="0.1"><error message="t"/></testcase>
</testsuite></testsuites>
"""


def _run(numero: int, **verdicts: str) -> Run:
    run = Run(numero, graine=numero * 10)
    run.verdicts = {f"t.py::{nom}": verdict for nom, verdict in verdicts.items()}
    return run


def test_le_verdict_de_chaque_test_se_lit_par_son_identifiant(tmp_path: Path) -> None:
    """Node ids are rebuilt from JUnit class names; a teardown error outweighs the pass."""
    chemin = tmp_path / "run.xml"
    chemin.write_text(JUNIT, encoding="utf-8")

    assert verdicts_junit(chemin) == {
        "e2e/test_accueil.py::test_ok[chromium]": "passed",
        "tests/test_x.py::TestGroupe::test_dans_une_classe": "failed",
        "tests/test_x.py::test_saute": "skipped",
        "tests/test_x.py::test_teardown": "error",
    }


def test_un_test_au_verdict_changeant_est_signale_avec_la_graine_qui_le_rejoue() -> None:
    """A test passing in one run and failing in another is a flake; a missing one too; the
    replay command is pytest-randomly's own option."""
    runs = [
        _run(1, a=REUSSI, b=REUSSI, c=ECHEC),
        _run(2, a=ECHEC, c=ECHEC),
        _run(3, a=REUSSI, b=REUSSI, c=ECHEC),
    ]

    assert instables(runs) == {
        "t.py::a": {REUSSI: [1, 3], ECHEC: [2]},
        "t.py::b": {REUSSI: [1, 3], "absent": [2]},
    }
    assert toujours_en_echec(runs) == ["t.py::c"]
    texte = resume(runs, ["e2e"], 3, workers="3")
    assert texte.startswith(
        "# Stress runs\n\n3 runs of `pytest -n 3 --dist load -p randomly e2e`, each with"
    )
    assert "## Tests whose verdict changed: 2" in texte
    assert "failed in runs [2] (replay: `pytest t.py::a -p randomly --randomly-seed=20`)" in texte


def test_un_stress_interrompu_dit_combien_de_runs_il_a_faits() -> None:
    """The summary written after each run says how many of the runs asked for it covers."""
    runs = [_run(1, a=REUSSI), _run(2, a=REUSSI)]

    assert "2 of 20 runs of " in resume(runs, ["e2e"], 20, "auto")
    assert "2 runs of " in resume(runs, ["e2e"], 2, "auto")


def test_seules_les_sections_mesurees_a_nouveau_sont_remplacees(tmp_path: Path) -> None:
    """A benchmark run again rewrites its section, keeps the others and the text around."""
    chemin = tmp_path / "RESULTS.md"
    chemin.write_text("# Benchmarks\n\nHow to read them.\n\n", encoding="utf-8")
    ecrire({"journey": "parcours 1\n", "load": "charge 1\n"}, chemin)
    ecrire({"journey": "parcours 2\n"}, chemin)

    texte = chemin.read_text(encoding="utf-8")
    assert texte.startswith("# Benchmarks\n\nHow to read them.\n\n<!-- bench:journey -->\n")
    assert "parcours 2" in texte
    assert "parcours 1" not in texte
    assert texte.index("parcours 2") < texte.index("charge 1")
