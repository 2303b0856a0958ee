"""Pytest plugin: the run's context (``environment.properties``, or ``phase.json`` for a CI phase
given by ``--report-phase``) and failure categories, written by the controller into the Allure
results directory with what the pytest-xdist workers used. Only the controller honours
``--clean-alluredir``; without it, the run's last line says how many results it added to.
"""

from __future__ import annotations

import json
import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import allure
import pytest
from playwright.sync_api import Browser

CATEGORIES = Path(__file__).resolve().with_name("categories.json")
CLE_SORTIE_WORKER = "contexte_allure"
# pyproject.toml's --alluredir, the folder `make report` reads by default.
DOSSIER_PAR_DEFAUT = Path("allure-results")


@dataclass
class ContexteDuRun:
    """What the run's environment section reports, gathered from every test process."""

    navigateurs: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    # Results already in the directory when the run started (None: it was cleaned).
    resultats_precedents: int | None = None


_CONTEXTE = pytest.StashKey[ContexteDuRun]()


def noter_navigateur(config: pytest.Config, browser: Browser, base_url: str) -> None:
    """Record a browser and a mock URL a test used."""
    contexte = config.stash[_CONTEXTE]
    contexte.navigateurs.add(f"{browser.browser_type.name} {browser.version}")
    contexte.urls.add(base_url)


def _est_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _dossier_allure(config: pytest.Config) -> Path | None:
    dossier: str | None = getattr(config.option, "allure_report_dir", None)
    return Path(dossier) if dossier else None


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--report-phase`, next to allure-pytest's options."""
    parser.getgroup("reporting").addoption(
        "--report-phase",
        metavar="NAME",
        help="label every Allure result with this CI phase (label 'phase'), so one report "
        "tells the phases of a pipeline apart; see allurerc.mjs",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Let only the controller clean the results directory, before any worker starts; count
    the results a run without `--clean-alluredir` adds to."""
    contexte = config.stash[_CONTEXTE] = ContexteDuRun()
    if _est_worker(config):
        config.option.clean_alluredir = False
        return
    dossier = _dossier_allure(config)
    if dossier is not None and not getattr(config.option, "clean_alluredir", False):
        contexte.resultats_precedents = len(list(dossier.glob("*-result.json")))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Label every test with the run's CI phase, when it has one."""
    phase = config.getoption("report_phase", None)
    if phase:
        for item in items:
            item.add_marker(allure.label("phase", phase))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say where the run's Allure results went, and what was there before (controller only)."""
    dossier = _dossier_allure(config)
    if _est_worker(config) or dossier is None or config.option.collectonly:
        return
    terminalreporter.write_line(resume_des_resultats(dossier, config.stash[_CONTEXTE]))


def resume_des_resultats(dossier: Path, contexte: ContexteDuRun) -> str:
    """The run's last line about its Allure results: emptied first, or added to others."""
    avant = contexte.resultats_precedents
    rapport = "make report"
    if dossier != DOSSIER_PAR_DEFAUT:
        rapport += f" REPORT_RESULTS={dossier}"
    if avant is None:
        return f"Résultats Allure : {dossier}/ (vidé au début du run) ; rapport : {rapport}"
    if avant == 0:
        return f"Résultats Allure : {dossier}/ ; rapport : {rapport}"
    return (
        f"Résultats Allure : {dossier}/, ajoutés aux {avant} résultats qui y étaient ({rapport} "
        "les réunit, le dernier résultat d'un test l'emporte ; make test ou --clean-alluredir "
        "repartent d'un dossier vide)"
    )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Send this worker's context to the controller, or write the run's context files."""
    config = session.config
    contexte = config.stash[_CONTEXTE]
    if _est_worker(config):
        sortie = {"navigateurs": sorted(contexte.navigateurs), "urls": sorted(contexte.urls)}
        config.workeroutput[CLE_SORTIE_WORKER] = sortie  # type: ignore[attr-defined]
        return
    dossier = _dossier_allure(config)
    if dossier is None or config.option.collectonly:
        return
    dossier.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CATEGORIES, dossier / "categories.json")
    valeurs = environnement(config, contexte)
    if config.getoption("report_phase", None):
        # Allure would show one phase's environment.properties as the whole report's.
        texte = json.dumps(valeurs, ensure_ascii=False, indent=1)
        (dossier / "phase.json").write_text(texte + "\n", encoding="utf-8")
    else:
        ecrire_proprietes(dossier / "environment.properties", valeurs)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Gather what a pytest-xdist worker saw (its browser, its mock's URL)."""
    sortie = getattr(node, "workeroutput", {}).get(CLE_SORTIE_WORKER)
    if sortie is not None:
        node.config.stash[_CONTEXTE].navigateurs.update(sortie["navigateurs"])
        node.config.stash[_CONTEXTE].urls.update(sortie["urls"])


def environnement(config: pytest.Config, contexte: ContexteDuRun) -> dict[str, str]:
    """The run's context, as the report's environment section shows it."""
    graine = config.getoption("randomly_seed")
    base_url_donnee = config.getoption("base_url", None)
    urls = ", ".join(sorted(contexte.urls))
    if base_url_donnee:
        url = str(base_url_donnee)
    elif urls and config.getoption("mock_workers", None):
        url = f"mock partagé (gunicorn, {config.getoption('mock_workers')} workers) : {urls}"
    elif urls:
        url = f"mock local de chaque processus : {urls}"
    else:
        url = "aucun test navigateur lancé"
    phase = config.getoption("report_phase", None)
    return {
        **({"Phase": str(phase)} if phase else {}),
        "Navigateur": ", ".join(sorted(contexte.navigateurs)) or "aucun test navigateur lancé",
        "URL de base": url,
        "Graine du run": f"{graine} (rejouer : --randomly-seed={graine})",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Playwright": metadata.version("playwright"),
        "pytest": pytest.__version__,
        "Commit git": commit_git(config.rootpath),
        "Système": platform.platform(),
    }


def commit_git(racine: Path) -> str:
    """The commit under test, marked when the working tree has local changes."""

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", *arguments], cwd=racine, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "HEAD")
        modifie = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "inconnu (pas de dépôt git)"
    return f"{commit} (modifications locales)" if modifie else commit


def ecrire_proprietes(chemin: Path, valeurs: dict[str, str]) -> None:
    """Write a Java `.properties` file: JSON's string escapes are the format's (`\\\\`, `\\n`,
    `\\uXXXX` in UTF-16 units, so the file is ASCII); keys also escape `:`, `=`, `#`, `!` and
    spaces."""

    def echapper(texte: str, speciaux: str = "") -> str:
        texte = json.dumps(texte)[1:-1].replace('\\"', '"')
        return "".join(f"\\{c}" if c in speciaux else c for c in texte)

    lignes = [f"{echapper(cle, ':=#! ')}={echapper(valeur)}" for cle, valeur in valeurs.items()]
    chemin.write_text("\n".join(lignes) + "\n", encoding="ascii")
