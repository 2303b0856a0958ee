"""Running the tests against one mutant at a time, in forked processes.

The controller never imports `mock_site`: it imports the heavy libraries once, then forks a
child per mutant. The child serves the mutant's text in place of the file (Python: the source
loader; templates: Jinja's file loader) and runs pytest on the tests that can see the change,
fastest first, stopping at the first failure. Nothing is written into the work tree, so the
tree can be edited while a campaign runs.

Which tests can see a change is measured once (`releve`): the whole of `mock_site/tests` under
coverage.py with one context per test, and the templates each test loads.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutation.mutants import Mutant

TESTS_MOCK = "mock_site/tests"
# Tests that start the mock as another process, or read the files rather than run them: an
# in-process mutant is invisible to them.
TESTS_HORS_PROCESSUS = ("mock_site/tests/test_durabilite.py", "mock_site/tests/test_autonomie.py")
# pytest for one mutant: one failure is enough. The mock's tests need no plugin but
# Hypothesis's and none of the project's conftest.py above them (browser, Allure, servers):
# loading those would cost each mutant more than its tests (PYTEST_DISABLE_PLUGIN_AUTOLOAD).
# unraisableexception: its two full garbage collections at exit cost more than most tests.
ARGUMENTS_PYTEST = [
    "-x",
    "-q",
    "-p",
    "hypothesis.extra.pytestplugin",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:unraisableexception",
    "-p",
    "no:threadexception",
    "--confcutdir",
    TESTS_MOCK,
    "-o",
    "addopts=",
    "--no-header",
    "-W",
    "ignore::pytest.PytestAssertRewriteWarning",
]
# The browser tests run in a subprocess with the project's own plugins and conftest.py.
ARGUMENTS_NAVIGATEUR = [
    "-x",
    "-q",
    "-p",
    "no:randomly",
    "-p",
    "no:xdist",
    "-p",
    "no:cacheprovider",
    "-o",
    "addopts=",
    "--no-header",
]
# Imported by the controller before forking, so that each child starts warm.
PRECHARGES = (
    "flask",
    "flask_wtf",
    "jinja2",
    "werkzeug",
    "hypothesis",
    "faker",
    "stdnum",
    "schwifty",
    "authlib",
    "joserfc",
    "requests",
    "filelock",
    "pytest",
    "_pytest.python",
    "hypothesis.extra.pytestplugin",
)

# The mock's test files written for a module that the whole application reads at start-up (its
# settings): every test sees such a module, these are the ones that check it, so they run first.
TESTS_DEDIES: dict[str, tuple[str, ...]] = {
    "mock_site/config.py": ("mock_site/tests/test_reglages.py", "mock_site/tests/test_securite.py"),
    "mock_site/security.py": ("mock_site/tests/test_securite.py",),
    "mock_site/statiques.py": ("mock_site/tests/test_statiques.py",),
}

# The tests of each screen that start the mock as a server process, for `--browser`: the cases
# of its rules posted over HTTP (`REGLES_HTTP`: every case, where the browser files keep one or
# two; first, since it takes seconds and pytest stops at the first failure), then its browser
# tests. The first matching prefix wins.
REGLES_HTTP = "tests/test_regles_des_ecrans.py"
TESTS_NAVIGATEUR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mock_site/templates/portail/", (REGLES_HTTP, "e2e/test_accueil.py")),
    ("mock_site/views/portail.py", (REGLES_HTTP, "e2e/test_accueil.py")),
    ("mock_site/templates/compte/creation.html", (REGLES_HTTP, "e2e/test_creation.py")),
    ("mock_site/templates/compte/identite.html", (REGLES_HTTP, "e2e/test_identite.py")),
    ("mock_site/templates/compte/code_provisoire.html", ("e2e/test_identite.py",)),
    ("mock_site/templates/compte/conditions", ("e2e/test_conditions.py",)),
    ("mock_site/templates/compte/refus.html", ("e2e/test_conditions.py",)),
    ("mock_site/templates/compte/code.html", (REGLES_HTTP, "e2e/test_code_personnel.py")),
    ("mock_site/rules/code_personnel.py", (REGLES_HTTP, "e2e/test_code_personnel.py")),
    ("mock_site/templates/compte/coordonnees.html", (REGLES_HTTP, "e2e/test_coordonnees.py")),
    ("mock_site/rules/contact.py", (REGLES_HTTP, "e2e/test_coordonnees.py")),
    (
        "mock_site/templates/compte/",
        (REGLES_HTTP, "e2e/test_validation.py", "e2e/test_navigation.py"),
    ),
    ("mock_site/templates/messagerie/", ("e2e/test_validation.py",)),
    ("mock_site/templates/franceconnect/", ("e2e/test_franceconnect.py",)),
    ("mock_site/views/franceconnect.py", ("e2e/test_franceconnect.py",)),
    ("mock_site/", (REGLES_HTTP, "e2e/test_parcours.py", "e2e/test_creation.py")),
)


@dataclass
class Releve:
    """Which tests executed each line of the mock and loaded each template, and their cost."""

    lignes: dict[str, dict[int, list[str]]]
    templates: dict[str, list[str]]
    durees: dict[str, float]
    echecs: list[str]

    def tests_pour(self, mutant: Mutant, plafond: float | None = None) -> list[str]:
        """The passing tests that can see `mutant`, fastest first; none that took longer
        than `plafond` seconds when measured."""

        def utiles(tests: Iterable[str]) -> set[str]:
            return {
                t
                for t in tests
                if t not in self.echecs
                and not t.startswith(TESTS_HORS_PROCESSUS)
                and (plafond is None or self.durees.get(t, 0.0) <= plafond)
                and existe(t)
            }

        def par_duree(tests: set[str]) -> list[str]:
            return sorted(tests, key=lambda t: (self.durees.get(t, 0.0), t))

        if mutant.kind == "template":
            nom = mutant.path.removeprefix("mock_site/templates/")
            # A template shared by every page (the macros, the base) is loaded by hundreds of
            # tests: those whose file names what the mutant changed (the attribute, the id,
            # the word dropped) are the likeliest to notice, so they run first.
            candidats = utiles(self.templates.get(nom, ()))
            mot = mot_change(mutant)
            proches = {t for t in candidats if mot and mot in _texte_du_test(t)}
            return par_duree(proches) + par_duree(candidats - proches)
        par_ligne = self.lignes.get(mutant.path, {})
        vus: set[str] = set()
        for ligne in range(mutant.line, mutant.end_line + 1):
            vus.update(utiles(par_ligne.get(ligne, ())))
        # The tests that imported the module (those of its first recorded line) executed
        # every line that runs at import: for those lines they say nothing.
        enregistrees = sorted(par_ligne)
        importeurs = utiles(par_ligne[enregistrees[0]]) if enregistrees else set()
        if vus <= importeurs:
            # Coverage records a statement under its first line only, and a decorator or a
            # constant under the test that happened to import the module: a continuation line
            # of a message, a route's `@bp.get(…)`. The tests of the nearest lines before and
            # after it that run at request time — the statement it belongs to, the function
            # it decorates — see it first.
            avant = [
                n for n in enregistrees if n < mutant.line and utiles(par_ligne[n]) - importeurs
            ]
            apres = [
                n for n in enregistrees if n > mutant.end_line and utiles(par_ligne[n]) - importeurs
            ]
            for voisine in avant[-1:] + apres[:1]:
                vus.update(utiles(par_ligne[voisine]))
        # A module-level line runs once, at import, under no test; a cached function (`@cache`)
        # under the first test that calls it: after the tests of its lines, every test that
        # executed some line of the module can see such a change.
        module: set[str] = set()
        for tests in par_ligne.values():
            module.update(utiles(tests))
        ordre = par_duree(vus) + par_duree(module - vus)
        dedies = TESTS_DEDIES.get(mutant.path, ())
        if dedies:
            ordre = [t for t in ordre if t.startswith(dedies)] + [
                t for t in ordre if not t.startswith(dedies)
            ]
        # A message or a constant: the tests whose file quotes it are the likeliest to notice.
        mot = mot_change(mutant)
        if mot:
            citent = [t for t in ordre if mot in _texte_du_test(t)]
            ordre = citent + [t for t in ordre if t not in set(citent)]
        return ordre


_DESCRIPTIONS = (
    re.compile(r"^attribute `([a-z-]+)="),
    re.compile(r"^`(?:for|id)=\"([^\"]+)\"`"),
    re.compile(r"^default `(checked)`"),
    re.compile(r"^wording `…(?:.*\s)?([^\s`]+)`: last word dropped"),
)


def mot_change(mutant: Mutant) -> str | None:
    """What a mutant changed, as a test would name it: the attribute dropped, the id renamed,
    the word dropped from a wording; in Python, the start of the string it touched."""
    if mutant.kind == "python":
        avant = mutant.description.split("` → `", 1)[0]
        chaine = re.search(r'"([^"\\{}]{12,})', avant)
        return chaine.group(1)[:30].strip() if chaine else None
    for motif in _DESCRIPTIONS:
        trouve = motif.search(mutant.description)
        if trouve:
            return trouve.group(1)
    return None


def existe(test: str) -> bool:
    """Whether a measured test is still in its file: a test renamed or removed since the
    measure would make pytest stop with "not found", which must not count as a kill."""
    nom = test.split("::")[-1].split("[", 1)[0]
    return f"def {nom}(" in _texte_du_test(test)


@functools.cache
def _texte_du_test(test: str) -> str:
    """The source of the file a test (a pytest node id) is in."""
    chemin = Path(test.split("::", 1)[0])
    try:
        return chemin.read_text(encoding="utf-8")
    except OSError:
        return ""


def empreinte_arbre(racine: Path) -> str:
    """A hash of the mock's files, tests included: the measure is kept while it is unchanged."""
    h = hashlib.sha256()
    for chemin in sorted((racine / "mock_site").rglob("*")):
        if chemin.is_file() and "__pycache__" not in chemin.parts:
            h.update(chemin.relative_to(racine).as_posix().encode())
            h.update(chemin.read_bytes())
    return h.hexdigest()


