"""`python -m mutation` (`make mutate`): a mutation campaign over parts of the mock, and its report.

python -m mutation                          # every part (long: hours)
python -m mutation --only franceconnect     # one part (repeatable)
python -m mutation --only rules --minutes 20
python -m mutation --report-only            # the report from the verdicts so far

Each part is a cosmic-ray session in `.mutation/PART.sqlite`, made again when the part's files
change; a run goes on with the mutants the session has no verdict for yet, in random order
(cosmic-ray draws them so), until `--minutes` are spent, in a copy of the mock
(`.mutation/trees/PART/`). The report is read from the sessions (cosmic-ray's `WorkDB`).
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkItem, WorkResult

from bench import machine, remplacer_bloc
from mutation import templates

RACINE = Path(__file__).resolve().parent.parent
CACHE = RACINE / ".mutation"
# A mutant's tests are its test command's whole run, Python's start and pytest's included.
DELAI_MUTANT_S = 120.0
# `|` is nearly always a type hint here (`str | None`), never evaluated: its replacements by the
# twelve other binary operators would be as many equivalent mutants.
OPERATEURS_EXCLUS = ["core/ReplaceBinaryOperator_BitOr_.*"]

PARTIES: dict[str, tuple[str, ...]] = {
    "rules": ("mock_site/rules/*.py",),
    "settings": (
        "mock_site/config.py",
        "mock_site/security.py",
        "mock_site/statiques.py",
        "mock_site/gunicorn_conf.py",
    ),
    "store": (
        "mock_site/store.py",
        "mock_site/registre.py",
        "mock_site/courrier.py",
        "mock_site/clock.py",
    ),
    "franceconnect": ("mock_site/franceconnect/*.py",),
    "views": ("mock_site/views/*.py",),
    "app": ("mock_site/*.py",),
    "templates": ("mock_site/templates/*.html", "mock_site/templates/*.txt"),
}
# Every other file of `mock_site/` is in the first part whose pattern matches it
# (tests/test_mutation.py checks it). Not mutated: the mock's own tests (what a mutant is run
# against), and data (stylesheets, pictures, a few event handlers, the caisses' table), whose
# faults the browser, visual and data tests see directly.
LAISSES = ("mock_site/tests/*", "mock_site/static/*", "mock_site/data/*")


def fichiers_du_mock(racine: Path) -> list[str]:
    """The mock's files as git knows them (tracked, or new and not ignored)."""
    sortie = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "mock_site"],
        cwd=racine,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted({f for f in sortie.split("\0") if f and (racine / f).is_file()})


def partie_de(fichier: str) -> str | None:
    """The part a file of the mock belongs to; None for a file left out."""
    if any(fnmatch.fnmatch(fichier, motif) for motif in LAISSES):
        return None
    for nom, motifs in PARTIES.items():
        if any(fnmatch.fnmatch(fichier, motif) for motif in motifs):
            return nom
    raise LookupError(f"{fichier} is in no part of PARTIES (mutation/__main__.py)")


def fichiers(racine: Path, partie: str) -> list[str]:
    """The files of one part."""
    return [f for f in fichiers_du_mock(racine) if partie_de(f) == partie]


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


# The report's block, between these markers of bench/MUTATION.md.
DEBUT, FIN = "<!-- mutation: written by python -m mutation -->", "<!-- /mutation -->"
SURVIVANTS_MONTRES = 15


def _changement(item: WorkItem, resultat: WorkResult) -> str:
    """Where a mutant is and what it changed: the template edit, or the diff's changed line."""
    spec = item.mutations[0]
    lieu = f"`{spec.module_path}:{spec.start_pos[0]}` {spec.operator_name.split('/')[-1]}"
    if spec.definition_name and spec.operator_name.startswith("template/"):
        return f"{lieu}: {spec.definition_name}"
    lignes = (resultat.diff or "").splitlines()
    avant = [ligne[1:].strip() for ligne in lignes if ligne.startswith("-") and ligne[1:2] != "-"]
    apres = [ligne[1:].strip() for ligne in lignes if ligne.startswith("+") and ligne[1:2] != "+"]
    avant_, apres_ = " ".join(avant), " ".join(apres)
    # Around the first character that differs: a long line is cut where the change is.
    paires = enumerate(zip(avant_, apres_, strict=False))
    commun = next((i for i, (a, b) in paires if a != b), 0)
    debut = max(commun - 30, 0)
    return f"{lieu}: `{avant_[debut : debut + 70]}` → `{apres_[debut : debut + 70]}`"


def bilan(session: Path) -> tuple[Counter[str], list[str]]:
    """How a part's mutants ended, and its survivors."""
    compte: Counter[str] = Counter()
    survivants = []
    with use_db(str(session), mode=WorkDB.Mode.open) as db:
        compte["mutants"] = db.num_work_items
        for item, resultat in db.completed_work_items:
            if resultat.worker_outcome == WorkerOutcome.SKIPPED:
                compte["skipped"] += 1
            elif resultat.test_outcome == TestOutcome.SURVIVED:
                compte["survived"] += 1
                survivants.append(_changement(item, resultat))
            elif resultat.test_outcome == TestOutcome.KILLED:
                compte["killed"] += 1
                compte["timeouts"] += resultat.output == "timeout"
            else:
                compte["incompetent"] += 1
    return compte, sorted(survivants)


def bloc(sessions: dict[str, Path], commande: str) -> str:
    """The report's written block: the table of parts, then each part's survivors."""
    lignes = [
        f"`{commande}`",
        "",
        machine(),
        "| part | mutants | filtered out | run | killed (timeouts) | survived | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    details = []
    for partie, session in sessions.items():
        if not session.exists():
            lignes.append(f"| {partie} | not run here | | | | | |")
            continue
        n, survivants = bilan(session)
        run = n["killed"] + n["survived"]
        score = f"**{100 * n['killed'] / run:.1f} %**" if run else "—"
        lignes.append(
            f"| {partie} | {n['mutants']} | {n['skipped']} | {run} | "
            f"{n['killed']} ({n['timeouts']}) | {n['survived']} | {score} |"
        )
        if survivants:
            details += ["", f"Survivors of `{partie}` ({len(survivants)}):", ""]
            details += [f"- {s}" for s in survivants[:SURVIVANTS_MONTRES]]
            if len(survivants) > SURVIVANTS_MONTRES:
                details.append(
                    f"- … `cr-report --show-diff --surviving-only .mutation/{partie}.sqlite`"
                )
    return "\n".join([*lignes, *details]) + "\n"


def ecrire_rapport(rapport: Path, sessions: dict[str, Path], commande: str) -> None:
    """Replace the written block of the report (or add it at its end)."""
    remplacer_bloc(rapport, DEBUT, FIN, bloc(sessions, commande))


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
    ecrire_rapport(args.report, {p: CACHE / f"{p}.sqlite" for p in PARTIES}, commande)
    print(f"mutation: report in {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
