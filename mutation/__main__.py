"""`python -m mutation`: a mutation campaign over parts of the mock, and its report.

python -m mutation                      # every part, the mock's own tests
python -m mutation --only rules         # mock_site/rules/ only
python -m mutation --browser            # survivors also tried against browser tests
python -m mutation --retest-survivors   # only what survived last time (after new tests)
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

from mutation.execution import (
    CopieArbre,
    Releve,
    Resultat,
    completer_releve,
    executer,
    precharger,
    releve,
    tests_navigateur,
)
from mutation.mutants import Mutant, mutants_python, numeroter
from mutation.report import Partie, charger_equivalents, ecrire
from mutation.templates import fichiers_templates, mutants_template

RACINE = Path(__file__).resolve().parent.parent
CACHE = RACINE / ".mutation"
RESULTATS = CACHE / "resultats.json"


def _python(*motifs: str) -> Callable[[Path], list[Mutant]]:
    def mutants(racine: Path) -> list[Mutant]:
        fichiers = sorted({p for motif in motifs for p in racine.glob(motif)})
        return numeroter(
            m for f in fichiers if f.name != "__init__.py" for m in mutants_python(racine, f)
        )

    return mutants


def _templates(racine: Path) -> list[Mutant]:
    return numeroter(m for f in fichiers_templates(racine) for m in mutants_template(racine, f))


# The parts, in the order they run: the rules first (the score the issue asks for at least).
PARTIES: dict[str, Callable[[Path], list[Mutant]]] = {
    "rules": _python("mock_site/rules/*.py"),
    "settings": _python("mock_site/config.py", "mock_site/security.py", "mock_site/statiques.py"),
    "templates": _templates,
    "views": _python("mock_site/views/*.py"),
}


def _charger_resultats() -> dict[str, dict[str, object]]:
    if not RESULTATS.exists():
        return {}
    donnees: dict[str, dict[str, object]] = json.loads(RESULTATS.read_text(encoding="utf-8"))
    return donnees


def _enregistrer(cle: str, verdict: dict[str, object]) -> None:
    """Add one verdict to the file, re-read under a lock: two campaigns (two parts) may run
    side by side, each adding its own verdicts without losing the other's."""
    CACHE.mkdir(exist_ok=True)
    with FileLock(str(RESULTATS) + ".lock"):
        resultats = _charger_resultats()
        resultats[cle] = verdict
        provisoire = RESULTATS.with_suffix(".tmp")
        provisoire.write_text(json.dumps(resultats, indent=1), encoding="utf-8")
        provisoire.replace(RESULTATS)