def _mesurer(racine: Path, sortie: Path, chemins: Sequence[str] = (TESTS_MOCK,)) -> None:
    """In a child: run mock_site/tests under coverage, one context per test; write JSON."""
    import coverage
    import jinja2.loaders
    import pytest

    cov = coverage.Coverage(
        data_file=None, include=[f"{racine}/mock_site/*"], omit=[f"{racine}/mock_site/tests/*"]
    )
    templates: dict[str, set[str]] = {}
    durees: dict[str, float] = {}
    echecs: list[str] = []
    courant = {"test": ""}
    original = jinja2.loaders.FileSystemLoader.get_source

    def get_source(self: Any, environment: Any, template: str) -> Any:
        if courant["test"]:
            templates.setdefault(template, set()).add(courant["test"])
        return original(self, environment, template)

    jinja2.loaders.FileSystemLoader.get_source = get_source  # type: ignore[method-assign]

    class Releveur:
        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Any:
            courant["test"] = item.nodeid
            cov.switch_context(item.nodeid)
            yield
            cov.switch_context("")
            courant["test"] = ""

        def pytest_runtest_logreport(self, report: Any) -> None:
            durees[report.nodeid] = durees.get(report.nodeid, 0.0) + report.duration
            if report.failed:
                echecs.append(report.nodeid)

    cov.start()
    pytest.main([*ARGUMENTS_PYTEST[1:], *chemins], plugins=[Releveur()])
    cov.stop()
    donnees = cov.get_data()
    lignes: dict[str, dict[int, list[str]]] = {}
    for fichier in donnees.measured_files():
        relatif = Path(fichier).resolve().relative_to(racine).as_posix()
        lignes[relatif] = {
            ligne: sorted(c for c in contextes if c)
            for ligne, contextes in donnees.contexts_by_lineno(fichier).items()
            if any(contextes)
        }
    sortie.write_text(
        json.dumps(
            {
                "lignes": lignes,
                "templates": {k: sorted(v) for k, v in templates.items()},
                "durees": durees,
                "echecs": echecs,
            }
        ),
        encoding="utf-8",
    )


