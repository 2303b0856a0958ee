"""What the mock sends: emails (kept in a mailbox) and postal letters (recorded)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import render_template, url_for

from mock_site import clock, store
from mock_site.rules.validation_email import lien_expire, nouveau_jeton

SUJET_VALIDATION = "Compte ameli : validez votre adresse email"
LIEN = re.compile(r"https?://[^\s\"'<>]+")


@dataclass(frozen=True)
class Mail:
    """An email as the mailbox shows it."""

    id: int
    to: str
    subject: str
    text: str
    html: str
    links: list[str]
    sent_at: str

    def to_json(self) -> dict[str, Any]:
        """The test-data API's view of the message."""
        return {
            "id": self.id,
            "to": self.to,
            "subject": self.subject,
            "text": self.text,
            "html": self.html,
            "links": self.links,
            "sent_at": self.sent_at,
        }


def envoyer_mail(destinataire: str, sujet: str, texte: str, html: str) -> None:
    """Put a message in the recipient's mailbox."""
    liens = list(dict.fromkeys(LIEN.findall(texte)))
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO mails (destinataire, sujet, texte, html, liens, envoye_le) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                destinataire.lower(),
                sujet,
                texte,
                html,
                store.to_json(liens),
                clock.iso(clock.maintenant()),
            ),
        )


def mails_pour(destinataire: str) -> list[Mail]:
    """The messages sent to an address, oldest first."""
    rows = store.db().execute(
        "SELECT * FROM mails WHERE destinataire = ? ORDER BY id", (destinataire.lower(),)
    )
    return [
        Mail(
            row["id"],
            row["destinataire"],
            row["sujet"],
            row["texte"],
            row["html"],
            store.from_json(row["liens"]) or [],
            row["envoye_le"],
        )
        for row in rows
    ]


def mail(identifiant: int) -> Mail | None:
    """One message by id."""
    row = store.db().execute("SELECT * FROM mails WHERE id = ?", (identifiant,)).fetchone()
    if row is None:
        return None
    return Mail(
        row["id"],
        row["destinataire"],
        row["sujet"],
        row["texte"],
        row["html"],
        store.from_json(row["liens"]) or [],
        row["envoye_le"],
    )


def envoyer_lien_validation(nir: str, email: str) -> None:
    """Send the tutorial's validation email with a fresh single-use link."""
    jeton = nouveau_jeton()
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO jetons (jeton, nir, email, envoye_le) VALUES (?, ?, ?, ?)",
            (jeton, nir, email, clock.iso(clock.maintenant())),
        )
    lien = url_for("compte.validation", jeton=jeton, _external=True)
    envoyer_mail(
        email,
        SUJET_VALIDATION,
        render_template("messagerie/mail_validation.txt", lien=lien),
        render_template("messagerie/mail_validation.html", lien=lien),
    )


@dataclass(frozen=True)
class Jeton:
    """A validation link's token."""

    jeton: str
    nir: str
    email: str
    envoye_le: datetime
    utilise: bool

    def expire(self) -> bool:
        """Seven days after it was sent, the link no longer works."""
        return lien_expire(self.envoye_le, clock.maintenant())


def jeton(valeur: str) -> Jeton | None:
    """The token behind a validation link, if it exists."""
    row = store.db().execute("SELECT * FROM jetons WHERE jeton = ?", (valeur,)).fetchone()
    if row is None:
        return None
    return Jeton(
        row["jeton"],
        row["nir"],
        row["email"],
        clock.depuis_iso(row["envoye_le"]),
        row["utilise_le"] is not None,
    )


def utiliser_jeton(valeur: str) -> bool:
    """Spend a token; False if it was already used (single use, even under concurrency)."""
    with store.transaction() as connection:
        cursor = connection.execute(
            "UPDATE jetons SET utilise_le = ? WHERE jeton = ? AND utilise_le IS NULL",
            (clock.iso(clock.maintenant()), valeur),
        )
        return cursor.rowcount == 1


def enregistrer_courrier(nir: str, objet: str, texte: str) -> None:
    """Record a postal letter sent to an insured person."""
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO courriers (nir, objet, texte, envoye_le) VALUES (?, ?, ?, ?)",
            (nir, objet, texte, clock.iso(clock.maintenant())),
        )


def courriers_pour(nir: str) -> list[dict[str, Any]]:
    """The letters recorded for a person, oldest first."""
    rows = store.db().execute(
        "SELECT nir, objet, texte, envoye_le FROM courriers WHERE nir = ? ORDER BY id", (nir,)
    )
    return [
        {
            "nir": row["nir"],
            "objet": row["objet"],
            "texte": row["texte"],
            "sent_at": row["envoye_le"],
        }
        for row in rows
    ]
