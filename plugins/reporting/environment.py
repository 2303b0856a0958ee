"""Pytest plugin: the run's context and failure categories, in the Allure results directory.

At the end of the run, the controller (never a pytest-xdist worker) writes
``environment.properties`` (``phase.properties`` for a CI phase) and copies ``categories.json``
(beside this module) into the results directory.
Workers send it the browsers and base URLs they used, and only the controller honours
``--clean-alluredir``, so no worker deletes the results of another.

Results are added to the directory unless ``--clean-alluredir`` is given (`make test` gives it):
a focused run keeps the last full run's results, and its last line says where its own went and
how many were there before. ``--report-phase NAME`` labels every result with the phase of a CI
pipeline that ran it (Allure label ``phase``), so one report tells the phases apart
(`allurerc.mjs` makes each phase an environment of the report).
"""

from __future__ import annotations

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
# The Allure label naming the CI phase of a result (--report-phase), read by allurerc.mjs.
LABEL_PHASE = "phase"
# A CI phase's context, read by scripts/allure-report.mjs.
PHASE_PROPERTIES = "phase.properties"
# pyproject.toml's --alluredir, the folder `make report` reads by default.
DOSSIER_PAR_DEFAUT = Path("allure-results")


@dataclass
class ContexteDuRun:
    """What the run's environment section reports, gathered from every test process."""

    navigateurs: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    # Results already in the directory when the run started (None: it was cleaned).
    resultats_precedents: int | None = None

    def fusionner(self, autre: dict[str, list[str]]) -> None:
        """Add what a pytest-xdist worker sent."""
        self.navigateurs.update(autre.get("navigateurs", ()))
        self.urls.update(autre.get("urls", ()))

    def en_sortie_de_worker(self) -> dict[str, list[str]]:
        """What a worker sends to the controller (plain lists: execnet serialises them)."""
        return {"navigateurs": sorted(self.navigateurs), "urls": sorted(self.urls)}


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


def _resultats(dossier: Path) -> int:
    return sum(1 for _ in dossier.glob("*-result.json")) if dossier.is_dir() else 0


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
        contexte.resultats_precedents = _resultats(dossier)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Label every test with the run's CI phase, when it has one."""
    phase = config.getoption("report_phase", None)
    if phase:
        for item in items:
            item.add_marker(allure.label(LABEL_PHASE, phase))


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
        config.workeroutput[CLE_SORTIE_WORKER] = contexte.en_sortie_de_worker()  # type: ignore[attr-defined]
        return
    dossier = _dossier_allure(config)
    if dossier is None or config.option.collectonly:
        return
    dossier.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CATEGORIES, dossier / "categories.json")
    ecrire_proprietes(dossier / fichier_du_contexte(config), environnement(config, contexte))


def fichier_du_contexte(config: pytest.Config) -> str:
    """Where the run's context goes: `environment.properties`, the report's metadata; for a CI
    phase, `PHASE_PROPERTIES`, which scripts/allure-report.mjs makes the metadata of the phase's
    environment (Allure would show one phase's context as the whole report's)."""
    return PHASE_PROPERTIES if config.getoption("report_phase", None) else "environment.properties"


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Gather what a pytest-xdist worker saw (its browser, its mock's URL)."""
    sortie = getattr(node, "workeroutput", {}).get(CLE_SORTIE_WORKER)
    if sortie is not None:
        node.config.stash[_CONTEXTE].fusionner(sortie)


def environnement(config: pytest.Config, contexte: ContexteDuRun) -> dict[str, str]:
    """The run's context, as the report's environment section shows it."""
    graine = config.getoption("randomly_seed")
    base_url_donnee = config.getoption("base_url", None)
    if base_url_donnee:
        url = str(base_url_donnee)
    elif contexte.urls and config.getoption("mock_workers", None):
        url = f"mock partagé (gunicorn, {config.getoption('mock_workers')} workers) : " + ", ".join(
            sorted(contexte.urls)
        )
    elif contexte.urls:
        url = "mock local de chaque processus : " + ", ".join(sorted(contexte.urls))
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
    try:
        commit = _git(racine, "rev-parse", "HEAD")
        modifie = bool(_git(racine, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "inconnu (pas de dépôt git)"
    return f"{commit} (modifications locales)" if modifie else commit


def _git(racine: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=racine, capture_output=True, text=True, check=True
    ).stdout.strip()


def ecrire_proprietes(chemin: Path, valeurs: dict[str, str]) -> None:
    """Write a Java `.properties` file, non-ASCII characters escaped as the format wants."""
    lignes = [f"{_echapper(cle, cle=True)}={_echapper(valeur)}" for cle, valeur in valeurs.items()]
    chemin.write_text("\n".join(lignes) + "\n", encoding="ascii")


def _echapper(texte: str, cle: bool = False) -> str:
    speciaux = "\\:=#! " if cle else "\\"
    sortie = []
    for caractere in texte:
        if caractere in speciaux:
            sortie.append("\\" + caractere)
        elif caractere == "\n":
            sortie.append("\\n")
        elif not " " <= caractere <= "~":
            # UTF-16 code units, as Java's properties format escapes them.
            unites = caractere.encode("utf-16-be")
            sortie.extend(
                f"\\u{int.from_bytes(unites[i : i + 2]):04x}" for i in range(0, len(unites), 2)
            )
        else:
            sortie.append(caractere)
    return "".join(sortie)
