"""`python -m bench.stress` (`make stress`): rerun the suite in random orders to find flaky tests.

Each run is a separate pytest with pytest-xdist (`--dist load`: tests handed out one
by one, so that each run gives every test other neighbours on its worker and its mock),
pytest-randomly re-enabled with a seed of its own (a different order of modules and tests), and
a Faker seed of its own (different persons); its JUnit report goes to
`stress-results/run-NN.xml`. At the end, `stress-results/summary.md` lists every run
with its seeds and counts, then every test whose verdict was not the same in every run (a flake,
with the runs and seeds that replay each verdict) and every test that failed in all of them.
The exit status is non-zero when any test changed its verdict or failed.

No retries: a test that fails once is reported, never rerun until it passes.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
# Not under test-results/: pytest-playwright empties that folder at the start of every run.
DOSSIER = RACINE / "stress-results"
DELAI_RUN_S = 3600
REUSSI, ECHEC, ERREUR, SAUTE, ABSENT = "passed", "failed", "error", "skipped", "absent"


@dataclass
class Run:
    """One pytest run: its seeds, exit status, duration and each test's verdict."""

    numero: int
    graine_ordre: int
    graine_faker: int
    code: int = 0
    secondes: float = 0.0
    verdicts: dict[str, str] = field(default_factory=dict)

    @property
    def rejouer(self) -> str:
        """The options that replay this run's order and data."""
        return (
            f"-p randomly -p no:cacheprovider --randomly-seed={self.graine_ordre} "
            f"--faker-seed={self.graine_faker}"
        )


def verdicts_junit(chemin: Path) -> dict[str, str]:
    """Each test's verdict in a JUnit report, by node id (`path/to/test.py::name[params]`)."""
    verdicts: dict[str, str] = {}
    for cas in ET.parse(chemin).iter("testcase"):
        classe, nom = cas.get("classname", ""), cas.get("name", "")
        module, _, classe_de_test = classe.partition(".Test")
        chemin_test = module.replace(".", "/") + ".py"
        nodeid = f"{chemin_test}::" + (f"Test{classe_de_test}::" if classe_de_test else "") + nom
        if cas.find("error") is not None:
            verdict = ERREUR
        elif cas.find("failure") is not None:
            verdict = ECHEC
        elif cas.find("skipped") is not None:
            verdict = SAUTE
        else:
            verdict = REUSSI
        # A test failing in its teardown after passing appears twice: the worse verdict wins.
        if verdicts.get(nodeid) not in (ECHEC, ERREUR):
            verdicts[nodeid] = verdict
    return verdicts


def options_des_runs(workers: str) -> list[str]:
    """The pytest options every run has, before the arguments selecting what it runs."""
    return ["-n", workers, "--dist", "load", "-p", "randomly"]


def executer(run: Run, arguments: list[str], dossier: Path, workers: str = "auto") -> None:
    """Run pytest once with the run's seeds; record its verdicts."""
    junit = dossier / f"run-{run.numero:02d}.xml"
    commande = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        *options_des_runs(workers),
        "-p",
        "no:cacheprovider",
        f"--randomly-seed={run.graine_ordre}",
        f"--faker-seed={run.graine_faker}",
        f"--junitxml={junit}",
        f"--alluredir={dossier / f'allure-run-{run.numero:02d}'}",
        *arguments,
    ]
    debut = time.perf_counter()
    with (dossier / f"run-{run.numero:02d}.log").open("w", encoding="utf-8") as journal:
        fini = subprocess.run(
            commande,
            cwd=RACINE,
            stdout=journal,
            stderr=subprocess.STDOUT,
            timeout=DELAI_RUN_S,
            check=False,
        )
    run.secondes = time.perf_counter() - debut
    run.code = fini.returncode
    run.verdicts = verdicts_junit(junit) if junit.exists() else {}


def instables(runs: list[Run]) -> dict[str, dict[str, list[int]]]:
    """Tests whose verdict differs between runs: verdict → the runs that gave it."""
    tous = sorted({nodeid for run in runs for nodeid in run.verdicts})
    resultat: dict[str, dict[str, list[int]]] = {}
    for nodeid in tous:
        par_verdict: dict[str, list[int]] = defaultdict(list)
        for run in runs:
            par_verdict[run.verdicts.get(nodeid, ABSENT)].append(run.numero)
        if len(par_verdict) > 1:
            resultat[nodeid] = dict(par_verdict)
    return resultat


