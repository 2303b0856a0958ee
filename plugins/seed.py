"""Pytest plugin: one Faker seed per run, derived per test, so a failure replays exactly.

`--faker-seed N` (or `FAKER_SEED`) fixes the run's seed; without it a random one is drawn,
printed in the header and shared with every pytest-xdist worker. Each test's seed is derived
from the run's seed and the test's id, so it does not depend on the order tests run in.
`plugins.reporting.terminal.commande_pour_rejouer` is the one command that replays a test.
"""

from __future__ import annotations

import os
import secrets
import zlib
from typing import Any

import pytest
from faker import Faker

from fixtures.assures import faker_fr

CLE = "faker_seed"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--faker-seed`."""
    parser.addoption(
        "--faker-seed",
        type=int,
        default=None,
        help="seed of the Faker test data (default: $FAKER_SEED, else random)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Fix the run's seed (a worker takes the controller's)."""
    workerinput: dict[str, Any] | None = getattr(config, "workerinput", None)
    if workerinput is not None and CLE in workerinput:
        graine = int(workerinput[CLE])
    elif config.getoption("faker_seed") is not None:
        graine = int(config.getoption("faker_seed"))
    elif os.environ.get("FAKER_SEED"):
        graine = int(os.environ["FAKER_SEED"])
    else:
        graine = secrets.randbelow(2**31)
    config.stash[_CLE_STASH] = graine


_CLE_STASH = pytest.StashKey[int]()


def graine_du_run(config: pytest.Config) -> int:
    """The run's Faker seed."""
    return config.stash[_CLE_STASH]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand the controller's seed to each pytest-xdist worker."""
    node.workerinput[CLE] = graine_du_run(node.config)


def pytest_report_header(config: pytest.Config) -> str:
    """Say which seed to pass to replay this run."""
    return f"faker seed: {graine_du_run(config)} (rejouer : --faker-seed {graine_du_run(config)})"


@pytest.fixture
def faker_seed(request: pytest.FixtureRequest) -> int:
    """This test's seed: the run's seed mixed with the test's id."""
    return (graine_du_run(request.config) ^ zlib.crc32(request.node.nodeid.encode())) % 2**31


@pytest.fixture
def faker(faker_seed: int) -> Faker:
    """A French Faker with the insured-person provider, seeded for this test."""
    return faker_fr(faker_seed)
