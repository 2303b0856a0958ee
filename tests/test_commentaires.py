"""Comments, docstrings and docs that name a file of the project name a file that exists.

A path such as `plugins/reporting/artifacts.py` or `bench/RESULTS.md` written in a comment, a
docstring or a page of the docs is checked against the work tree (a page's link may also be
relative to the page's folder), so that a file moved or removed leaves no pointer to nowhere.
Paths with a placeholder (`e2e/test_<screen>.py`, `.mutation/PART.sqlite`, a glob) are left
alone; `CHANGELOG.md` names the files of its time.
"""

from __future__ import annotations

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from plugins.serveur_mock import RACINE

pytestmark = pytest.mark.unit

DOSSIERS = "plugins|bench|mutation|screenshots|scripts|reporting|e2e|pages|fixtures|mock_site|tests"
# A path from the project's root to a file (its last part has an extension).
CHEMIN = re.compile(rf"(?<![\w./@-])((?:{DOSSIERS}|docs|\.ci|\.github)/[\w./-]*\.\w+)")
# A name standing for many: a placeholder, a glob, an ellipsis, an upper-case variable.
GABARIT = re.compile(r"[<>*{}…]|\b[A-Z]{2,}\b(?!\.)")
HISTOIRE = {"CHANGELOG.md"}
COMMENTAIRE = re.compile(r"(?:^|\s)(?:#|//)(.*)$", re.MULTILINE)


def _textes_python(source: str) -> list[tuple[int, str]]:
    """The comments and docstrings of a module, with their first line."""
    textes = [
        (jeton.start[0], jeton.string)
        for jeton in tokenize.generate_tokens(io.StringIO(source).readline)
        if jeton.type == tokenize.COMMENT
    ]
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            corps = noeud.body[0] if noeud.body else None
            if isinstance(corps, ast.Expr) and isinstance(corps.value, ast.Constant):
                textes.append((corps.lineno, str(corps.value.value)))
    return textes


def _textes(chemin: Path) -> list[tuple[int, str]]:
    """What of a file is prose: docstrings and comments of code, the whole of a page."""
    source = chemin.read_text(encoding="utf-8")
    if chemin.suffix == ".py":
        return _textes_python(source)
    if chemin.suffix == ".md":
        return [(1, source)]
    return [
        (source.count("\n", 0, m.start()) + 1, m.group(1)) for m in COMMENTAIRE.finditer(source)
    ]


def chemins_inexistants(racine: Path) -> list[str]:
    """Every `file:line: path` where prose names a project path that does not exist."""
    suivis = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=racine,
        capture_output=True,
        check=True,
    ).stdout.decode()
    manquants = []
    for fichier in sorted(filter(None, suivis.split("\0"))):
        chemin = racine / fichier
        lisible = chemin.suffix in {".py", ".md", ".mjs", ".js", ".toml", ".yml", ".yaml", ".cfg"}
        lisible |= chemin.name in {"Makefile", "run"} or fichier.startswith("scripts/")
        if fichier in HISTOIRE or not lisible or not chemin.is_file():
            continue
        for ligne, texte in _textes(chemin):
            for trouve in CHEMIN.finditer(texte):
                nom = trouve.group(1)
                gabarit = GABARIT.search(texte[trouve.start() : trouve.end() + 1])
                # A page's link is relative to its folder (docs/ links screenshots/…).
                if not gabarit and not any((d / nom).exists() for d in (racine, chemin.parent)):
                    numero = ligne + texte.count("\n", 0, trouve.start())
                    manquants.append(f"{fichier}:{numero}: {nom}")
    return manquants


def test_les_commentaires_nomment_des_fichiers_qui_existent() -> None:
    """Run again after moving a file: it lists every pointer left behind."""
    manquants = chemins_inexistants(RACINE)
    assert not manquants, "files named but missing:\n" + "\n".join(manquants)


def test_un_chemin_disparu_est_signale(tmp_path: Path) -> None:
    """A comment naming a missing file is found; a placeholder is not a name."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "la.py").write_text(
        '"""Next to `plugins/la.py`."""\n# moved to plugins/parti.py\n'
        "# one per screen: e2e/test_<ecran>.py\n",
        encoding="utf-8",
    )
    assert chemins_inexistants(tmp_path) == ["plugins/la.py:2: plugins/parti.py"]
