"""`python -m bench.stress` (`make stress`): rerun the suite in random orders to find flaky tests.

Each run has its own seed (`--randomly-seed=N`: the order and each test's data).
`stress-results/summary.md`, rewritten after every run, lists the runs, every test whose verdict
changed with the seeds that replay it, and every test that failed in all; no retries.
"""

from __future__ import annotations

import argparse
import secrets
import shlex
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
# The JUnit element of each verdict but a pass, the worst first.
BALISES = {ERREUR: "error", ECHEC: "failure", SAUTE: "skipped"}


@dataclass
class Run:
    """One pytest run: its seed, exit status, duration and each test's verdict."""

    numero: int
    graine: int
    code: int = 0
    secondes: float = 0.0
    verdicts: dict[str, str] = field(default_factory=dict)


def options(workers: str, graine: int | None = None) -> list[str]:
    """What every run passes to pytest; with `graine`, the run's own seed."""
    seed = [] if graine is None else [f"--randomly-seed={graine}"]
    return ["-n", workers, "--dist", "load", "-p", "randomly", *seed]


def verdicts_junit(chemin: Path) -> dict[str, str]:
    """Each test's verdict in a JUnit report, by node id; a teardown error outweighs a pass."""
    verdicts: dict[str, str] = {}
    for cas in ET.parse(chemin).iter("testcase"):
        module, _, classe = cas.get("classname", "").partition(".Test")
        nodeid = module.replace(".", "/") + ".py::" + (f"Test{classe}::" if classe else "")
        nodeid += cas.get("name", "")
        etats = [verdict for verdict, balise in BALISES.items() if cas.find(balise) is not None]
        verdict = etats[0] if etats else REUSSI
        if verdicts.get(nodeid) not in (ECHEC, ERREUR):
            verdicts[nodeid] = verdict
    return verdicts


def executer(run: Run, arguments: list[str], dossier: Path, workers: str) -> None:
    """Run pytest once with the run's seed; record its verdicts."""
    junit = dossier / f"run-{run.numero:02d}.xml"
    commande = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    commande += [*options(workers, run.graine), f"--junitxml={junit}"]
    commande += [f"--alluredir={dossier / 'allure'}", *arguments]
    debut = time.perf_counter()
    with (dossier / f"run-{run.numero:02d}.log").open("w", encoding="utf-8") as journal:
        fini = subprocess.run(
            commande, cwd=RACINE, stdout=journal, stderr=subprocess.STDOUT, timeout=DELAI_RUN_S
        )
    run.secondes, run.code = time.perf_counter() - debut, fini.returncode
    run.verdicts = verdicts_junit(junit) if junit.exists() else {}


def instables(runs: list[Run]) -> dict[str, dict[str, list[int]]]:
    """Tests whose verdict differs between runs: verdict → the runs that gave it."""
    resultat: dict[str, dict[str, list[int]]] = {}
    for nodeid in sorted({n for run in runs for n in run.verdicts}):
        par_verdict: dict[str, list[int]] = defaultdict(list)
        for run in runs:
            par_verdict[run.verdicts.get(nodeid, ABSENT)].append(run.numero)
        if len(par_verdict) > 1:
            resultat[nodeid] = dict(par_verdict)
    return resultat


def toujours_en_echec(runs: list[Run]) -> list[str]:
    """Tests that failed or errored in every run."""
    en_echec = [{n for n, v in run.verdicts.items() if v in (ECHEC, ERREUR)} for run in runs]
    return sorted(set.intersection(*en_echec)) if en_echec else []


def resume(runs: list[Run], arguments: list[str], prevus: int, workers: str) -> str:
    """The Markdown summary of the runs so far (`prevus`: how many were asked for)."""
    sur = f" of {prevus}" if prevus != len(runs) else ""
    commande = shlex.join(["pytest", *options(workers), *arguments])
    lignes = [f"# Stress runs\n\n{len(runs)}{sur} runs of `{commande}`, each with its own seed.\n"]
    lignes += ["| run | --randomly-seed | exit | tests | passed | failed | errors | skipped | s |"]
    lignes += ["| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for run in runs:
        n = Counter(run.verdicts.values())
        lignes.append(
            f"| {run.numero} | {run.graine} | {run.code} | {len(run.verdicts)} | {n[REUSSI]} "
            f"| {n[ECHEC]} | {n[ERREUR]} | {n[SAUTE]} | {run.secondes:.0f} |"
        )
    changes, graines = instables(runs), {run.numero: run.graine for run in runs}
    lignes += ["", f"## Tests whose verdict changed: {len(changes)}", ""]
    for nodeid, par_verdict in changes.items():
        lignes.append(f"- `{nodeid}`")
        for verdict, numeros in sorted(par_verdict.items()):
            rejouer = shlex.join(["pytest", nodeid, "-p", "randomly"])
            rejouer += f" --randomly-seed={graines[numeros[0]]}"
            lignes.append(f"  - {verdict} in runs {numeros} (replay: `{rejouer}`)")
    echecs = toujours_en_echec(runs)
    lignes += ["", f"## Tests that failed in every run: {len(echecs)}", ""]
    lignes += [f"- `{nodeid}`" for nodeid in echecs]
    return "\n".join(lignes).replace("\n\n\n", "\n\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the suite several times in random orders; summarise; non-zero on any flake."""
    parser = argparse.ArgumentParser(prog="python -m bench.stress", description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--output", type=Path, default=DOSSIER)
    parser.add_argument("--workers", default="auto", help="pytest-xdist's -n (default: auto)")
    parser.add_argument("pytest_args", nargs="*", help="pytest arguments (after --)")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for ancien in [*args.output.glob("run-*"), args.output / "summary.md"]:
        ancien.unlink(missing_ok=True)
    runs: list[Run] = []
    texte = ""
    for numero in range(1, args.runs + 1):
        runs.append(Run(numero, secrets.randbelow(2**32)))
        executer(runs[-1], args.pytest_args, args.output, args.workers)
        texte = resume(runs, args.pytest_args, args.runs, args.workers)
        (args.output / "summary.md").write_text(texte, encoding="utf-8")
        print(f"stress: run {numero}/{args.runs}, exit {runs[-1].code}", flush=True)
    print(texte)
    return 1 if instables(runs) or any(run.code != 0 for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