def _delai(releve_: Releve, tests: list[str], facteur: float) -> float:
    return facteur * sum(releve_.durees.get(t, 0.5) for t in tests) + 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mutation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(PARTIES),
        help="a part to mutate (repeatable; default: all, in this order)",
    )
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        help="only the mutants of files matching this pattern (fnmatch, "
        "e.g. 'mock_site/templates/compte/*'; repeatable)",
    )
    parser.add_argument(
        "--browser",
        action="store_true",
        help="try the survivors against the browser tests of their screen",
    )
    parser.add_argument(
        "--retest-survivors",
        action="store_true",
        help="run only last run's survivors again (after new tests); keep "
        "every other verdict, and leave mutants never run as not run",
    )
    parser.add_argument(
        "--retest-timeouts",
        action="store_true",
        help="run again the mutants whose verdict was a timeout (on a busy machine a mutant "
        "may time out for lack of CPU, not because it loops); keep every other verdict",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep every verdict of earlier runs, survivors too (an interrupted "
        "campaign goes on where it stopped)",
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="at most this many mutants per part (0: all)"
    )
    parser.add_argument(
        "--timeout-factor",
        type=float,
        default=4.0,
        help="a mutant's tests time out after this many times their duration",
    )
    parser.add_argument(
        "--reuse-measure",
        action="store_true",
        help="use the newest measure of which tests see which lines even if "
        "mock_site/ changed since (saves measuring again)",
    )
    parser.add_argument(
        "--extra-tests",
        action="append",
        default=[],
        help="tests (files or node ids) run first for every mutant, before the "
        "measured ones: tests written since the measure",
    )
    parser.add_argument(
        "--measure-tests",
        nargs="+",
        default=[],
        help="test files written or changed since the last measure: measure only "
        "them, merge them into it, then go on (faster than measuring all)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: the report from the verdicts of earlier runs (a "
        "mutant without one is counted as not run)",
    )
    parser.add_argument(
        "--slowest",
        type=float,
        default=2.0,
        help="leave out tests that took longer than this many seconds when "
        "measured (the Hypothesis hostile-input tests; 0: keep all)",
    )
    parser.add_argument(
        "--max-tests",
        type=int,
        default=80,
        help="run at most this many tests per mutant, the fastest (0: all)",
    )
    parser.add_argument("--report", type=Path, default=RACINE / "bench" / "MUTATION.md")
    args = parser.parse_args(argv)
    commande = "python -m mutation " + shlex.join(argv if argv is not None else sys.argv[1:])

    debut_run = time.monotonic()
    precharger()
    if args.measure_tests:
        completer_releve(RACINE, CACHE, args.measure_tests)
    mesure = releve(RACINE, CACHE, args.reuse_measure) if not args.report_only else None
    reprise = args.retest_survivors or args.resume or args.report_only or args.retest_timeouts
    precedents = _charger_resultats() if reprise else {}
    gardes: tuple[str, ...] = ("killed",) + (
        ("timeout",) if not args.retest_timeouts or args.report_only else ()
    )
    if args.resume or args.report_only or args.retest_timeouts:
        gardes += ("survived", "no-tests")
    equivalents = charger_equivalents()
    copie = CopieArbre(RACINE) if args.browser else None
    parties: list[Partie] = []
    try:
        for nom in args.only or list(PARTIES):
            debut = time.monotonic()
            mutants = PARTIES[nom](RACINE)
            if args.file:
                mutants = [
                    m for m in mutants if any(fnmatch.fnmatch(m.path, motif) for motif in args.file)
                ]
            if args.limit:
                mutants = mutants[: args.limit]
            resultats: dict[str, Resultat] = {}
            for numero, mutant in enumerate(mutants, start=1):
                ancien = precedents.get(mutant.key)
                # A survivor known to be equivalent would only survive again.
                garde = gardes + (("survived", "no-tests") if mutant.key in equivalents else ())
                if (
                    ancien
                    and ancien["statut"] in garde
                    and ancien.get("empreinte") == mutant.empreinte
                ):
                    resultats[mutant.key] = Resultat(**ancien["resultat"])  # type: ignore[arg-type]
                    continue
                if args.report_only or (
                    (args.retest_survivors or args.retest_timeouts) and ancien is None
                ):
                    continue
                assert mesure is not None
                tests = mesure.tests_pour(mutant, args.slowest or None)
                if args.max_tests:
                    tests = tests[: args.max_tests]
                # Tests written since the measure are the likeliest to see a survivor: first.
                tests = [*args.extra_tests, *tests]
                resultat = executer(
                    RACINE, mutant, tests, _delai(mesure, tests, args.timeout_factor)
                )
                if copie and resultat.statut in ("survived", "no-tests"):
                    fichiers = tests_navigateur(mutant)
                    if fichiers:
                        resultat = copie.executer(mutant, fichiers, 900.0)
                resultats[mutant.key] = resultat
                _enregistrer(
                    mutant.key,
                    {
                        "statut": resultat.statut,
                        "resultat": asdict(resultat),
                        "path": mutant.path,
                        "line": mutant.line,
                        "empreinte": mutant.empreinte,
                        "description": mutant.description,
                    },
                )
                print(
                    f"[{nom} {numero}/{len(mutants)}] {resultat.statut:9} "
                    f"{resultat.secondes:5.1f}s {resultat.tests:3} tests  "
                    f"{mutant.path}:{mutant.line} {mutant.description}",
                    flush=True,
                )
            parties.append(Partie(nom, mutants, resultats, time.monotonic() - debut))
    finally:
        if copie:
            copie.fermer()
    quand = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    ecrire(args.report, parties, commande, quand, args.browser, time.monotonic() - debut_run)
    print(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
