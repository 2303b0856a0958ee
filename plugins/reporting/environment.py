"""Pytest plugin: the run's context and failure categories, in the Allure results directory.

At the end of the run, the controller (never a pytest-xdist worker) writes
``environment.properties`` and copies ``categories.json`` (beside this module) into the results
directory.
Workers send it the browsers and base URLs they used, and only the controller honours
``--clean-alluredir``, so no worker deletes the results of another.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from plugins.seed import graine_du_run

CATEGORIES = Path(__file__).resolve().with_name("categories.json")
CLE_SORTIE_WORKER = "contexte_allure"


@dataclass
class ContexteDuRun:
    """What the run's environment section reports, gathered from every test process."""

    navigateurs: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

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


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Let only the controller clean the results directory, before any worker starts."""
    config.stash[_CONTEXTE] = ContexteDuRun()
    if _est_worker(config) and getattr(config.option, "clean_alluredir", False):
        config.option.clean_alluredir = False


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
    ecrire_proprietes(dossier / "environment.properties", environnement(config, contexte))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Gather what a pytest-xdist worker saw (its browser, its mock's URL)."""
    sortie = getattr(node, "workeroutput", {}).get(CLE_SORTIE_WORKER)
    if sortie is not None:
        node.config.stash[_CONTEXTE].fusionner(sortie)


def environnement(config: pytest.Config, contexte: ContexteDuRun) -> dict[str, str]:
    """The run's context, as the report's environment section shows it."""
    graine = graine_du_run(config)
    base_url_donnee = config.getoption("base_url", None)
    if base_url_donnee:
        url = str(base_url_donnee)
    elif contexte.urls:
        url = "mock local de chaque processus : " + ", ".join(sorted(contexte.urls))
    else:
        url = "aucun test navigateur lancé"
    return {
        "Navigateur": ", ".join(sorted(contexte.navigateurs)) or "aucun test navigateur lancé",
        "URL de base": url,
        "Graine Faker du run": f"{graine} (rejouer : pytest --faker-seed {graine})",
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