def releve(racine: Path, cache: Path, ancien: bool = False) -> Releve:
    """The measure of which tests see what, from the cache while the mock is unchanged;
    with `ancien`, the newest one measured, even of an earlier state (tests added since are
    then not in it: see `--extra-tests`)."""
    empreinte = empreinte_arbre(racine)
    fichier = cache / f"releve-{empreinte[:16]}.json"
    anciens = sorted(cache.glob("releve-*.json"), key=lambda p: p.stat().st_mtime)
    if ancien and not fichier.exists() and anciens:
        fichier = anciens[-1]
    if not fichier.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print("measuring which tests see which lines (mock_site/tests under coverage)…", flush=True)
        _mesurer_a_part(racine, fichier, (TESTS_MOCK,))
    donnees = json.loads(fichier.read_text(encoding="utf-8"))
    return Releve(
        lignes={f: {int(k): v for k, v in d.items()} for f, d in donnees["lignes"].items()},
        templates=donnees["templates"],
        durees=donnees["durees"],
        echecs=donnees["echecs"],
    )


def _mesurer_a_part(racine: Path, fichier: Path, chemins: Sequence[str]) -> None:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _silence()
            _mesurer(racine, fichier, chemins)
        except BaseException:
            code = 1
        os._exit(code)
    _, statut = os.waitpid(pid, 0)
    if not fichier.exists():
        raise SystemExit(f"the measure failed (status {statut})")


