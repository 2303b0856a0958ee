"""Pytest plugin: after the failures, a section "Pour comprendre les échecs" gives, for each
failed browser test, the files its teardown report lists (``plugins.reporting.artifacts``), the
command that opens its trace and the one that replays it with the same data, each runnable as
printed from the project root in a new shell (it names the project's own ``.venv/bin/…``).
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TITRE_SECTION = "Pour comprendre les échecs"
# What a failed browser test lists on its teardown report besides pytest-playwright's own
# (`playwright_screenshot`, `playwright_trace`, `playwright_video`).
PROPRIETE_HTML = "page_html"
PROPRIETE_JOURNAL = "journal_navigateur"
PROPRIETE_REJOUER = "rejouer"
PROPRIETE_TRACE_LEGERE = "trace_legere"
OPTION_TRACE_COMPLETE = "--tracing=retain-on-failure"
# What the section calls each file; a trace also gets the command that opens it.
LIBELLES = {
    "playwright_screenshot": "capture d'écran",
    "playwright_trace": "trace Playwright",
    PROPRIETE_TRACE_LEGERE: "trace Playwright, sans DOM ni film",
    "playwright_video": "vidéo",
    PROPRIETE_HTML: "HTML de la page",
    PROPRIETE_JOURNAL: "console et réseau",
}
TRACES = ("playwright_trace", PROPRIETE_TRACE_LEGERE)
# Options a replay keeps when the run was given them on its command line (those of pyproject's
# addopts apply to the replay by themselves).
OPTIONS_REPRISES: tuple[str, ...] = ("--tracing", "--screenshot", "--video", "--headed")


def chemin_lisible(chemin: Path, racine: Path) -> str:
    """A path relative to `racine` when it lies below it, else absolute (as pytest-playwright
    writes the paths of what it keeps)."""
    return str(chemin.relative_to(racine)) if chemin.is_relative_to(racine) else str(chemin)


def outil_du_projet(nom: str, racine: Path) -> str:
    """The project's own `nom` (`python`, `playwright`), next to the running interpreter, as a
    path relative to the project root when it lies below it."""
    return chemin_lisible(Path(sys.executable).parent / nom, racine)


def commande_pour_rejouer(item: pytest.Item) -> str:
    """The command that runs this test again, from the project root: the same data (the run's
    `--randomly-seed`, from which pytest-randomly derives the test's Faker seed), the same mock
    (`--base-url`, when one was given) and the artefact options given on the command line."""
    config = item.config
    mots = [outil_du_projet("python", config.rootpath), "-m", "pytest", item.nodeid]
    mots.append(f"--randomly-seed={config.getoption('randomly_seed')}")
    base_url = config.getoption("base_url", None)
    if base_url:
        mots += ["--base-url", str(base_url)]
    donnees = config.invocation_params.args
    for option in OPTIONS_REPRISES:
        if any(arg == option or arg.startswith(f"{option}=") for arg in donnees):
            valeur = config.getoption(option.removeprefix("--"))
            mots.append(option if valeur is True else f"{option}={valeur}")
    return shlex.join(mots)


@dataclass
class EchecAExpliquer:
    """A failed browser test and the properties its teardown report listed."""

    nodeid: str
    proprietes: list[tuple[str, object]] = field(default_factory=list)

    def lignes(self, racine: Path) -> list[str]:
        """What the section says of this test."""
        lignes = [self.nodeid]
        playwright = outil_du_projet("playwright", racine)
        for nom, valeur in self.proprietes:
            if nom in LIBELLES:
                lignes.append(f"  {LIBELLES[nom]} : {valeur}")
            if nom in TRACES:
                lignes.append(f"    l'ouvrir : {playwright} show-trace {shlex.quote(str(valeur))}")
        uniques = dict(self.proprietes)
        commande = uniques[PROPRIETE_REJOUER]
        lignes.append(f"  rejouer : {commande}")
        if "playwright_trace" not in uniques:
            lignes.append(f"  rejouer avec la trace complète : {commande} {OPTION_TRACE_COMPLETE}")
            if PROPRIETE_JOURNAL in uniques:
                # pytest-playwright's name for a test's trace, in the same folder.
                trace = Path(str(uniques[PROPRIETE_JOURNAL])).parent / "trace.zip"
                lignes.append(f"    sa trace : {trace}")
        return lignes


class EchecsDuRun:
    """The failed browser tests of the run, as their teardown reports arrive (from each
    pytest-xdist worker, on the controller)."""

    def __init__(self, racine: Path) -> None:
        self.racine = racine
        self.echecs: list[EchecAExpliquer] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note a test whose teardown report lists a replay command: it failed."""
        proprietes = list(report.user_properties)
        if report.when == "teardown" and any(nom == PROPRIETE_REJOUER for nom, _ in proprietes):
            self.echecs.append(EchecAExpliquer(report.nodeid, proprietes))

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        """Print the section, one block per failed browser test."""
        if not self.echecs:
            return
        terminalreporter.write_sep("=", TITRE_SECTION)
        for echec in self.echecs:
            for ligne in echec.lignes(self.racine):
                terminalreporter.write_line(ligne)


def pytest_configure(config: pytest.Config) -> None:
    """Follow the run's failures."""
    config.pluginmanager.register(EchecsDuRun(config.rootpath), "echecs-du-run")
