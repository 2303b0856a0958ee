"""Which of the mock's own tests can see a mutant: measured once, chosen for each mutant.

`--measure FILE` runs `mock_site/tests` under coverage.py, one context per test, and records the
templates each test renders and its duration. `FILE` alone is every mutant's test command.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

TESTS_MOCK = "mock_site/tests"
# Tests that start the mock as another process or read its files: they run the original code.
HORS_PROCESSUS = ("mock_site/tests/test_durabilite.py", "mock_site/tests/test_autonomie.py")
# The mock's tests need none of the project's plugins (browser, Allure, servers) nor the
# conftest.py above them: loading those would cost each mutant more than its tests.
PYTEST = ["-q", "--no-header", "-p", "hypothesis.extra.pytestplugin", "-p", "no:cacheprovider"]
PYTEST += ["--confcutdir", TESTS_MOCK, "-o", "addopts="]
PYTEST += ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? ")
MOT = re.compile(r"[\w-]{3,}")


def mesurer(sortie: Path) -> int:
    """Run the mock's tests under coverage, one context per test; write what each one saw."""
    import coverage
    import flask
    import pytest

    cov = coverage.Coverage(data_file=None, include=["mock_site/*"], omit=[f"{TESTS_MOCK}/*"])
    gabarits: dict[str, set[str]] = defaultdict(set)
    durees: dict[str, float] = defaultdict(float)
    echecs: set[str] = set()
    courant = [""]

    def rendu(_app: object, template: Any, **_: object) -> None:
        if courant[0]:
            gabarits[template.name].add(courant[0])

    class Releveur:
        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, object, object]:
            courant[0] = item.nodeid
            cov.switch_context(item.nodeid)
            try:
                return (yield)
            finally:
                cov.switch_context("")
                courant[0] = ""

        def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
            durees[report.nodeid] += report.duration
            if report.failed:
                echecs.add(report.nodeid)

    flask.template_rendered.connect(rendu)
    cov.start()
    code = pytest.main([*PYTEST, TESTS_MOCK], plugins=[Releveur()])
    cov.stop()
    donnees = cov.get_data()
    lignes = {
        Path(f).resolve().relative_to(Path.cwd()).as_posix(): {
            n: sorted(filter(None, c)) for n, c in donnees.contexts_by_lineno(f).items() if any(c)
        }
        for f in donnees.measured_files()
    }
    gabarits_ = {nom: sorted(tests) for nom, tests in gabarits.items()}
    mesure = {"lignes": lignes, "gabarits": gabarits_, "durees": durees, "echecs": sorted(echecs)}
    # Written whole, then renamed: a campaign of another part may read it at any moment.
    sortie.with_suffix(".tmp").write_text(json.dumps(mesure), encoding="utf-8")
    sortie.with_suffix(".tmp").replace(sortie)
    return int(code)


def changements() -> tuple[dict[str, set[int]], set[str]]:
    """The files and lines (before the change) that differ from the copy's git index, and the
    words the change removed (a word dropped from a wording, an attribute, an id)."""
    diff = subprocess.run(
        ["git", "diff", "-U0", "--no-color", "--no-ext-diff", "--", "mock_site"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    changes: dict[str, set[int]] = defaultdict(set)
    fichier = ""
    textes: dict[str, list[str]] = {"-": [], "+": []}
    for ligne in diff.splitlines():
        if ligne.startswith("+++ b/"):
            fichier = ligne.removeprefix("+++ b/")
        elif trouve := HUNK.match(ligne):
            debut, nombre = int(trouve[1]), int(trouve[2] or 1)
            changes[fichier].update(range(debut, debut + max(nombre, 1)))
        elif ligne[:1] in textes and not ligne.startswith(("---", "+++")):
            textes[ligne[0]].append(ligne[1:])
    mots = set(MOT.findall(" ".join(textes["-"]))) - set(MOT.findall(" ".join(textes["+"])))
    return changes, mots


@functools.cache
def _source(test: str) -> str:
    """The text of the file a test (a node id) is written in."""
    return Path(test.split("::", 1)[0]).read_text(encoding="utf-8")


def choisir_tests(
    mesure: dict[str, Any],
    changes: dict[str, set[int]],
    plafond: float,
    maximum: int,
    mots: Iterable[str] = (),
) -> list[str]:
    """The tests that can see the changes: those whose file quotes a word the change removed,
    then those of the changed lines, then the module's; fastest first within each."""
    durees: dict[str, float] = mesure["durees"]

    def utiles(tests: Iterable[str]) -> set[str]:
        return {
            t
            for t in tests
            if t not in mesure["echecs"]
            and not t.startswith(HORS_PROCESSUS)
            and (not plafond or durees.get(t, 0.0) <= plafond)
        }

    proches: set[str] = set()
    autres: set[str] = set()
    for fichier, lignes in changes.items():
        if fichier.startswith("mock_site/templates/"):
            rendus = mesure["gabarits"]
            proches |= utiles(rendus.get(fichier.removeprefix("mock_site/templates/"), ()))
            # A partial (base, macros) is rendered through the pages that include it.
            autres |= utiles(t for tests in rendus.values() for t in tests)
        else:
            par_ligne = mesure["lignes"].get(fichier, {})
            # Coverage records a statement under its first line only, and a decorator under the
            # test that imported the module: the nearest recorded lines before and after the
            # change (the statement it continues, the function it decorates) speak for it.
            enregistrees = sorted(map(int, par_ligne))
            voisines = [n for n in enregistrees if n < min(lignes)][-1:]
            voisines += [n for n in enregistrees if n > max(lignes)][:1]
            vues = [*lignes, *voisines]
            proches |= utiles(t for n in vues for t in par_ligne.get(str(n), ()))
            autres |= utiles(t for tests in par_ligne.values() for t in tests)

    def duree(test: str) -> float:
        return durees.get(test, 0.0)

    ordre = sorted(proches, key=duree) + sorted(autres - proches, key=duree)
    # A template shared by every page is rendered by hundreds of tests: those that name what
    # the mutant removed (the word, the attribute, the id) are the likeliest to notice.
    citent = [t for t in ordre if any(mot in _source(t) for mot in mots)]
    ordre = citent + [t for t in ordre if t not in set(citent)]
    return ordre[:maximum] if maximum else ordre


def main(argv: list[str] | None = None) -> int:
    """Measure the tests, or run those that can see the mutant in the work tree."""
    parser = argparse.ArgumentParser(prog="python -m mutation.selection", description=__doc__)
    parser.add_argument("fichier", type=Path, help="the measure (JSON)")
    parser.add_argument("--measure", action="store_true", help="measure, do not select")
    parser.add_argument("--max-tests", type=int, default=80, help="at most this many (0: all)")
    parser.add_argument("--slowest", type=float, default=2.0, help="none slower, s (0: all)")
    args = parser.parse_args(argv)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    if args.measure:
        return mesurer(args.fichier)
    mesure = json.loads(args.fichier.read_text(encoding="utf-8"))
    changes, mots = changements()
    tests = choisir_tests(mesure, changes, args.slowest, args.max_tests, mots)
    if not tests:
        print("no test executes this change")
        return 0
    import pytest

    code = int(pytest.main([*PYTEST, "-x", *tests]))
    # 5: none collected, which is no test noticing; any other failure (an import the mutant
    # broke included) is a test run that noticed.
    return 0 if code == 5 else code


if __name__ == "__main__":
    sys.exit(main())