def completer_releve(racine: Path, cache: Path, chemins: Sequence[str]) -> None:
    """Measure only `chemins` (test files written or changed since the newest measure) and
    merge them into it, kept as the measure of the current state: cheaper than measuring
    every test again when only tests changed."""
    anciens = sorted(cache.glob("releve-*.json"), key=lambda p: p.stat().st_mtime)
    if not anciens:
        raise SystemExit("no measure to complete yet: run a campaign first")
    base = json.loads(anciens[-1].read_text(encoding="utf-8"))
    partiel = cache / "releve-partiel.json"
    _mesurer_a_part(racine, partiel, chemins)
    ajout = json.loads(partiel.read_text(encoding="utf-8"))
    partiel.unlink()
    remesures = set(ajout["durees"])
    # The tests measured again replace what was known of them.
    prefixes = tuple(chemins)
    for par_ligne in base["lignes"].values():
        for ligne, tests in list(par_ligne.items()):
            par_ligne[ligne] = [t for t in tests if not t.startswith(prefixes)]
    for fichier, par_ligne in ajout["lignes"].items():
        cible = base["lignes"].setdefault(fichier, {})
        for ligne, tests in par_ligne.items():
            cible[str(ligne)] = sorted({*cible.get(str(ligne), []), *tests})
    for nom, tests in ajout["templates"].items():
        anciens_tests = [t for t in base["templates"].get(nom, []) if not t.startswith(prefixes)]
        base["templates"][nom] = sorted({*anciens_tests, *tests})
    base["durees"] = {t: d for t, d in base["durees"].items() if not t.startswith(prefixes)}
    base["durees"].update(ajout["durees"])
    base["echecs"] = sorted(
        {t for t in base["echecs"] if t not in remesures} | set(ajout["echecs"])
    )
    sortie = cache / f"releve-{empreinte_arbre(racine)[:16]}.json"
    sortie.write_text(json.dumps(base), encoding="utf-8")


def _silence() -> None:
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    nul = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nul, 1)
    os.dup2(nul, 2)


def precharger() -> None:
    """Import what every child needs, once, in the controller."""
    for module in PRECHARGES:
        with contextlib.suppress(ImportError):
            __import__(module)
    # What is loaded now is shared by every child: the collector need not walk it again.
    gc.collect()
    gc.freeze()


