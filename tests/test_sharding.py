"""Sharding across CI machines: `--splits N --group i` (pytest-split) runs every test exactly once.

Each shard is a separate pytest collecting the whole suite and keeping its group, chosen from
the durations committed in `.test_durations` (tests missing from it count as the average). The
shards must be disjoint and together be the whole collection, whatever the durations say.

Collecting the suite costs seconds of processor, so it is collected once, the way a CI machine
does (`--splits 3 --group 2`), with a plugin (`reporting_samples/plugin_collection.py`) that
writes the whole collection pytest-split receives. The shards are computed from that collection
with pytest-split's own algorithm and durations file, and the group the plugin kept must be the
one computed here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_split.algorithms import Algorithms

from plugins.serveur_mock import RACINE
from tests.pytest_a_part import environnement_a_part, pytest_a_part

pytestmark = pytest.mark.unit

SHARDS = 3
GROUPE_COLLECTE = 2
# pytest-split's default, which the Makefile's `--splits`/`--group` use.
ALGORITHME = "duration_based_chunks"
DELAI_COLLECTE_S = 300


@dataclass(frozen=True)
class Element:
    """What pytest-split's algorithms read of a collected test: its node id."""

    nodeid: str


def _collecte(complete: Path, *options: str) -> list[str]:
    """The node ids a pytest run with these options would run (`--collect-only`); the whole
    collection, before pytest-split keeps its group, written to `complete`."""
    # The files in their own order, not in this run's random one.
    fini = pytest_a_part(
        "--collect-only",
        "-q",
        "--randomly-dont-reorganize",
        "-p",
        "tests.reporting_samples.plugin_collection",
        *options,
        delai_s=DELAI_COLLECTE_S,
        env=environnement_a_part(COLLECTION_COMPLETE=str(complete)),
    )
    assert fini.returncode == pytest.ExitCode.OK, fini.stdout[-3000:] + fini.stderr[-3000:]
    return [ligne for ligne in fini.stdout.splitlines() if "::" in ligne]


def test_chaque_test_tourne_dans_exactement_une_tranche(tmp_path: Path) -> None:
    """The shards of `--splits 3` are disjoint, non-empty, and together the whole suite."""
    complete = tmp_path / "collection.txt"
    groupe_collecte = _collecte(complete, "--splits", str(SHARDS), "--group", str(GROUPE_COLLECTE))
    collection = complete.read_text(encoding="utf-8").splitlines()
    durees = json.loads((RACINE / ".test_durations").read_text(encoding="utf-8"))
    groupes = [
        [element.nodeid for element in groupe.selected]
        for groupe in Algorithms[ALGORITHME].value(
            SHARDS, [Element(nodeid) for nodeid in collection], durees
        )
    ]

    assert groupes[GROUPE_COLLECTE - 1] == groupe_collecte
    assert all(groupes), [len(groupe) for groupe in groupes]
    vus = [nodeid for groupe in groupes for nodeid in groupe]
    assert len(vus) == len(set(vus)), "un test est dans plusieurs shards"
    assert sorted(vus) == sorted(collection)
