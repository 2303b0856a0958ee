"""The lock (`requirements.lock`, written by `make lock`) agrees with `pyproject.toml`.

`pyproject.toml` keeps the ranges people installing the package get; `make install` and CI
install the lock's exact versions, checked against their hashes. A range changed without
`make lock` would leave the lock pinning a version outside it, or not pinning a new package at
all: pip would then refuse the install in CI only. This check is offline: it reads both files.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from plugins.serveur_mock import RACINE

VERROU = RACINE / "requirements.lock"
# `name==version ; marker \` at the start of a line; the hashes follow on their own lines.
EPINGLE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
# The platforms the lock is checked for: CI's Linux runners with Python 3.11, a laptop's newer one.
ENVIRONNEMENTS = [
    {"python_version": "3.11", "python_full_version": "3.11.7"},
    {"python_version": "3.13", "python_full_version": "3.13.1"},
]


def _epingles() -> dict[str, list[tuple[Version, Marker | None]]]:
    """Every pin of the lock, by canonical name (a package may be forked by markers)."""
    epingles: dict[str, list[tuple[Version, Marker | None]]] = {}
    for ligne in VERROU.read_text(encoding="utf-8").splitlines():
        trouve = EPINGLE.match(ligne)
        if trouve:
            nom, version, marqueur = trouve.groups()
            epingles.setdefault(canonicalize_name(nom), []).append(
                (Version(version), Marker(marqueur) if marqueur else None)
            )
    return epingles


def _exigences() -> list[Requirement]:
    """What pyproject.toml asks: the build backend, the dependencies and the `dev` extra."""
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    textes = [
        *projet["build-system"]["requires"],
        *projet["project"]["dependencies"],
        *projet["project"]["optional-dependencies"]["dev"],
    ]
    return [Requirement(texte) for texte in textes]


@pytest.mark.unit
@pytest.mark.parametrize("environnement", ENVIRONNEMENTS, ids=lambda e: e["python_version"])
def test_le_verrou_epingle_chaque_exigence_dans_sa_plage(environnement: dict[str, str]) -> None:
    """Each requirement of pyproject.toml is pinned in the lock, within its range."""
    epingles = _epingles()
    ecarts = []
    for exigence in _exigences():
        versions = [
            version
            for version, marqueur in epingles.get(canonicalize_name(exigence.name), [])
            if marqueur is None or marqueur.evaluate(environnement)
        ]
        if not versions:
            ecarts.append(f"{exigence} : absent du verrou")
        ecarts.extend(
            f"{exigence} : le verrou épingle {version}"
            for version in versions
            if not exigence.specifier.contains(version, prereleases=True)
        )
    assert ecarts == [], (
        f"requirements.lock ne suit plus pyproject.toml ({'; '.join(ecarts)}) : lancez make lock"
    )


@pytest.mark.unit
def test_chaque_paquet_du_verrou_a_ses_empreintes() -> None:
    """Every pin carries hashes, so `pip install --require-hashes` accepts the lock."""
    lignes = VERROU.read_text(encoding="utf-8").splitlines()
    sans_empreinte = [
        ligne.split(" ", 1)[0]
        for numero, ligne in enumerate(lignes)
        if EPINGLE.match(ligne)
        and not (numero + 1 < len(lignes) and "--hash=sha256:" in lignes[numero + 1])
    ]
    assert sans_empreinte == []
    assert len(_epingles()) > 50
