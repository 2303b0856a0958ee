"""`make report` (scripts/allure-report.mjs): a report that makes no request outside its file,
whose history counts the same results once and stays small, with one environment per CI phase.

The reports are built from a few hand-written Allure results, in a folder that holds the
project's configuration (Allure reads allurerc.mjs and writes the history relative to the folder
it runs in). One report of two CI phases is built once for the module and read by the tests that
check what a report holds; a test that builds more reports works on a copy of its folder.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Request, Route, expect

from plugins.serveur_mock import RACINE

SCRIPT = RACINE / "scripts" / "allure-report.mjs"
ALLURE = RACINE / "node_modules" / ".bin" / "allure"
DELAI_RAPPORT_S = 300
# The results folder of each CI phase in the module's report, as .ci/run names them.
DOSSIERS_DES_PHASES = {"suite": "allure-results", "mock-partage": "allure-results-shared-mock"}


@pytest.fixture(autouse=True)
def allure_installe() -> None:
    """These tests need the report's tool: without it they fail, saying how to install it (a
    skip would let a run without it look green)."""
    if not ALLURE.exists() or shutil.which("node") is None:
        pytest.fail(
            "Allure absent : make node-deps installe l'outil du rapport (make test le fait)"
        )


def _resultat(nom: str, statut: str, phase: str | None = None) -> dict[str, Any]:
    identifiant = uuid.uuid4().hex
    labels = [
        {"name": "feature", "value": "Étape 5 : Confirmer son identité"},
        {"name": "host", "value": "machine"},
        {"name": "thread", "value": "1-MainThread"},
    ]
    if phase:
        labels.append({"name": "phase", "value": phase})
    resultat: dict[str, Any] = {
        "uuid": identifiant,
        "historyId": f"{nom}-historique",
        "testCaseId": f"{nom}-cas",
        "name": nom,
        "fullName": f"e2e.test_exemple#{nom}",
        "status": statut,
        "start": 1_700_000_000_000,
        "stop": 1_700_000_001_000,
        "labels": labels,
    }
    if statut == "failed":
        resultat["statusDetails"] = {
            "message": "AssertionError: " + "x" * 2000,
            "trace": "t" * 5000,
        }
    return resultat


def ecrire_resultats(dossier: Path, phase: str | None = None, noms: tuple[str, ...] = ()) -> Path:
    """A results folder: a passed and a failed test (and `noms`, passed)."""
    dossier.mkdir(parents=True, exist_ok=True)
    resultats = [
        _resultat("Exemple réussi", "passed", phase),
        _resultat("Exemple en échec", "failed", phase),
        *(_resultat(nom, "passed", phase) for nom in noms),
    ]
    for resultat in resultats:
        chemin = dossier / f"{resultat['uuid']}-result.json"
        chemin.write_text(json.dumps(resultat), encoding="utf-8")
    if phase:
        (dossier / "phase.json").write_text(json.dumps({"Phase": phase}), encoding="utf-8")
    return dossier


DELAI_AFFICHAGE_MS = 30_000


def projet(tmp_path: Path) -> Path:
    """A folder where Allure finds the project's configuration, as in the project's root."""
    shutil.copy(RACINE / "allurerc.mjs", tmp_path / "allurerc.mjs")
    categories = tmp_path / "plugins" / "reporting"
    categories.mkdir(parents=True)
    shutil.copy(RACINE / "plugins" / "reporting" / "categories.json", categories)
    return tmp_path


def rapport(dossier: Path, *resultats: Path, sortie: str = "allure-report") -> Path:
    """`make report` in `dossier`: the report's index.html."""
    execution = subprocess.run(
        ["node", str(SCRIPT), "--output", sortie, *map(str, resultats)],
        cwd=dossier,
        capture_output=True,
        text=True,
        timeout=DELAI_RAPPORT_S,
        check=False,
    )
    assert execution.returncode == 0, execution.stdout + execution.stderr
    return dossier / sortie / "index.html"


def historique(dossier: Path) -> list[dict[str, Any]]:
    """The runs of the report's history."""
    lignes = (dossier / ".allure" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(ligne) for ligne in lignes if ligne.strip()]


def requetes_a_l_ouverture(page: Page, index: Path, *, tests_montres: bool = True) -> list[str]:
    """Every request the page makes while it opens the report (and, with `tests_montres`, until
    it shows its tests); those that would leave the machine are answered by an error, never
    sent."""
    requetes: list[str] = []

    def refuser(route: Route) -> None:
        route.abort()

    def noter(requete: Request) -> None:
        requetes.append(requete.url)

    page.on("request", noter)
    page.route("http*://**/*", refuser)
    # The load event waits for every script of the document, asynchronous ones included.
    page.goto(index.as_uri(), wait_until="load")
    if not tests_montres:
        return requetes
    # A single-file report parses all its data before it draws its tree: a busy machine can
    # take longer than expect's default five seconds. (A report of two phases lists each test
    # once per phase.)
    expect(page.get_by_text("Exemple réussi").first).to_be_visible(timeout=DELAI_AFFICHAGE_MS)
    return requetes


