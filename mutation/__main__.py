"""`python -m mutation` (`make mutate`): a mutation campaign over parts of the mock, and its report.

python -m mutation                          # every part (long: hours)
python -m mutation --only franceconnect     # one part (repeatable)
python -m mutation --only rules --minutes 20
python -m mutation --report-only            # the report from the verdicts so far

Each part is a cosmic-ray session in `.mutation/PART.sqlite`, made again when the part's files
change; a run goes on with the mutants the session has no verdict for yet, in random order
(cosmic-ray draws them so), until `--minutes` are spent. The mutants run in a copy of the mock
(`.mutation/trees/PART/`), never in the work tree, with `mutation.selection` as test command.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from mutation import report, templates
from mutation.parties import PARTIES, fichiers, fichiers_du_mock

RACINE = Path(__file__).resolve().parent.parent
CACHE = RACINE / ".mutation"
# A mutant's tests are its test command's whole run, Python's start and pytest's included.
DELAI_MUTANT_S = 120.0
# `|` is nearly always a type hint here (`str | None`), never evaluated: its replacements by the
# twelve other binary operators would be as many equivalent mutants.
OPERATEURS_EXCLUS = ["core/ReplaceBinaryOperator_BitOr_.*"]


def _empreinte(chemins: list[str], *extra: object) -> str:
    h = hashlib.sha256(json.dumps(extra).encode())
    for chemin in chemins:
        h.update(chemin.encode() + (RACINE / chemin).read_bytes())
    return h.hexdigest()[:16]


def _copier_arbre(partie: str) -> Path:
    """A fresh copy of the mock (and pyproject.toml for pytest's settings) for one part, in its
    own git index, so that `git diff` names what a mutant changed."""
    arbre = CACHE / "trees" / partie
    shutil.rmtree(arbre, ignore_errors=True)
    for relatif in [*fichiers_du_mock(RACINE), "pyproject.toml"]:
        (arbre / relatif).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(RACINE / relatif, arbre / relatif)
    for commande in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(commande, cwd=arbre, check=True)
    return arbre


def _environnement() -> dict[str, str]:
    """What the commands run in the copy need: `mutation` importable, no stale bytecode."""
    return {**os.environ, "PYTHONPATH": str(RACINE), "PYTHONDONTWRITEBYTECODE": "1"}


def _lancer(commande: list[str], arbre: Path, echeance: float | None = None) -> int:
    """Run a command in the copy; interrupted (SIGINT, so that cosmic-ray puts the mutated file
    back) once `echeance` (monotonic) has passed."""
    processus = subprocess.Popen(commande, cwd=arbre, env=_environnement())
    try:
        delai = None if echeance is None else max(echeance - time.monotonic(), 0.0)
        return processus.wait(timeout=delai)
    except subprocess.TimeoutExpired:
        processus.send_signal(signal.SIGINT)
        return processus.wait()


def _mesure(arbre: Path) -> Path:
    """The measure of which tests see what, made again when any file of the mock changed."""
    fichier = CACHE / f"measure-{_empreinte(fichiers_du_mock(RACINE))}.json"
    if not fichier.exists():
        print("mutation: measuring which tests see which lines…", flush=True)
        _lancer([sys.executable, "-m", "mutation.selection", "--measure", str(fichier)], arbre)
    return fichier


def _session(partie: str, arbre: Path, commande_test: str, neuve: bool) -> Path:
    """The part's cosmic-ray session, made again when its files or the test command changed."""
    session, config = CACHE / f"{partie}.sqlite", CACHE / f"{partie}.toml"
    modules = fichiers(RACINE, partie)
    # The choice of tests is part of a verdict: a session lasts while it is unchanged too.
    empreinte = _empreinte([*modules, "mutation/selection.py"], commande_test, OPERATEURS_EXCLUS)
    actuelle = config.read_text(encoding="utf-8") if config.exists() else ""
    if not neuve and session.exists() and actuelle.startswith(f"# {empreinte}\n"):
        return session
    session.unlink(missing_ok=True)
    config.write_text(
        f"# {empreinte}\n[cosmic-ray]\nmodule-path = {json.dumps(modules)}\n"
        f"timeout = {DELAI_MUTANT_S}\nexcluded-modules = []\n"
        f"test-command = {json.dumps(commande_test)}\n"
        '[cosmic-ray.distributor]\nname = "local"\n'
        "[cosmic-ray.filters.operators-filter]\n"
        f"exclude-operators = {json.dumps(OPERATEURS_EXCLUS)}\n",
        encoding="utf-8",
    )
    if partie == "templates":
        templates.initialiser(session, [arbre / m for m in modules], arbre)
        return session
    outils = Path(sys.executable).parent
    _lancer([str(outils / "cosmic-ray"), "init", str(config), str(session)], arbre)
    _lancer([str(outils / "cr-filter-pragma"), str(session)], arbre)
    _lancer([str(outils / "cr-filter-operators"), str(session), str(config)], arbre)
    return session


def main(argv: list[str] | None = None) -> int:
    """Run the chosen parts (mutants without a verdict yet), then write the report."""
    parser = argparse.ArgumentParser(
        prog="python -m mutation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", action="append", choices=list(PARTIES), help="repeatable")
    parser.add_argument("--minutes", type=float, default=0.0, help="stop each part then (0: never)")
    parser.add_argument("--fresh", action="store_true", help="forget the parts' verdicts")
    parser.add_argument("--max-tests", type=int, default=80, help="per mutant, fastest (0: all)")
    parser.add_argument("--slowest", type=float, default=2.0, help="no test slower, s (0: all)")
    parser.add_argument("--report-only", action="store_true", help="run nothing")
    parser.add_argument("--report", type=Path, default=RACINE / "bench" / "MUTATION.md")
    args = parser.parse_args(argv)
    commande = shlex.join(
        ["python", "-m", "mutation", *(argv if argv is not None else sys.argv[1:])]
    )
    CACHE.mkdir(exist_ok=True)
    for partie in [] if args.report_only else args.only or list(PARTIES):
        arbre = _copier_arbre(partie)
        mesure = _mesure(arbre)
        selection = ["--max-tests", str(args.max_tests), "--slowest", str(args.slowest)]
        commande_test = shlex.join(
            [sys.executable, "-m", "mutation.selection", str(mesure), *selection]
        )
        session = _session(partie, arbre, commande_test, args.fresh)
        echeance = time.monotonic() + 60 * args.minutes if args.minutes else None
        print(f"mutation: {partie}…", flush=True)
        if partie == "templates":
            # cosmic-ray's test runner starts the command here, with this process's variables.
            os.environ.update(_environnement())
            with contextlib.chdir(arbre):
                templates.executer(session, arbre, commande_test, DELAI_MUTANT_S, echeance)
        else:
            config = str(CACHE / f"{partie}.toml")
            cosmic_ray = str(Path(sys.executable).parent / "cosmic-ray")
            _lancer([cosmic_ray, "exec", config, str(session)], arbre, echeance)
    report.ecrire(args.report, {p: CACHE / f"{p}.sqlite" for p in PARTIES}, commande)
    print(f"mutation: report in {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
