"""Unit tests of the Chromium choice and launch-argument merge in ``plugins.browser``."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserType

from plugins import browser
from plugins.browser import chromium_launch_args, resolve_chromium_executable

pytestmark = pytest.mark.unit

MakeExecutable = Callable[[str], Path]


@pytest.fixture
def make_executable(tmp_path: Path) -> MakeExecutable:
    """Create an empty executable file under ``tmp_path/bin``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()

    def make(name: str) -> Path:
        path = bin_dir / name
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
        return path

    return make


@pytest.fixture(autouse=True)
def bare_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Hide this machine's browsers: no CHROMIUM_PATH, an empty PATH, no /usr/bin/chromium nor
    /usr/bin/chromium-headless-shell."""
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM_FALLBACK", str(tmp_path / "absent"))
    monkeypatch.setattr(browser, "SYSTEM_HEADLESS_SHELL_FALLBACK", str(tmp_path / "absent"))


def test_chromium_path_passe_avant_tout_autre_navigateur(
    monkeypatch: pytest.MonkeyPatch, make_executable: MakeExecutable
) -> None:
    configured = make_executable("my-chrome")
    bundled = make_executable("bundled-chrome")
    make_executable("chromium")
    monkeypatch.setenv("CHROMIUM_PATH", str(configured))

    assert resolve_chromium_executable(str(bundled)) == str(configured)


def test_un_nom_de_commande_dans_chromium_path_est_cherche_dans_le_path(
    monkeypatch: pytest.MonkeyPatch, make_executable: MakeExecutable
) -> None:
    configured = make_executable("google-chrome")
    monkeypatch.setenv("CHROMIUM_PATH", "google-chrome")

    assert resolve_chromium_executable(None) == str(configured)


@pytest.mark.parametrize("kind", ["missing", "not executable", "directory"])
def test_un_chromium_path_non_executable_est_refuse(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "chrome"
    if kind == "not executable":
        target.write_text("")
    elif kind == "directory":
        target.mkdir()
    monkeypatch.setenv("CHROMIUM_PATH", str(target))

    with pytest.raises(FileNotFoundError, match="CHROMIUM_PATH"):
        resolve_chromium_executable(None)


def test_un_chromium_path_vide_est_ignore(
    monkeypatch: pytest.MonkeyPatch, make_executable: MakeExecutable
) -> None:
    system = make_executable("chromium")
    monkeypatch.setenv("CHROMIUM_PATH", "")

    assert resolve_chromium_executable(None) == str(system)


def test_playwright_lance_son_propre_chromium_quand_il_est_installe(
    make_executable: MakeExecutable,
) -> None:
    bundled = make_executable("chrome")
    make_executable("chromium")

    assert resolve_chromium_executable(str(bundled)) is None


@pytest.mark.parametrize("name", ["chromium", "chromium-browser"])
def test_a_defaut_le_chromium_du_systeme_dans_le_path_est_pris(
    make_executable: MakeExecutable, tmp_path: Path, name: str
) -> None:
    system = make_executable(name)

    assert resolve_chromium_executable(str(tmp_path / "not-downloaded" / "chrome")) == str(system)


def test_a_defaut_usr_bin_chromium_est_pris_hors_du_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    outside_path = tmp_path / "usr-bin-chromium"
    outside_path.write_text("")
    outside_path.chmod(0o755)
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM_FALLBACK", str(outside_path))

    assert resolve_chromium_executable(None) == str(outside_path)


def test_sans_fenetre_le_headless_shell_du_systeme_passe_avant_son_chromium(
    make_executable: MakeExecutable,
) -> None:
    make_executable("chromium")
    shell = make_executable("chromium-headless-shell")

    assert resolve_chromium_executable(None) == str(shell)
    assert resolve_chromium_executable(None, headless=True) == str(shell)


def test_avec_fenetre_le_chromium_complet_est_pris_meme_avec_un_headless_shell(
    make_executable: MakeExecutable,
) -> None:
    system = make_executable("chromium")
    make_executable("chromium-headless-shell")

    assert resolve_chromium_executable(None, headless=False) == str(system)
    assert chromium_launch_args({"headless": False}, None)["executable_path"] == str(system)


def test_le_headless_shell_hors_du_path_est_pris(
    monkeypatch: pytest.MonkeyPatch, make_executable: MakeExecutable, tmp_path: Path
) -> None:
    make_executable("chromium")
    outside_path = tmp_path / "usr-bin-chromium-headless-shell"
    outside_path.write_text("")
    outside_path.chmod(0o755)
    monkeypatch.setattr(browser, "SYSTEM_HEADLESS_SHELL_FALLBACK", str(outside_path))

    assert chromium_launch_args({}, None)["executable_path"] == str(outside_path)


def test_playwright_garde_son_propre_navigateur_meme_avec_un_headless_shell_du_systeme(
    make_executable: MakeExecutable,
) -> None:
    bundled = make_executable("chrome")
    make_executable("chromium-headless-shell")

    assert resolve_chromium_executable(str(bundled)) is None


def test_sans_aucun_chromium_l_erreur_est_laissee_a_playwright(tmp_path: Path) -> None:
    assert resolve_chromium_executable(str(tmp_path / "not-downloaded" / "chrome")) is None


def test_les_options_du_plugin_restent_et_le_chromium_du_systeme_s_ajoute(
    make_executable: MakeExecutable,
) -> None:
    system = make_executable("chromium")
    parent = {"headless": False, "slow_mo": 10, "args": ["--start-maximized", "--no-first-run"]}

    launch_args = chromium_launch_args(parent, None)

    assert launch_args == {
        "headless": False,
        "slow_mo": 10,
        "args": [
            "--start-maximized",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
        ],
        "executable_path": str(system),
    }
    assert parent["args"] == ["--start-maximized", "--no-first-run"]


@pytest.mark.parametrize(
    "explicit", [{"channel": "chrome"}, {"executable_path": "/opt/chrome/chrome"}]
)
def test_un_canal_ou_un_executable_explicite_n_est_pas_remplace(
    make_executable: MakeExecutable, explicit: dict[str, str]
) -> None:
    make_executable("chromium")

    launch_args = chromium_launch_args(explicit, None)

    assert launch_args == {
        **explicit,
        "args": [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


def test_aucun_executable_n_est_impose_quand_playwright_a_le_sien(
    make_executable: MakeExecutable,
) -> None:
    bundled = make_executable("chrome")

    assert "executable_path" not in chromium_launch_args({}, str(bundled))


def test_les_options_de_lancement_sont_nommees_comme_les_lit_un_serveur_playwright() -> None:
    """The launch-options header uses the protocol's camel-case names and drops unset ones."""
    options = browser.server_launch_options(
        {
            "headless": True,
            "executable_path": "/usr/bin/chromium",
            "slow_mo": 200,
            "args": ["--no-first-run"],
            "channel": None,
        }
    )

    assert options == {
        "headless": True,
        "executablePath": "/usr/bin/chromium",
        "slowMo": 200,
        "args": ["--no-first-run"],
    }


