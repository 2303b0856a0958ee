"""What failing browser tests leave: their Allure results, what the terminal says after their
error, the run's context and categories.

The failing tests are samples (`reporting_samples/sample_failing.py`) run in a pytest of their
own: their failures are what is checked here, and never the verdict of this suite.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from plugins.reporting.artifacts import MIME_TRACE_PLAYWRIGHT
from plugins.reporting.environment import CATEGORIES, ecrire_proprietes
from plugins.reporting.terminal import TITRE_SECTION
from plugins.serveur_mock import RACINE
from tests.pytest_a_part import environnement_a_part, pytest_a_part

ECHANTILLONS = Path(__file__).with_name("reporting_samples") / "sample_failing.py"
DELAI_ECHANTILLONS_S = 600

ECHEC_DANS_LE_TEST = "Exemple : une assertion échoue après une action de page"
ECHEC_EN_MISE_EN_PLACE = "Exemple : la mise en place d'une fixture échoue"
ECHEC_EN_NETTOYAGE = "Échec dans le nettoyage"
REUSSITE = "Exemple : un test qui passe ne joint rien"

PNG = b"\x89PNG\r\n\x1a\n"


@dataclass
class Resultats:
    """The Allure results directory of the samples' run, read back, and its terminal output."""

    dossier: Path
    par_titre: dict[str, dict[str, Any]]
    sortie: str
    sortie_playwright: Path

    def section(self, fonction: str) -> str:
        """The failed sample's block of the "where to look" section, as printed."""
        debut = self.sortie.find(f" {TITRE_SECTION} ")
        assert debut >= 0, self.sortie[-3000:]
        bloc = re.search(
            rf"^\S+::{fonction}\[chromium\]\n(  .*\n)+", self.sortie[debut:], re.MULTILINE
        )
        assert bloc is not None, self.sortie[debut:]
        return bloc.group(0)

    def containers(self) -> list[dict[str, Any]]:
        """The fixture containers allure-pytest wrote."""
        return [
            json.loads(fichier.read_text(encoding="utf-8"))
            for fichier in self.dossier.glob("*-container.json")
        ]

    def pieces(self, titre: str) -> dict[str, dict[str, str]]:
        """A result's attachments by name."""
        return {piece["name"]: piece for piece in self.par_titre[titre].get("attachments", [])}

    def contenu(self, piece: dict[str, str]) -> bytes:
        """An attachment's file."""
        return (self.dossier / piece["source"]).read_bytes()

    def piece_de_type(self, titre: str, mime: str) -> dict[str, str]:
        """The one attachment of a result with this MIME type."""
        trouvees = [piece for piece in self.pieces(titre).values() if piece["type"] == mime]
        assert len(trouvees) == 1, f"{titre} : {len(trouvees)} pièce(s) {mime}"
        return trouvees[0]

    def piece_nommee(self, titre: str, debut: str) -> dict[str, str]:
        """The one attachment of a result whose name starts with `debut`."""
        trouvees = [piece for nom, piece in self.pieces(titre).items() if nom.startswith(debut)]
        assert len(trouvees) == 1, f"{titre} : {len(trouvees)} pièce(s) « {debut} »"
        return trouvees[0]


@pytest.fixture(scope="module")
def resultats(tmp_path_factory: pytest.TempPathFactory) -> Resultats:
    """The samples, run in a pytest of their own; its results directory read back."""
    dossier = tmp_path_factory.mktemp("allure-echantillons")
    sortie_playwright = tmp_path_factory.mktemp("test-results-echantillons")
    execution = pytest_a_part(
        str(ECHANTILLONS),
        f"--alluredir={dossier}",
        f"--basetemp={tmp_path_factory.mktemp('basetemp-echantillons')}",
        f"--output={sortie_playwright}",
        "--randomly-seed=4242",
        "--randomly-dont-reorganize",
        "-q",
        delai_s=DELAI_ECHANTILLONS_S,
    )
    assert execution.returncode == pytest.ExitCode.TESTS_FAILED, execution.stdout[-5000:]
    par_titre = {}
    for fichier in dossier.glob("*-result.json"):
        resultat = json.loads(fichier.read_text(encoding="utf-8"))
        par_titre[resultat["name"]] = resultat
    return Resultats(dossier, par_titre, execution.stdout, sortie_playwright)


