"""The parts of the mock a campaign mutates: every file of `mock_site/` is in one part or left out.

A file belongs to the first part whose pattern matches it (`fnmatch`, from the project root), so
no file is mutated twice; `tests/test_mutation.py` checks that every file of `mock_site/` is in a
part or in `LAISSES`, the files no mutation operator applies to.
"""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

PARTIES: dict[str, tuple[str, ...]] = {
    "rules": ("mock_site/rules/*.py",),
    "settings": (
        "mock_site/config.py",
        "mock_site/security.py",
        "mock_site/statiques.py",
        "mock_site/gunicorn_conf.py",
    ),
    "store": (
        "mock_site/store.py",
        "mock_site/registre.py",
        "mock_site/courrier.py",
        "mock_site/clock.py",
    ),
    "franceconnect": ("mock_site/franceconnect/*.py",),
    "views": ("mock_site/views/*.py",),
    "app": ("mock_site/*.py",),
    "templates": ("mock_site/templates/*.html", "mock_site/templates/*.txt"),
}
# Not mutated: the mock's own tests (they are what a mutant is run against), and files that are
# data rather than code (stylesheets, pictures, the script's few event handlers, the caisses'
# table), whose faults the browser, visual and data tests see directly.
LAISSES = ("mock_site/tests/*", "mock_site/static/*", "mock_site/data/*")


def fichiers_du_mock(racine: Path) -> list[str]:
    """The mock's files as git knows them (tracked, or new and not ignored)."""
    sortie = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "mock_site"],
        cwd=racine,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted({f for f in sortie.split("\0") if f and (racine / f).is_file()})


def partie_de(fichier: str) -> str | None:
    """The part a file of the mock belongs to; None for a file left out."""
    if any(fnmatch.fnmatch(fichier, motif) for motif in LAISSES):
        return None
    for nom, motifs in PARTIES.items():
        if any(fnmatch.fnmatch(fichier, motif) for motif in motifs):
            return nom
    raise LookupError(f"{fichier} is in no part of mutation/parties.py")


def fichiers(racine: Path, partie: str) -> list[str]:
    """The files of one part."""
    return [f for f in fichiers_du_mock(racine) if partie_de(f) == partie]