def test_le_serveur_playwright_recoit_les_options_de_lancement_dans_son_en_tete() -> None:
    """pytest-playwright's `connect_options` for `--browser-ws`: the endpoint, a bounded wait,
    and the launch arguments in the header a Playwright server reads."""
    options = browser.server_connect_options(
        "ws://127.0.0.1:3000/", {"executable_path": "/usr/bin/chromium", "headless": True}
    )
    assert options["endpoint"] == "ws://127.0.0.1:3000/"
    # pytest-playwright calls `browser_type.connect(**connect_options)`.
    inspect.signature(BrowserType.connect).bind(None, **options)
    assert options["timeout"] > 0
    entete = json.loads(options["headers"]["x-playwright-launch-options"])
    assert entete == {"executablePath": "/usr/bin/chromium", "headless": True}


def test_le_serveur_playwright_est_pris_dans_l_environnement(
    monkeypatch: pytest.MonkeyPatch, pytestconfig: pytest.Config
) -> None:
    """Without `--browser-ws`, `PLAYWRIGHT_WS_ENDPOINT` names the server; unset, none is used."""
    monkeypatch.setattr(pytestconfig.option, "browser_ws", None)
    monkeypatch.setenv("PLAYWRIGHT_WS_ENDPOINT", "ws://127.0.0.1:3000/")
    assert browser.browser_ws_endpoint(pytestconfig) == "ws://127.0.0.1:3000/"
    monkeypatch.setenv("PLAYWRIGHT_WS_ENDPOINT", "")
    assert browser.browser_ws_endpoint(pytestconfig) is None