def noms_des_etapes(etapes: list[dict[str, Any]]) -> list[str]:
    """The names of the steps and of their sub-steps, in order."""
    return [
        nom for etape in etapes for nom in (etape["name"], *noms_des_etapes(etape.get("steps", [])))
    ]


def test_un_echec_d_assertion_est_un_echec_du_test(resultats: Resultats) -> None:
    """The failing sample's result is `failed`, with the assertion's message."""
    resultat = resultats.par_titre[ECHEC_DANS_LE_TEST]
    assert resultat["status"] == "failed"
    assert resultat["statusDetails"]["message"].startswith("AssertionError")


def test_les_etapes_des_pages_se_lisent_en_francais(resultats: Resultats) -> None:
    """The page objects' actions are the result's steps, in French, with their arguments."""
    etapes = noms_des_etapes(resultats.par_titre[ECHEC_DANS_LE_TEST]["steps"])
    assert "Ouvrir la page" in etapes
    assert any(
        re.fullmatch(r"Saisir le code postal \W?75011\W? et cliquer sur « Sélectionner »", etape)
        for etape in etapes
    ), etapes


def test_un_echec_dans_le_test_joint_capture_trace_html_et_console(resultats: Resultats) -> None:
    """Screenshot (PNG), Playwright trace, page HTML and console are attached to the result."""
    capture = resultats.piece_de_type(ECHEC_DANS_LE_TEST, "image/png")
    assert resultats.contenu(capture).startswith(PNG)
    trace = resultats.piece_de_type(ECHEC_DANS_LE_TEST, MIME_TRACE_PLAYWRIGHT)
    with zipfile.ZipFile(resultats.dossier / trace["source"]) as archive:
        assert any(nom.endswith(".trace") for nom in archive.namelist())
    html = resultats.piece_de_type(ECHEC_DANS_LE_TEST, "text/html")
    assert b"Code postal" in resultats.contenu(html)
    console = resultats.piece_nommee(ECHEC_DANS_LE_TEST, "Console et réseau du navigateur")
    assert "[console.error] message de console de l’exemple" in resultats.contenu(console).decode()


def test_les_requetes_en_echec_sont_jointes(resultats: Resultats) -> None:
    """A request answered 404 is listed with its method, URL and status."""
    reseau = resultats.piece_nommee(ECHEC_DANS_LE_TEST, "Console et réseau du navigateur")
    assert re.search(
        r"GET \S+/ressource-absente-de-l-exemple — HTTP 404", resultats.contenu(reseau).decode()
    )


def test_un_echec_en_mise_en_place_joint_trace_et_capture(resultats: Resultats) -> None:
    """A fixture failing in its setup still leaves the trace and a screenshot."""
    resultat = resultats.par_titre[ECHEC_EN_MISE_EN_PLACE]
    assert resultat["status"] in ("failed", "broken")
    assert resultats.contenu(
        resultats.piece_de_type(ECHEC_EN_MISE_EN_PLACE, "image/png")
    ).startswith(PNG)
    resultats.piece_de_type(ECHEC_EN_MISE_EN_PLACE, MIME_TRACE_PLAYWRIGHT)
    resultats.piece_de_type(ECHEC_EN_MISE_EN_PLACE, "text/html")


def test_un_echec_au_nettoyage_joint_sa_capture(resultats: Resultats) -> None:
    """A fixture failing in its teardown, after the test passed, still leaves its screenshot
    (taken as the context closed); its light trace ended with the context, before the failure
    (the terminal gives the replay with the full trace instead)."""
    assert resultats.par_titre[ECHEC_EN_NETTOYAGE]["status"] == "failed"
    assert resultats.contenu(resultats.piece_de_type(ECHEC_EN_NETTOYAGE, "image/png")).startswith(
        PNG
    )
    assert "rejouer avec la trace complète" in resultats.section("test_échec_dans_le_nettoyage")


def test_un_test_qui_passe_ne_joint_rien(resultats: Resultats) -> None:
    """A passing browser test's result has no attachment."""
    assert resultats.par_titre[REUSSITE]["status"] == "passed"
    assert resultats.pieces(REUSSITE) == {}


def test_un_test_sans_titre_en_recoit_un_tire_de_son_nom_accents_compris(
    resultats: Resultats,
) -> None:
    """`test_échec_dans_le_nettoyage` has no `allure.title`: its name makes one, with its É."""
    assert ECHEC_EN_NETTOYAGE in resultats.par_titre


