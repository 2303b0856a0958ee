"""Mutants of the Jinja templates: the faults a page can have that no Python operator makes.

A wording changed (a text between tags, or a quoted phrase passed to a macro or set as a
title), an `aria-*` or `role` attribute dropped, a default `checked` dropped, a `for=` or `id=`
no longer matching its partner. Each is a plain text edit of the template file; Jinja
syntax is left alone except for the quoted phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from mutation.mutants import Mutant

# Text between two tags with at least two words and no Jinja in it: a heading, a label, a
# paragraph of the tutorial.
_TEXTE = re.compile(r">(\s*)([^<>{}]*?[A-Za-zÀ-ÿ][^<>{}]*?\s[^<>{}]*?[A-Za-zÀ-ÿ][^<>{}]*?)(\s*)<")
# A quoted phrase inside a Jinja expression or statement: a macro's label, a page title.
_PHRASE = re.compile(r"""(?<=[(,=\s])(['"])([A-ZÀ-Ý][^'"{}<>]*?\s[^'"{}<>]*?)\1""")
_LIGNE = re.compile(r"^([^\n{}]*[A-Za-zÀ-ÿ][^\n{}]*\s[^\n{}]*[A-Za-zÀ-ÿ][^\n{}]*)$", re.MULTILINE)
_JINJA = re.compile(r"\{[{%].*?[%}]\}", re.DOTALL)
_ARIA = re.compile(r"""\s(?:aria-[a-z]+|role)=(?:"[^"]*"|'[^']*')""")
_CHECKED = re.compile(r"\schecked\b")
_POUR_ID = re.compile(r"""\b(for|id)="([^"{}]+)\"""")


def _ligne(source: str, position: int) -> int:
    return source.count("\n", 0, position) + 1


def _sans_dernier_mot(texte: str) -> str | None:
    """The wording with its last word dropped: a realistic edit a test of the wording catches."""
    mots = texte.split()
    if len(mots) < 2:
        return None
    return texte[: texte.rstrip().rfind(mots[-1])].rstrip()


def mutants_template(racine: Path, chemin: Path) -> Iterator[Mutant]:
    """Every mutant of the template at `chemin`."""
    source = chemin.read_text(encoding="utf-8")
    relatif = chemin.relative_to(racine).as_posix()
    jinja = [(m.start(), m.end()) for m in _JINJA.finditer(source)]

    def dans_jinja(position: int) -> bool:
        return any(debut <= position < fin for debut, fin in jinja)

    def mutant(debut: int, fin: int, remplacement: str, description: str) -> Mutant:
        ligne = _ligne(source, debut)
        return Mutant(
            relatif,
            ligne,
            _ligne(source, fin),
            "template",
            " ".join(description.split()),
            source[:debut] + remplacement + source[fin:],
        )

    for trouve in _TEXTE.finditer(source):
        texte = trouve.group(2)
        if dans_jinja(trouve.start(2)) or texte.lstrip().startswith(("{#", "#")):
            continue
        court = _sans_dernier_mot(texte)
        if court:
            yield mutant(
                trouve.start(2),
                trouve.end(2),
                court,
                f"wording `…{' '.join(texte.split())[-50:]}`: last word dropped",
            )
    if chemin.suffix == ".txt":
        # A message's plain text: each line of wording outside Jinja.
        for trouve in _LIGNE.finditer(source):
            texte = trouve.group(1)
            if dans_jinja(trouve.start(1)) or "{" in texte:
                continue
            court = _sans_dernier_mot(texte)
            if court:
                yield mutant(
                    trouve.start(1),
                    trouve.end(1),
                    court,
                    f"wording `…{texte[-50:]}`: last word dropped",
                )
    for trouve in _PHRASE.finditer(source):
        # An escaped quote inside the phrase: the match stops short of its end.
        if not dans_jinja(trouve.start()) or trouve.group(2).endswith("\\"):
            continue
        court = _sans_dernier_mot(trouve.group(2))
        if court:
            yield mutant(
                trouve.start(2),
                trouve.end(2),
                court,
                f"wording `…{trouve.group(2)[-50:]}`: last word dropped",
            )
    for trouve in _ARIA.finditer(source):
        yield mutant(
            trouve.start(), trouve.end(), "", f"attribute `{trouve.group().strip()}` dropped"
        )
    for trouve in _CHECKED.finditer(source):
        yield mutant(trouve.start(), trouve.end(), "", "default `checked` dropped")
    for trouve in _POUR_ID.finditer(source):
        attribut, valeur = trouve.group(1), trouve.group(2)
        yield mutant(
            trouve.start(2),
            trouve.end(2),
            valeur + "-x",
            f'`{attribut}="{valeur}"` → `{attribut}="{valeur}-x"`',
        )


def fichiers_templates(racine: Path) -> list[Path]:
    """The templates of the mock, pages and messages."""
    dossier = racine / "mock_site" / "templates"
    return sorted(p for p in dossier.rglob("*") if p.suffix in {".html", ".txt"})