def _servir_mutant(racine: Path, mutant: Mutant) -> None:
    """In the child: make the mutant's text what Python or Jinja reads for its file."""
    cible = str(racine / mutant.path)
    if mutant.kind == "python":
        import importlib.machinery

        get_code = importlib.machinery.SourceFileLoader.get_code

        def get_code_mutant(self: Any, fullname: str) -> Any:
            if self.path == cible:
                return compile(mutant.source, self.path, "exec", dont_inherit=True)
            return get_code(self, fullname)

        importlib.machinery.SourceFileLoader.get_code = get_code_mutant  # type: ignore[method-assign]
    else:
        import jinja2.loaders

        get_source = jinja2.loaders.FileSystemLoader.get_source

        def get_source_mutant(self: Any, environment: Any, template: str) -> Any:
            texte, nom, a_jour = get_source(self, environment, template)
            if os.path.abspath(nom) == cible:
                return mutant.source, nom, a_jour
            return texte, nom, a_jour

        jinja2.loaders.FileSystemLoader.get_source = get_source_mutant  # type: ignore[method-assign]


@dataclass
class Resultat:
    """What became of one mutant."""

    statut: str  # killed, survived, timeout, no-tests
    tests: int
    secondes: float
    par: str = ""  # what killed it: "mock tests" or "browser tests"


def executer(racine: Path, mutant: Mutant, tests: list[str], delai: float) -> Resultat:
    """Run `tests` against `mutant` in a forked child; killed when they fail or time out."""
    if not tests:
        return Resultat("no-tests", 0, 0.0)
    debut = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            # Its own process group, so that a timeout also ends what its tests started.
            os.setpgid(0, 0)
            _silence()
            os.chdir(racine)
            _servir_mutant(racine, mutant)
            import pytest

            code = int(pytest.main([*ARGUMENTS_PYTEST, *tests]))
        except BaseException:
            code = 3
        os._exit(code)
    while True:
        fini, statut = os.waitpid(pid, os.WNOHANG)
        if fini:
            break
        if time.monotonic() - debut > delai:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return Resultat("timeout", len(tests), time.monotonic() - debut, "mock tests")
        time.sleep(0.02)
    duree = time.monotonic() - debut
    code = os.waitstatus_to_exitcode(statut)
    # 0: every test passed. 5: none collected. Anything else (failures, a mutant that breaks
    # the import, a crash) is a test run that noticed.
    if code == 0:
        return Resultat("survived", len(tests), duree)
    if code == 5:
        return Resultat("no-tests", 0, duree)
    return Resultat("killed", len(tests), duree, "mock tests")


def tests_navigateur(mutant: Mutant) -> tuple[str, ...]:
    """The browser test files of the screen the mutant belongs to."""
    for prefixe, fichiers in TESTS_NAVIGATEUR:
        if mutant.path.startswith(prefixe):
            return fichiers
    return ()


class CopieArbre:
    """A copy of the project where a mutant is written for the browser tests, which start the
    mock as a server process and so read the files."""

    def __init__(self, racine: Path) -> None:
        self.racine = racine
        self.dossier = Path(tempfile.mkdtemp(prefix="mutation-"))
        fichiers = (
            subprocess.run(["git", "ls-files", "-z"], cwd=racine, check=True, capture_output=True)
            .stdout.decode()
            .split("\0")
        )
        for relatif in filter(None, fichiers):
            source = racine / relatif
            if source.is_file():
                destination = self.dossier / relatif
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, destination)

    def executer(self, mutant: Mutant, fichiers: Iterable[str], delai: float) -> Resultat:
        """Run the browser test files against the mutant written into the copy."""
        cible = self.dossier / mutant.path
        original = cible.read_text(encoding="utf-8")
        cible.write_text(mutant.source, encoding="utf-8")
        debut = time.monotonic()
        environnement = {**os.environ, "PYTHONPATH": str(self.dossier)}
        try:
            fini = subprocess.run(
                [sys.executable, "-m", "pytest", *ARGUMENTS_NAVIGATEUR, *fichiers],
                cwd=self.dossier,
                env=environnement,
                capture_output=True,
                timeout=delai,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Resultat("timeout", 0, time.monotonic() - debut, "browser tests")
        finally:
            cible.write_text(original, encoding="utf-8")
        duree = time.monotonic() - debut
        if fini.returncode == 0:
            return Resultat("survived", 0, duree)
        return Resultat("killed", 0, duree, "browser tests")

    def fermer(self) -> None:
        shutil.rmtree(self.dossier, ignore_errors=True)