def test_la_mise_en_place_ne_montre_que_les_fixtures_du_projet(resultats: Resultats) -> None:
    """Set-up and tear-down list the test's own fixture, not pytest's, pytest-playwright's or
    the project's plumbing, and no tear-down of pytest's own bookkeeping (`::<lambda>`)."""
    identifiant = resultats.par_titre[ECHEC_EN_NETTOYAGE]["uuid"]
    containers = [c for c in resultats.containers() if identifiant in c.get("children", [])]
    avant = {fixture["name"] for c in containers for fixture in c.get("befores", [])}
    apres = [fixture["name"] for c in containers for fixture in c.get("afters", [])]
    assert avant == {"accueil_verifie_en_fin_de_test"}, avant
    assert len(apres) == 1, apres
    assert apres[0].startswith("accueil_verifie_en_fin_de_test::"), apres


@pytest.mark.parametrize(
    "fonction", ["test_echec_dans_le_test", "test_echec_dans_la_mise_en_place"]
)
def test_le_terminal_dit_ou_sont_trace_et_capture_apres_les_echecs(
    resultats: Resultats, fonction: str
) -> None:
    """After the failures: the screenshot and the trace, on disk, with the command that opens
    the trace as printed (the project's own `playwright`)."""
    section = resultats.section(fonction)
    assert resultats.sortie.index("= FAILURES =") < resultats.sortie.index(TITRE_SECTION)
    trace = re.search(r"^  trace Playwright, sans DOM ni film : (\S+\.zip)$", section, re.MULTILINE)
    assert trace is not None, section
    assert f"    l'ouvrir : .venv/bin/playwright show-trace {trace.group(1)}" in section
    capture = re.search(r"^  capture d'écran : (\S+\.png)$", section, re.MULTILINE)
    assert capture is not None, section
    for chemin in (Path(trace.group(1)), Path(capture.group(1))):
        assert chemin.is_file(), chemin
        assert chemin.is_relative_to(resultats.sortie_playwright), chemin


@pytest.mark.parametrize(
    "fonction",
    ["test_echec_dans_le_test", "test_echec_dans_la_mise_en_place", "test_échec_dans_le_nettoyage"],
)
def test_le_terminal_donne_la_commande_qui_rejoue_avec_ses_graines(
    resultats: Resultats, fonction: str
) -> None:
    """The replay command names the project's interpreter, the test and the run's Faker seed."""
    attendue = (
        "  rejouer : .venv/bin/python -m pytest "
        f"'tests/reporting_samples/sample_failing.py::{fonction}[chromium]' "
        "--randomly-seed=4242\n"
    )
    assert attendue in resultats.section(fonction)


def test_le_rejeu_avec_la_trace_complete_s_execute_tel_quel_et_ecrit_sa_trace(
    resultats: Resultats,
) -> None:
    """From the project root, in a shell without the virtualenv, the printed replay with the
    full trace runs the test again (it fails as it did), writes the trace it names, and says so
    in its own section, keeping the option in its replay command."""
    section = resultats.section("test_echec_dans_le_test")
    commande = re.search(r"^  rejouer avec la trace complète : (.+)$", section, re.MULTILINE)
    trace = re.search(r"^    sa trace : (\S+)$", section, re.MULTILINE)
    assert commande is not None, section
    assert trace is not None, section
    # The replay writes to an output folder of its own (pytest-playwright empties its folder at
    # start, and the samples' folder is read by other tests): the trace named, moved there.
    sortie = resultats.sortie_playwright.with_name(resultats.sortie_playwright.name + "-rejeu")
    attendue = sortie / Path(trace.group(1)).relative_to(resultats.sortie_playwright)
    sans_venv = environnement_a_part(PATH="/usr/bin:/bin")
    sans_venv.pop("VIRTUAL_ENV", None)
    execution = subprocess.run(
        f"{commande.group(1)} -p no:cacheprovider --alluredir={resultats.dossier}-rejeu "
        f"--output={sortie}",
        shell=True,
        cwd=RACINE,
        env=sans_venv,
        capture_output=True,
        text=True,
        timeout=DELAI_ECHANTILLONS_S,
        check=False,
    )
    assert execution.returncode == pytest.ExitCode.TESTS_FAILED, execution.stdout[-3000:]
    assert "1 failed" in execution.stdout, execution.stdout[-3000:]
    assert attendue.is_file(), execution.stdout[-3000:]
    rejeu = execution.stdout[execution.stdout.index(TITRE_SECTION) :]
    assert f"  trace Playwright : {attendue}\n" in rejeu, rejeu
    assert "--tracing=retain-on-failure" in re.findall(r"^  rejouer : (.+)$", rejeu, re.M)[0]


