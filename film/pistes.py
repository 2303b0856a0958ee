"""The film's text tracks in WebVTT: French captions and chapters.

A caption is the tutorial's sentence as it reads on screen: a capital first letter, its
Markdown bold as WebVTT's `<b>`, the rest escaped. A chapter is titled as the tutorial's
heading (« Étape 1 : … »), which players list in their chapter menu.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from film.montage import Repere

_GRAS = re.compile(r"\*\*(.+?)\*\*")


def horodatage(secondes: float) -> str:
    """`hh:mm:ss.ttt`, WebVTT's timestamp."""
    millisecondes = round(secondes * 1000)
    heures, reste = divmod(millisecondes, 3_600_000)
    minutes, reste = divmod(reste, 60_000)
    secondes_entieres, millisecondes = divmod(reste, 1000)
    return f"{heures:02d}:{minutes:02d}:{secondes_entieres:02d}.{millisecondes:03d}"


def texte_de_legende(consigne: str) -> str:
    """A sentence of the tutorial as a caption's text."""
    phrase = consigne[:1].upper() + consigne[1:]
    return _GRAS.sub(lambda trouve: f"<b>{trouve[1]}</b>", escape(phrase, quote=False))


def texte_de_chapitre(titre: str) -> str:
    """A heading of the tutorial as a chapter's title."""
    return escape(titre, quote=False)


def webvtt(reperes: tuple[Repere, ...]) -> str:
    """A WebVTT file of these cues, numbered from 1."""
    blocs = [
        f"{rang}\n{horodatage(repere.debut)} --> {horodatage(repere.fin)}\n{repere.texte}\n"
        for rang, repere in enumerate(reperes, start=1)
    ]
    return "\n".join(["WEBVTT\n", *blocs])


def ecrire(chemin: Path, reperes: tuple[Repere, ...]) -> Path:
    """Write a WebVTT file (UTF-8)."""
    chemin.write_text(webvtt(reperes), encoding="utf-8")
    return chemin
