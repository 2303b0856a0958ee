"""pytest plugin used by `make bench` only: browser traces recorded without their screencast.

`-p bench.trace_sans_captures` makes every `tracing.start` leave out screenshots (the DOM
snapshots, network and actions stay in the trace), to measure what the screencast costs the
journey test next to the bare script. The suite itself never loads it.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api._generated import Tracing


def pytest_configure(config: pytest.Config) -> None:
    """Wrap `Tracing.start` so that it never records screenshots."""
    demarrer = Tracing.start

    def demarrer_sans_captures(self: Tracing, **options: Any) -> None:
        demarrer(self, **{**options, "screenshots": False})

    Tracing.start = demarrer_sans_captures  # type: ignore[method-assign,assignment]