def toujours_en_echec(runs: list[Run]) -> list[str]:
    """Tests that failed or errored in every run."""
    if not runs:
        return []
    communs = set.intersection(
        *(
            {nodeid for nodeid, verdict in run.verdicts.items() if verdict in (ECHEC, ERREUR)}
            for run in runs
        )
    )
    return sorted(communs)


def resume(
    runs: list[Run], arguments: list[str], prevus: int | None = None, workers: str = "auto"
) -> str:
    """The Markdown summary of the stress runs (`prevus`: how many were asked for)."""
    sur = f" of {prevus}" if prevus is not None and prevus != len(runs) else ""
    commande = shlex.join(["pytest", *options_des_runs(workers), *arguments])
    lignes = [
        "# Stress runs",
        "",
        f"{len(runs)}{sur} runs of `{commande}`, each with its own order and Faker seeds.",
        "",
        "| run | --randomly-seed | --faker-seed | exit | tests | passed | failed | errors "
        "| skipped | seconds |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        compte = Counter(run.verdicts.values())
        lignes.append(
            f"| {run.numero} | {run.graine_ordre} | {run.graine_faker} | {run.code} "
            f"| {len(run.verdicts)} | {compte[REUSSI]} | {compte[ECHEC]} | {compte[ERREUR]} "
            f"| {compte[SAUTE]} | {run.secondes:.0f} |"
        )
    changes = instables(runs)
    lignes += ["", f"## Tests whose verdict changed: {len(changes)}", ""]
    par_numero = {run.numero: run for run in runs}
    for nodeid, par_verdict in changes.items():
        lignes.append(f"- `{nodeid}`")
        for verdict, numeros in sorted(par_verdict.items()):
            exemple = par_numero[numeros[0]]
            lignes.append(
                f"  - {verdict} in runs {', '.join(map(str, numeros))} "
                f"(replay: `pytest '{nodeid}' {exemple.rejouer}`)"
            )
    echecs = toujours_en_echec(runs)
    lignes += ["", f"## Tests that failed in every run: {len(echecs)}", ""]
    lignes += [f"- `{nodeid}`" for nodeid in echecs]
    sans_rapport = [run.numero for run in runs if not run.verdicts]
    if sans_rapport:
        lignes += ["", f"Runs without a JUnit report (see their .log): {sans_rapport}"]
    return "\n".join(lignes) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the suite several times in random orders; summarise; non-zero on any flake."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.stress",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", type=Path, default=DOSSIER)
    parser.add_argument("--workers", default="auto", help="pytest-xdist's -n (default: auto)")
    parser.add_argument(
        "pytest_args", nargs="*", help="pytest arguments selecting what to run (after --)"
    )
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for ancien in [
        *args.output.glob("run-*.xml"),
        *args.output.glob("run-*.log"),
        args.output / "summary.md",
    ]:
        ancien.unlink(missing_ok=True)
    for ancien in args.output.glob("allure-run-*"):
        shutil.rmtree(ancien, ignore_errors=True)
    runs: list[Run] = []
    texte = ""
    for numero in range(1, args.runs + 1):
        run = Run(numero, secrets.randbelow(2**32), secrets.randbelow(2**31))
        executer(run, args.pytest_args, args.output, args.workers)
        runs.append(run)
        compte = Counter(run.verdicts.values())
        print(
            f"stress: run {numero}/{args.runs} — {len(run.verdicts)} tests, "
            f"{compte[ECHEC] + compte[ERREUR]} failed, {run.secondes:.0f} s "
            f"(--randomly-seed={run.graine_ordre} --faker-seed={run.graine_faker})",
            flush=True,
        )
        # Rewritten after every run, so that an interrupted stress still says what it found.
        texte = resume(runs, args.pytest_args, args.runs, args.workers)
        (args.output / "summary.md").write_text(texte, encoding="utf-8")
    print(texte)
    return 1 if instables(runs) or any(run.code != 0 for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
