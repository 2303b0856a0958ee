"""The account-creation journey as a server-side state machine.

The browser holds only the journey's id (in the signed session cookie); which step the user
has reached and what they typed live in the database, so a step cannot be skipped or replayed
by crafting a request, and reloading a page keeps its data.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from flask import session

from mock_site import clock, store

ETAPES = ("creation", "identite", "conditions", "code", "coordonnees", "confirmation")
CLE_SESSION = "parcours"


@dataclass
class Parcours:
    """One person's account creation in progress."""

    id: str
    etape: str = "creation"
    nir: str | None = None
    donnees: dict[str, Any] = field(default_factory=dict)

    def peut_afficher(self, etape: str) -> bool:
        """A step can be shown once reached; later steps cannot."""
        return ETAPES.index(etape) <= ETAPES.index(self.etape)

    def atteindre(self, etape: str) -> None:
        """Record that the user has passed every step before `etape`.

        Passing an earlier step again (after "Retour") makes it the furthest one reached,
        so later steps are validated again with the new values.
        """
        self.etape = etape

    def brouillon(self, etape: str) -> dict[str, str]:
        """What was typed on a step, to show it again."""
        valeurs: dict[str, str] = self.donnees.get(etape, {})
        return valeurs

    def garder(self, etape: str, valeurs: dict[str, str]) -> None:
        """Keep what was typed on a step."""
        self.donnees[etape] = valeurs


def courant() -> Parcours | None:
    """The journey of the current browser session, if any."""
    identifiant = session.get(CLE_SESSION)
    if not isinstance(identifiant, str):
        return None
    row = (
        store.db()
        .execute("SELECT id, etape, nir, donnees FROM parcours WHERE id = ?", (identifiant,))
        .fetchone()
    )
    if row is None:
        return None
    return Parcours(row["id"], row["etape"], row["nir"], store.from_json(row["donnees"]))


def demarrer() -> Parcours:
    """Start a new journey for this browser session."""
    parcours = Parcours(secrets.token_urlsafe(18))
    enregistrer(parcours)
    session[CLE_SESSION] = parcours.id
    return parcours


def courant_ou_nouveau() -> Parcours:
    """The session's journey, started if there is none."""
    return courant() or demarrer()


def enregistrer(parcours: Parcours) -> None:
    """Save a journey's step and data."""
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO parcours (id, etape, nir, donnees, maj_le) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET etape = excluded.etape, nir = excluded.nir, "
            "donnees = excluded.donnees, maj_le = excluded.maj_le",
            (
                parcours.id,
                parcours.etape,
                parcours.nir,
                store.to_json(parcours.donnees),
                clock.iso(clock.maintenant()),
            ),
        )


def terminer() -> None:
    """Forget the session's journey (creation finished, refused or cancelled)."""
    identifiant = session.pop(CLE_SESSION, None)
    if isinstance(identifiant, str):
        with store.transaction() as connection:
            connection.execute("DELETE FROM parcours WHERE id = ?", (identifiant,))
