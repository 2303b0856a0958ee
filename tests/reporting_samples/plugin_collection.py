"""A plugin that `tests/test_sharding.py` gives the pytest it runs (`-p`): it writes the node ids
pytest-split is about to split, in their order, to the file named by `COLLECTION_COMPLETE`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Write the collection: pytest-split's own hook, `trylast` as well, is registered later
    (when pytest-split configures), so it runs after this one, on these items."""
    chemin = Path(os.environ["COLLECTION_COMPLETE"])
    chemin.write_text("".join(f"{item.nodeid}\n" for item in items), encoding="utf-8")
