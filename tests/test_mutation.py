"""The mutation tool: every file of the mock in one part, the template faults it says it makes,
the tests it picks for a change, and the report it reads from cosmic-ray's sessions.

Small templates and measures written for the test, not the mock's: what is checked is the tool
(`mutation/`), whose campaign over the mock is `make mutate`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cosmic_ray.work_db import use_db
from cosmic_ray.work_item import MutationSpec, WorkerOutcome, WorkItem, WorkResult
from cosmic_ray.work_item import TestOutcome as Issue

from mutation import selection
from mutation.__main__ import DEBUT, PARTIES, ecrire_rapport, fichiers, fichiers_du_mock, partie_de
from mutation.templates import mutants_template
from plugins.serveur_mock import RACINE

pytestmark = pytest.mark.unit

GABARIT = """{% set titre_page = "Je crée mon compte" %}
<h1 id="titre">Je crée mon compte ameli</h1>
<label for="nom">Mon nom</label>
<input id="nom" aria-describedby="aide-nom" aria-required="true">
<input type="radio" name="choix" value="non" checked>
"""


def test_chaque_fichier_du_mock_est_dans_une_partie_ou_laisse_pour_une_raison() -> None:
    """FranceConnect and the store included; no part is empty."""
    for fichier in fichiers_du_mock(RACINE):
        partie_de(fichier)  # raises for a file in no part
    assert partie_de("mock_site/franceconnect/provider.py") == "franceconnect"
    assert partie_de("mock_site/store.py") == "store"
    assert partie_de("mock_site/tests/test_reglages.py") is None
    assert all(fichiers(RACINE, partie) for partie in PARTIES)


def test_fait_les_fautes_d_un_gabarit_sans_toucher_a_la_syntaxe_jinja() -> None:
    mutants = mutants_template(GABARIT)
    descriptions = [m.description for m in mutants]
    assert "`…Je crée mon compte ameli`: last word dropped" in descriptions
    assert "`…Je crée mon compte`: last word dropped" in descriptions  # {% set %}
    assert "`…Mon nom`: last word dropped" in descriptions
    assert '`aria-describedby="aide-nom"` dropped' in descriptions
    assert '`aria-required="true"` dropped' in descriptions
    assert "default `checked` dropped" in descriptions
    assert '`for="nom"` → `for="nom-x"`' in descriptions
    assert '`id="nom"` → `id="nom-x"`' in descriptions
    for mutant in mutants:
        mute = mutant.appliquer(GABARIT)
        assert mute != GABARIT
        assert (mute.count("{%"), mute.count("%}")) == (1, 1), mutant.description


def test_le_diff_dit_quelles_lignes_un_mutant_a_changees_et_quels_mots_il_a_retires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regle = tmp_path / "mock_site" / "regle.py"
    regle.parent.mkdir()
    regle.write_text('a = 1\ntitre = "Votre compte ameli"\nc = 3\n', encoding="utf-8")
    for commande in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(commande, cwd=tmp_path, check=True)
    regle.write_text('a = 1\ntitre = "Votre compte"\nc = 3\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    assert selection.changements() == ({"mock_site/regle.py": {2}}, {"ameli"})


def test_les_tests_qui_citent_le_mot_retire_passent_en_premier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for nom, texte in (("test_a.py", "def test_a(): ..."), ("test_b.py", "# compte ameli")):
        (tmp_path / nom).write_text(texte, encoding="utf-8")
    mesure = {
        "lignes": {},
        "gabarits": {"compte/x.html": ["test_a.py::test_a", "test_b.py::test_b"]},
        "durees": {"test_a.py::test_a": 0.1, "test_b.py::test_b": 0.2},
        "echecs": [],
    }
    monkeypatch.chdir(tmp_path)

    changes = {"mock_site/templates/compte/x.html": {1}}
    assert selection.choisir_tests(mesure, changes, 2.0, 0, {"ameli"}) == [
        "test_b.py::test_b",
        "test_a.py::test_a",
    ]


MESURE = {
    "lignes": {
        "mock_site/regle.py": {
            "1": ["t::import"],
            "2": ["t::lent", "t::vu"],
            "3": ["t::b"],
            "6": ["t::decore"],
            "9": ["t::autre"],
        }
    },
    "gabarits": {"compte/code.html": ["t::code"], "portail/accueil.html": ["t::accueil"]},
    "durees": {
        "t::import": 0.1,
        "t::vu": 0.3,
        "t::lent": 9.0,
        "t::b": 0.2,
        "t::autre": 0.05,
        "t::decore": 0.2,
    },
    "echecs": ["t::b"],
}


def test_les_tests_de_la_ligne_changee_et_de_ses_voisines_passent_avant_ceux_du_module() -> None:
    """Failing tests and tests slower than the ceiling are left out."""
    ligne_2 = {"mock_site/regle.py": {2}}
    assert selection.choisir_tests(MESURE, ligne_2, 2.0, 0) == [
        "t::import",
        "t::vu",
        "t::autre",
        "t::decore",
    ]
    assert selection.choisir_tests(MESURE, ligne_2, 0, 1) == ["t::import"]


def test_un_decorateur_est_vu_par_les_tests_de_la_fonction_qu_il_decore() -> None:
    """Line 5, run at import only, is seen by the tests of line 6 (and of line 3, before)."""
    decorateur = {"mock_site/regle.py": {5}}
    assert selection.choisir_tests(MESURE, decorateur, 2.0, 0)[:1] == ["t::decore"]


def test_un_gabarit_partage_est_vu_par_les_tests_de_toutes_les_pages() -> None:
    code = {"mock_site/templates/compte/code.html": {3}}
    base = {"mock_site/templates/base.html": {3}}
    assert selection.choisir_tests(MESURE, code, 2.0, 0) == ["t::code", "t::accueil"]
    assert set(selection.choisir_tests(MESURE, base, 2.0, 0)) == {"t::code", "t::accueil"}


def _mutant(job: str, numero: int) -> WorkItem:
    spec = MutationSpec(
        module_path="mock_site/templates/x.html",
        operator_name="template/wording",
        occurrence=numero,
        start_pos=(2, 0),
        end_pos=(2, 4),
        definition_name=f"mot {job}",
    )
    return WorkItem.single(job, spec)


def test_le_rapport_compte_chaque_partie_et_nomme_ses_survivants(tmp_path: Path) -> None:
    """Killed (a timeout among them), survived, one not run yet; the text around is kept."""
    session = tmp_path / "templates.sqlite"
    issues = {"a": Issue.KILLED, "b": Issue.SURVIVED, "c": Issue.KILLED}
    with use_db(str(session)) as db:
        for numero, (job, issue) in enumerate(issues.items()):
            db.add_work_item(_mutant(job, numero))
            sortie = "timeout" if job == "c" else ""
            db.set_result(job, WorkResult(WorkerOutcome.NORMAL, sortie, issue))
        db.add_work_item(_mutant("d", 3))
    rapport = tmp_path / "MUTATION.md"
    rapport.write_text("# Mutation\n\nBefore.\n", encoding="utf-8")
    sessions = {"templates": session, "rules": tmp_path / "absent.sqlite"}

    ecrire_rapport(rapport, sessions, "python -m mutation")
    ecrire_rapport(rapport, sessions, "python -m mutation")

    texte = rapport.read_text(encoding="utf-8")
    assert texte.startswith("# Mutation\n\nBefore.\n" + DEBUT)
    assert texte.count(DEBUT) == 1
    assert "| templates | 4 | 0 | 3 | 2 (1) | 1 | **66.7 %** |" in texte
    assert "| rules | not run here |" in texte
    assert "- `mock_site/templates/x.html:2` wording: mot b" in texte
