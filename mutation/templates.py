"""Mutants of the Jinja templates, which no Python mutation tool makes (docs/mutation.md lists
them), kept in a cosmic-ray session so that `cr-report` reads them too."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cosmic_ray.testing import run_tests
from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import MutationSpec, WorkerOutcome, WorkItem, WorkResult

# Text between two tags with at least two words and no Jinja in it: a heading, a label.
_TEXTE = re.compile(r">\s*([^<>{}]*?[A-Za-zÀ-ÿ][^<>{}]*?\s[^<>{}]*?[A-Za-zÀ-ÿ][^<>{}]*?)\s*<")
# A quoted phrase inside a Jinja expression or statement: a macro's label, a page title.
_PHRASE = re.compile(r"""(?<=[(,=\s])(['"])([A-ZÀ-Ý][^'"{}<>]*?\s[^'"{}<>]*?)\1""")
# A line of a plain-text message (`.txt`) with two words and no Jinja.
_LIGNE = re.compile(r"^([^\n{}]*[A-Za-zÀ-ÿ][^\n{}]*\s[^\n{}]*[A-Za-zÀ-ÿ][^\n{}]*)$", re.MULTILINE)
_JINJA = re.compile(r"\{[{%#].*?[%}#]\}", re.DOTALL)
_ARIA = re.compile(r"""\s(?:aria-[a-z]+|role)=(?:"[^"]*"|'[^']*')""")
_CHECKED = re.compile(r"\schecked\b")
_POUR_ID = re.compile(r"""\b(for|id)="([^"{}]+)\"""")


class Mutant(NamedTuple):
    """One edit of a template: the characters `debut:fin` replaced."""

    operateur: str
    debut: int
    fin: int
    remplacement: str
    description: str

    def appliquer(self, source: str) -> str:
        """The template's text with this edit made."""
        return source[: self.debut] + self.remplacement + source[self.fin :]


def _sans_dernier_mot(texte: str) -> str | None:
    mots = texte.split()
    return texte[: texte.rstrip().rfind(mots[-1])].rstrip() if len(mots) > 1 else None


def _libelles(source: str, texte_brut: bool) -> Iterator[tuple[int, int, str]]:
    """The wordings of a template: (start, end, text), outside Jinja but for quoted phrases."""
    jinja = [(m.start(), m.end()) for m in _JINJA.finditer(source)]

    def dans_jinja(position: int) -> bool:
        return any(debut <= position < fin for debut, fin in jinja)

    motifs = [(_TEXTE, 1, False), (_PHRASE, 2, True)] + ([(_LIGNE, 1, False)] * texte_brut)
    for motif, groupe, en_jinja in motifs:
        for trouve in motif.finditer(source):
            texte = trouve.group(groupe)
            # An escaped quote inside a phrase: the match stops short of its end.
            if dans_jinja(trouve.start(groupe)) == en_jinja and not texte.endswith("\\"):
                yield trouve.start(groupe), trouve.end(groupe), texte


def mutants_template(source: str, texte_brut: bool = False) -> list[Mutant]:
    """Every mutant of a template's text (`texte_brut`: a plain-text message, `.txt`)."""
    mutants = []
    for debut, fin, texte in _libelles(source, texte_brut):
        court = _sans_dernier_mot(texte)
        if court:
            resume = " ".join(texte.split())[-50:]
            mutants.append(Mutant("wording", debut, fin, court, f"`…{resume}`: last word dropped"))
    for trouve in _ARIA.finditer(source):
        attribut = trouve.group().strip()
        mutants.append(Mutant("attribute", *trouve.span(), "", f"`{attribut}` dropped"))
    for trouve in _CHECKED.finditer(source):
        mutants.append(Mutant("checked", *trouve.span(), "", "default `checked` dropped"))
    for trouve in _POUR_ID.finditer(source):
        avant = f'{trouve[1]}="{trouve[2]}"'
        apres = f'{trouve[1]}="{trouve[2]}-x"'
        mutants.append(
            Mutant("for-id", *trouve.span(2), trouve[2] + "-x", f"`{avant}` → `{apres}`")
        )
    return mutants


def _position(source: str, index: int) -> tuple[int, int]:
    ligne = source.count("\n", 0, index) + 1
    return ligne, index - (source.rfind("\n", 0, index) + 1)


def initialiser(session: Path, chemins: list[Path], arbre: Path) -> None:
    """A cosmic-ray session with one work item per template mutant (cosmic-ray's public
    `WorkDB`, as its own filters use it)."""
    with use_db(str(session)) as db:
        for chemin in chemins:
            source = chemin.read_text(encoding="utf-8")
            for numero, mutant in enumerate(mutants_template(source, chemin.suffix == ".txt")):
                spec = MutationSpec(
                    module_path=chemin.relative_to(arbre).as_posix(),
                    operator_name=f"template/{mutant.operateur}",
                    occurrence=numero,
                    start_pos=_position(source, mutant.debut),
                    end_pos=_position(source, mutant.fin),
                    definition_name=mutant.description,
                )
                db.add_work_item(WorkItem.single(uuid.uuid4().hex, spec))


def executer(
    session: Path, arbre: Path, commande: str, delai: float, echeance: float | None
) -> None:
    """Run the session's template mutants without a verdict, each written into the copy of
    the mock and the test command run as cosmic-ray runs it, until `echeance` (monotonic)."""
    with use_db(str(session), mode=WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            if echeance is not None and time.monotonic() > echeance:
                break
            spec = item.mutations[0]
            chemin = arbre / spec.module_path
            source = chemin.read_text(encoding="utf-8")
            mutant = mutants_template(source, chemin.suffix == ".txt")[spec.occurrence]
            try:
                chemin.write_text(mutant.appliquer(source), encoding="utf-8")
                issue, sortie = run_tests(commande, delai)
            finally:
                chemin.write_text(source, encoding="utf-8")
            db.set_result(
                item.job_id,
                WorkResult(
                    worker_outcome=WorkerOutcome.NORMAL,
                    test_outcome=issue,
                    output=sortie,
                    diff=mutant.description,
                ),
            )
