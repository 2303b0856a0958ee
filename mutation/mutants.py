"""The mutants of one Python module: mutmut's mutation operators applied to each libcst node.

mutmut 3 itself only mutates undecorated functions, through trampolines: the mock's views are
all decorated (`@bp.route`) and its security settings are module or class constants, which it
would never touch. Its operators (libcst node → mutated nodes) do not have that limit, so each
mutant here is the whole module's source with one node replaced, and the runner loads it in
place of the module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from mutmut.mutation.mutators import mutation_operators

PRAGMA = "pragma: no mutate"


@dataclass(frozen=True)
class Mutant:
    """One fault: `path` (relative to the project root) with `source` as its text."""

    path: str
    line: int
    end_line: int
    kind: str  # "python" or "template"
    description: str
    source: str = field(repr=False, compare=False)
    # The same change may be made at several places of a file: which one this is.
    occurrence: int = 0

    @property
    def key(self) -> str:
        """A name that survives unrelated edits elsewhere in the file (no line number)."""
        texte = f"{self.description}#{self.occurrence}"
        return f"{self.path}:{hashlib.sha1(texte.encode()).hexdigest()[:8]}"

    @property
    def empreinte(self) -> str:
        """A hash of the mutant's text: a verdict is reused only while it is unchanged."""
        return hashlib.sha1(self.source.encode()).hexdigest()[:16]


def numeroter(mutants: Iterable[Mutant]) -> list[Mutant]:
    """The mutants with the occurrence of each change set, so that every key is unique."""
    vus: dict[tuple[str, str], int] = {}
    numerotes = []
    for mutant in mutants:
        n = vus.get((mutant.path, mutant.description), 0)
        vus[(mutant.path, mutant.description)] = n + 1
        numerotes.append(replace(mutant, occurrence=n))
    return numerotes


def _court(code: str, limite: int = 70) -> str:
    """One line of at most `limite` characters, for the report."""
    ligne = " ".join(code.split())
    return ligne if len(ligne) <= limite else ligne[: limite - 1] + "…"


class _Collecteur(cst.CSTVisitor):
    """Collects (node, mutated node) pairs, skipping what mutating would only make noise of."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lignes_ignorees: set[int]) -> None:
        super().__init__()
        self.lignes_ignorees = lignes_ignorees
        self.paires: list[tuple[cst.CSTNode, cst.CSTNode, int, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Type hints, imports and docstrings change nothing the tests could see.
        if isinstance(node, cst.Annotation | cst.Import | cst.ImportFrom):
            return False
        if isinstance(node, cst.Expr) and isinstance(node.value, cst.BaseString):
            return False
        position = self.get_metadata(PositionProvider, node, None)
        if position is None or position.start.line in self.lignes_ignorees:
            return True
        for type_noeud, operateur in mutation_operators:
            if not isinstance(node, type_noeud):
                continue
            for numero, mute in enumerate(operateur(node)):
                # A string gets three mutants ("XX" around it, lower case, upper case); the
                # first one says whether a test reads it, the others would mostly repeat it.
                if isinstance(node, cst.BaseString) and numero > 0:
                    break
                self.paires.append((node, mute, position.start.line, position.end.line))
        return True


def mutants_python(racine: Path, chemin: Path) -> Iterator[Mutant]:
    """Every mutant of the module at `chemin` (a path under `racine`)."""
    source = chemin.read_text(encoding="utf-8")
    relatif = chemin.relative_to(racine).as_posix()
    lignes_ignorees = {
        numero for numero, ligne in enumerate(source.splitlines(), start=1) if PRAGMA in ligne
    }
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    collecteur = _Collecteur(lignes_ignorees)
    wrapper.visit(collecteur)
    lignes = source.splitlines(keepends=True)
    debuts = [0]
    for ligne in lignes:
        debuts.append(debuts[-1] + len(ligne))
    vus: set[str] = set()
    for noeud, mute, debut, fin in collecteur.paires:
        avant = module.code_for_node(noeud).strip()
        apres = module.code_for_node(mute).strip()
        position = wrapper.resolve(PositionProvider)[noeud]
        de = debuts[position.start.line - 1] + position.start.column
        a = debuts[position.end.line - 1] + position.end.column
        if source[de:a].strip() == avant:
            # Splicing the text is what makes thousands of mutants cheap; deep_replace
            # copies the whole tree each time.
            code = source[:de] + source[de:a].replace(avant, apres, 1) + source[a:]
        else:
            remplace = module.deep_replace(noeud, mute)
            assert isinstance(remplace, cst.Module)
            code = remplace.code
        if code == source or code in vus:
            continue
        vus.add(code)
        avant, apres = _court(avant), _court(apres)
        yield Mutant(relatif, debut, fin, "python", f"`{avant}` → `{apres}`", code)
