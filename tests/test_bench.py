"""Unit tests of the benchmark and stress tools: verdicts read back, flakes found, files merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import charge
from bench.__main__ import echecs, ecrire
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
    run = Run(numero, graine_ordre=numero * 10, graine_faker=numero * 100)
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


def test_un_test_au_verdict_changeant_est_signale_avec_les_runs_de_chaque_verdict() -> None:
    """A test passing in one run and failing in another is a flake; a missing one too."""
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
    texte = resume(runs, ["e2e"], workers="3")
    assert texte.startswith(
        "# Stress runs\n\n3 runs of `pytest -n 3 --dist load -p randomly e2e`, each with"
    )
    assert "## Tests whose verdict changed: 2" in texte
    assert "--randomly-seed=20 --faker-seed=200" in texte


def test_un_stress_interrompu_dit_combien_de_runs_il_a_faits() -> None:
    """The summary written after each run says how many of the runs asked for it covers."""
    runs = [_run(1, a=REUSSI), _run(2, a=REUSSI)]

    assert "2 of 20 runs of " in resume(runs, ["e2e"], 20)
    assert "2 runs of " in resume(runs, ["e2e"], 2)


def test_les_tests_en_echec_d_un_run_de_la_suite_sont_nommes() -> None:
    """A benchmark run that failed says which tests, as pytest's short summary lists them."""
    sortie = (
        "....F..E\n=== short test summary info ===\n"
        "FAILED tests/test_a.py::test_un[chromium] - AssertionError: non\n"
        "ERROR e2e/test_b.py::test_deux - TimeoutError\n"
        "=== 1 failed, 1 error, 6 passed in 3.21s ===\n"
    )
    assert echecs(sortie) == ["tests/test_a.py::test_un[chromium]", "e2e/test_b.py::test_deux"]
    assert echecs("==== 8 passed in 3.00s ====\n") == []


def test_seules_les_sections_mesurees_a_nouveau_sont_remplacees(tmp_path: Path) -> None:
    """A benchmark run again rewrites its section and keeps the others."""
    chemin = tmp_path / "RESULTS.md"
    ecrire({"journey": "parcours 1\n", "load": "charge 1\n"}, chemin)
    ecrire({"journey": "parcours 2\n"}, chemin)

    texte = chemin.read_text(encoding="utf-8")
    assert "parcours 2" in texte
    assert "parcours 1" not in texte
    assert "charge 1" in texte
    assert texte.index("parcours 2") < texte.index("charge 1")


def test_la_section_ecrite_a_la_main_survit_aux_mesures(tmp_path: Path) -> None:
    """The hand-written profile section is kept, after the measured ones, by a new bench."""
    chemin = tmp_path / "RESULTS.md"
    chemin.write_text(
        "# Benchmarks\n\n<!-- bench:profile -->\nprofil\n<!-- /bench:profile -->\n",
        encoding="utf-8",
    )
    ecrire({"suite": "suite 1\n"}, chemin)

    texte = chemin.read_text(encoding="utf-8")
    assert "<!-- bench:profile -->\nprofil\n<!-- /bench:profile -->" in texte
    assert texte.index("suite 1") < texte.index("profil")


@pytest.mark.parametrize(
    "url", ["http://example.org:80", "http://localhost:5000", "http://127.0.0.1"]
)
def test_la_charge_ne_vise_qu_un_port_de_127_0_0_1(url: str) -> None:
    """The load generator refuses any other target."""
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        charge.mesurer(url, clients=1, secondes=0.1, max_requetes=1)