@pytest.fixture(scope="module")
def rapport_des_phases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make report` of two CI phases' results, each in its folder: the report's index.html."""
    dossier = projet(tmp_path_factory.mktemp("rapport"))
    return rapport(dossier, *resultats_des_phases(dossier))


def resultats_des_phases(dossier: Path) -> list[Path]:
    """The results folders of the phases below `dossier` (written the first time)."""
    return [
        resultats
        if (resultats := dossier / nom).is_dir()
        else ecrire_resultats(resultats, phase=phase)
        for phase, nom in DOSSIERS_DES_PHASES.items()
    ]


def requetes_hors_du_fichier(page: Page, index: Path, *, tests_montres: bool = True) -> list[str]:
    """The requests made while the report opens, but for the file itself and its inline data."""
    return [
        url
        for url in requetes_a_l_ouverture(page, index, tests_montres=tests_montres)
        if url != index.as_uri() and not url.startswith(("data:", "blob:", "about:"))
    ]


def test_le_rapport_s_ouvre_sans_requete_hors_de_son_fichier(
    page: Page, rapport_des_phases: Path
) -> None:
    """The report opens from disk and asks for nothing but itself and its own data."""
    assert requetes_hors_du_fichier(page, rapport_des_phases) == []


def test_le_rapport_d_allure_seul_demande_le_traceur_de_google(page: Page, tmp_path: Path) -> None:
    """The control of the test above: Allure's own output, without the script, asks Google's
    tag manager for its script, and the recorded requests show it.

    Its script tag is in the page's head: the load event is enough. Allure's own output is made
    of several files that it fetches, which a page opened from disk may not (`fetch` refuses
    `file:` URLs): it draws its tests or not depending on which of its scripts wins (2 times in
    40 it did not), so this control does not wait for them."""
    dossier = projet(tmp_path)
    resultats = ecrire_resultats(dossier / "allure-results")
    subprocess.run(
        [str(ALLURE), "generate", str(resultats), "--output", "brut"],
        cwd=dossier,
        capture_output=True,
        timeout=DELAI_RAPPORT_S,
        check=True,
    )
    ailleurs = requetes_hors_du_fichier(page, dossier / "brut" / "index.html", tests_montres=False)
    assert any("googletagmanager.com" in url for url in ailleurs), ailleurs


def test_les_memes_resultats_ne_comptent_qu_une_fois_dans_l_historique(
    rapport_des_phases: Path, tmp_path: Path
) -> None:
    """The module's report made again from the same results, then from one result more."""
    dossier = tmp_path / "projet"
    shutil.copytree(rapport_des_phases.parent.parent, dossier)
    assert len(historique(dossier)) == 1
    rapport(dossier, *resultats_des_phases(dossier))
    assert len(historique(dossier)) == 1
    ecrire_resultats(dossier / DOSSIERS_DES_PHASES["suite"], noms=("Exemple ajouté",))
    rapport(dossier, *resultats_des_phases(dossier))
    assert len(historique(dossier)) == 2


def test_l_historique_ne_garde_que_ce_que_le_rapport_montre(rapport_des_phases: Path) -> None:
    """No stack trace, no full name, only the labels the charts group by, a short message."""
    (run,) = historique(rapport_des_phases.parent.parent)
    items = list(run["testResults"].values())
    assert {item["status"] for item in items} == {"passed", "failed"}
    assert all("trace" not in item and "fullName" not in item for item in items)
    assert {label["name"] for item in items for label in item["labels"]} == {"feature"}
    assert max(len(item.get("message") or "") for item in items) <= 301


def donnee_du_rapport(index: Path, chemin: str) -> Any:
    """A data file embedded in a single-file report (base64, as its `d(path, data)` calls)."""
    trouve = re.search(rf'd\("{re.escape(chemin)}","([^"]*)"\)', index.read_text(encoding="utf-8"))
    assert trouve is not None, f"{chemin} absent du rapport"
    return json.loads(base64.b64decode(trouve.group(1)))


def test_chaque_phase_de_la_ci_est_un_environnement_du_rapport(rapport_des_phases: Path) -> None:
    """Each phase's results are in its environment, whose variables are the phase's context."""
    par_id = json.loads(
        (rapport_des_phases.parent / "test-results.json").read_text(encoding="utf-8")
    )["byId"]
    assert sorted({resultat["environment"] for resultat in par_id.values()}) == [
        "Mock partagé (gunicorn, plusieurs workers)",
        "Suite complète (make test)",
    ]
    for phase in DOSSIERS_DES_PHASES:
        variables = donnee_du_rapport(rapport_des_phases, f"widgets/{phase}/variables.json")
        assert variables == {"Phase": phase}


def test_un_modele_de_rapport_sans_le_traceur_attendu_arrete_make_report() -> None:
    """If Allure's template changes, the report is not shipped as it is: the script says what
    to update."""
    code = (
        f"import {{ withoutAnalytics }} from {json.dumps(SCRIPT.as_uri())};"
        "try { withoutAnalytics('<html><head></head></html>'); process.exit(0); }"
        "catch (error) { console.error(error.message); process.exit(1); }"
    )
    execution = subprocess.run(
        ["node", "--input-type=module", "-e", code], capture_output=True, text=True, check=False
    )
    assert execution.returncode == 1
    assert "found 0 times" in execution.stderr
    assert "scripts/allure-report.mjs" in execution.stderr