def test_un_test_qui_passe_ne_laisse_rien_dans_test_results(resultats: Resultats) -> None:
    """Only the three failed samples have a folder in the output directory."""
    dossiers = sorted(dossier.name for dossier in resultats.sortie_playwright.iterdir())
    assert len(dossiers) == 3, dossiers
    assert not [nom for nom in dossiers if "reussite" in nom], dossiers


def test_les_graines_faker_sont_des_parametres_hors_historique(resultats: Resultats) -> None:
    """The run's and the test's Faker seeds are shown, excluded from the history id."""
    parametres = {
        parametre["name"]: parametre
        for parametre in resultats.par_titre[ECHEC_DANS_LE_TEST]["parameters"]
    }
    for nom in ("Graine du run (--randomly-seed)", "Graine Faker du test"):
        assert parametres[nom]["value"].isdigit()
        assert parametres[nom]["excluded"] is True


def test_le_contexte_du_run_et_les_categories_sont_ecrits(resultats: Resultats) -> None:
    """`environment.properties` names browser, URL, seed, versions and commit; categories copied."""
    proprietes = (resultats.dossier / "environment.properties").read_text(encoding="ascii")
    for cle in (
        "Navigateur=chromium ",
        "URL\\ de\\ base=",
        "Graine\\ du\\ run=",
        "Python=",
        "Playwright=",
        "Commit\\ git=",
    ):
        assert cle in proprietes
    copie = json.loads((resultats.dossier / "categories.json").read_text(encoding="utf-8"))
    assert copie == json.loads(CATEGORIES.read_text(encoding="utf-8"))


def categorie(statut: str, message: str) -> str | None:
    """The category Allure Report 3 gives a result: the first whose status and regex match."""
    for regle in json.loads(CATEGORIES.read_text(encoding="utf-8")):
        if statut in regle["matchedStatuses"] and re.search(regle["messageRegex"], message):
            return str(regle["name"])
    return None


@pytest.mark.unit
@pytest.mark.parametrize(
    ("statut", "message", "attendue"),
    [
        (
            "failed",
            "AssertionError: Locator expected to have text 'x'\nCall log:\n"
            '  - Expect "to_have_text" with timeout 5000ms',
            "Défaut produit",
        ),
        (
            "failed",
            "fixtures.api.ErreurApiTest: POST http://127.0.0.1:1/_test/parcours : 404 au "
            "lieu de 200",
            "Défaut de test",
        ),
        (
            "broken",
            "playwright._impl._errors.Error: Locator.click: Error: strict mode violation: "
            'get_by_role("button") resolved to 2 elements',
            "Défaut de test",
        ),
        ("broken", "AttributeError: 'Page' object has no attribute 'cliquer'", "Défaut de test"),
        ("broken", "RuntimeError: Le mock n'a pas démarré :\nTraceback", "Infrastructure"),
        (
            "broken",
            "playwright._impl._errors.TimeoutError: Locator.click: Timeout 30000ms exceeded.",
            "Infrastructure",
        ),
        (
            "broken",
            "playwright._impl._errors.Error: BrowserType.launch: Executable doesn't exist at "
            "/x/chrome",
            "Infrastructure",
        ),
        (
            "broken",
            "playwright._impl._errors.Error: Page.goto: net::ERR_CONNECTION_REFUSED at "
            "http://127.0.0.1:1/",
            "Infrastructure",
        ),
        ("passed", "", None),
    ],
)
def test_chaque_echec_tombe_dans_sa_categorie(
    statut: str, message: str, attendue: str | None
) -> None:
    """Product defects, test defects and infrastructure are told apart by status and message."""
    assert categorie(statut, message) == attendue


@pytest.mark.unit
def test_les_proprietes_echappent_espaces_separateurs_et_accents(tmp_path: Path) -> None:
    """Keys keep their spaces and separators, values their accents, as Java properties."""
    chemin = tmp_path / "environment.properties"
    ecrire_proprietes(chemin, {"Système d'exploitation": "Linux: 6 = é 🚀"})
    assert chemin.read_text(encoding="ascii") == (
        "Syst\\u00e8me\\ d'exploitation=Linux: 6 = \\u00e9 \\ud83d\\ude80\n"
    )
