"""Insured persons, accounts and identity-check attempts as stored by the mock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_site import clock, store

ESSAIS_IDENTITE = 3


@dataclass(frozen=True)
class Compte:
    """An ameli account, waiting for its email validation or active."""

    nir: str
    empreinte_code: str
    email: str
    coordonnees: dict[str, Any]
    statut: str

    @property
    def actif(self) -> bool:
        """Only an account whose email was validated can log in."""
        return self.statut == "actif"


def assure(nir: str) -> dict[str, Any] | None:
    """The insured person with this NIR (13 characters), if known."""
    row = store.db().execute("SELECT donnees FROM assures WHERE nir = ?", (nir,)).fetchone()
    return store.from_json(row["donnees"]) if row else None


def enregistrer_assure(donnees: dict[str, Any]) -> bool:
    """Store an insured person; False when one with that NIR exists already."""
    with store.transaction() as connection:
        cursor = connection.execute(
            "INSERT OR IGNORE INTO assures (nir, donnees) VALUES (?, ?)",
            (donnees["nir"], store.to_json(donnees)),
        )
        return cursor.rowcount == 1


def reprendre_assure(donnees: dict[str, Any]) -> None:
    """Store an insured person afresh, as if they had never started the journey.

    Their account, identity-check attempts, journeys, validation links, letters and the mails
    sent to their account's address are deleted, and their record replaced by `donnees`.
    """
    nir = donnees["nir"]
    with store.transaction() as connection:
        connection.execute(
            "DELETE FROM mails WHERE destinataire IN (SELECT lower(email) FROM comptes "
            "WHERE nir = ? UNION SELECT lower(email) FROM jetons WHERE nir = ?)",
            (nir, nir),
        )
        for table in ("comptes", "tentatives", "parcours", "jetons", "courriers"):
            connection.execute(f"DELETE FROM {table} WHERE nir = ?", (nir,))
        connection.execute(
            "INSERT INTO assures (nir, donnees) VALUES (?, ?) "
            "ON CONFLICT (nir) DO UPDATE SET donnees = excluded.donnees",
            (nir, store.to_json(donnees)),
        )


def assures(limite: int = 5) -> list[dict[str, Any]]:
    """A few stored persons (for the demo banner)."""
    rows = store.db().execute("SELECT donnees FROM assures ORDER BY rowid LIMIT ?", (limite,))
    return [store.from_json(row["donnees"]) for row in rows]


def compte(nir: str) -> Compte | None:
    """The account of this NIR, if one was created."""
    row = (
        store.db()
        .execute(
            "SELECT nir, empreinte_code, email, coordonnees, statut FROM comptes WHERE nir = ?",
            (nir,),
        )
        .fetchone()
    )
    if row is None:
        return None
    return Compte(
        row["nir"],
        row["empreinte_code"],
        row["email"],
        store.from_json(row["coordonnees"]),
        row["statut"],
    )


def creer_compte(nir: str, empreinte_code: str, email: str, coordonnees: dict[str, Any]) -> bool:
    """Create an account waiting for validation; False if the NIR already has one."""
    with store.transaction() as connection:
        cursor = connection.execute(
            "INSERT OR IGNORE INTO comptes (nir, empreinte_code, email, coordonnees, statut, "
            "cree_le) VALUES (?, ?, ?, ?, 'en_attente', ?)",
            (nir, empreinte_code, email, store.to_json(coordonnees), clock.iso(clock.maintenant())),
        )
        return cursor.rowcount == 1


def activer_compte(nir: str) -> None:
    """Mark an account active (its email was validated)."""
    with store.transaction() as connection:
        connection.execute(
            "UPDATE comptes SET statut = 'actif', active_le = ? WHERE nir = ?",
            (clock.iso(clock.maintenant()), nir),
        )


def echecs_identite(nir: str) -> int:
    """How many wrong IBAN / Vitale entries this person has made."""
    row = store.db().execute("SELECT echecs FROM tentatives WHERE nir = ?", (nir,)).fetchone()
    return int(row["echecs"]) if row else 0


def compter_echec_identite(nir: str) -> int:
    """Count one more wrong entry and return the total."""
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO tentatives (nir, echecs) VALUES (?, 1) "
            "ON CONFLICT (nir) DO UPDATE SET echecs = echecs + 1",
            (nir,),
        )
        row = connection.execute("SELECT echecs FROM tentatives WHERE nir = ?", (nir,)).fetchone()
    return int(row["echecs"])


def identite_bloquee(nir: str) -> bool:
    """The third failure locks account creation for that person."""
    return echecs_identite(nir) >= ESSAIS_IDENTITE
