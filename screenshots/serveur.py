"""A mock of its own for a capture run (fresh database, test mode, clock stopped), started by
`plugins.serveur_mock.ServeurMock` as the browser suite starts its own."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from plugins.serveur_mock import ServeurMock
from screenshots.parcours import HORLOGE_DEMO


@contextmanager
def mock_a_horloge_fixe(horloge: datetime = HORLOGE_DEMO) -> Iterator[str]:
    """Start the mock with its clock stopped at `horloge`; yield its base URL."""
    with (
        tempfile.TemporaryDirectory(prefix="captures-mock-") as dossier,
        ServeurMock(Path(dossier), env={"MOCK_CLOCK_START": horloge.isoformat()}) as serveur,
    ):
        yield serveur.url
