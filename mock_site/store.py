"""SQLite storage of the mock: insured persons, accounts, journeys, mails and letters.

One connection per request (Flask `g`), WAL mode so that several server processes can share
one file, and every write in a transaction so that concurrent creations never mix. Servers
starting together on one file set it up one at a time (`creer_tables`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock
from flask import Flask, current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS assures (
    nir TEXT PRIMARY KEY,
    donnees TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS comptes (
    nir TEXT PRIMARY KEY,
    empreinte_code TEXT NOT NULL,
    email TEXT NOT NULL,
    coordonnees TEXT NOT NULL,
    statut TEXT NOT NULL CHECK (statut IN ('en_attente', 'actif')),
    cree_le TEXT NOT NULL,
    active_le TEXT
);
CREATE TABLE IF NOT EXISTS parcours (
    id TEXT PRIMARY KEY,
    etape TEXT NOT NULL,
    nir TEXT,
    donnees TEXT NOT NULL DEFAULT '{}',
    maj_le TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tentatives (
    nir TEXT PRIMARY KEY,
    echecs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS jetons (
    jeton TEXT PRIMARY KEY,
    nir TEXT NOT NULL,
    email TEXT NOT NULL,
    envoye_le TEXT NOT NULL,
    utilise_le TEXT
);
CREATE TABLE IF NOT EXISTS mails (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    destinataire TEXT NOT NULL,
    sujet TEXT NOT NULL,
    texte TEXT NOT NULL,
    html TEXT NOT NULL,
    liens TEXT NOT NULL,
    envoye_le TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mails_destinataire ON mails (destinataire);
CREATE TABLE IF NOT EXISTS courriers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nir TEXT NOT NULL,
    objet TEXT NOT NULL,
    texte TEXT NOT NULL,
    envoye_le TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS horloge (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    decalage_secondes INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO horloge (id, decalage_secondes) VALUES (1, 0);
"""

TABLES_VIDEES_PAR_RESET = (
    "assures",
    "comptes",
    "parcours",
    "tentatives",
    "jetons",
    "mails",
    "courriers",
)


# How long a connection waits for another one's lock (SQLite's busy timeout, and the setup lock).
ATTENTE_VERROU_S = 30


def _connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=ATTENTE_VERROU_S, isolation_level=None)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {ATTENTE_VERROU_S * 1000}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def init_app(app: Flask) -> None:
    """Create the database file and its schema, and close connections after each request."""
    creer_tables(app, SCHEMA)
    app.teardown_appcontext(_close)


def creer_tables(app: Flask, schema: str) -> None:
    """Create `schema`'s tables in the application's database, in WAL mode, all or nothing.

    Several servers (gunicorn workers, test threads) may start on one new file at once. Moving
    a database into WAL mode takes a lock SQLite does not wait for, so a lock file next to it
    lets one starting server at a time set the file up; the tables are then created in one
    immediate transaction, which waits for any writer.
    """
    path = Path(app.config["DATABASE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{path}.lock", timeout=ATTENTE_VERROU_S).acquire(poll_interval=0.005):
        connection = _connect(str(path))
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(f"BEGIN IMMEDIATE;\n{schema}\nCOMMIT;")
        finally:
            connection.close()


def db() -> sqlite3.Connection:
    """The request's connection."""
    if "db" not in g:
        g.db = _connect(current_app.config["DATABASE"])
    connection: sqlite3.Connection = g.db
    return connection


def _close(_exc: BaseException | None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


@contextmanager
def transaction() -> Iterator[sqlite3.Connection]:
    """An immediate (write-locked) transaction: all or nothing, one writer at a time."""
    connection = db()
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def to_json(value: Any) -> str:
    """Serialise a value stored in a JSON column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def from_json(text: str | None) -> Any:
    """Read a JSON column."""
    return json.loads(text) if text else {}


def reset() -> None:
    """Empty accounts, persons, journeys, mails and letters; put the clock back."""
    with transaction() as connection:
        for table in TABLES_VIDEES_PAR_RESET:
            connection.execute(f"DELETE FROM {table}")
        connection.execute("UPDATE horloge SET decalage_secondes = 0")
