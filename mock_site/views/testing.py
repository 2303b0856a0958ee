"""The test-data API (`/_test/*`), registered only in test and demo modes."""

from __future__ import annotations

import secrets
from typing import Any

from faker import Faker
from flask import Blueprint, abort, current_app, jsonify, request, session
from werkzeug.wrappers import Response

from mock_site import clock, courrier, parcours, registre, store
from mock_site.personnes import fabriquer_assure, faker_fr
from mock_site.rules import code_personnel

bp = Blueprint("testing", __name__, url_prefix="/_test")

ETAPES_PARCOURS = ("identite", "conditions", "code", "coordonnees")
# The personal code given to a journey put past screen 7; the answer tells it to the caller.
CODE_PERSONNEL_PARCOURS = "739184265031"
HORLOGE_SANS_SESSION = (
    "Cet appel n'apporte aucune session de navigateur : l'horloge de session ne bougerait pour "
    "aucune page. Envoyez les cookies du contexte du navigateur (appelez par son API request), "
    'ou passez « "global": true » pour avancer l\'horloge de tout le monde.'
)


def _json_body() -> dict[str, Any]:
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        # json.loads gives up on deeply nested arrays with RecursionError, not ValueError,
        # so `silent` does not cover it: refuse the body instead of failing with a 500.
        abort(400)
    return body if isinstance(body, dict) else {}


def _erreur(message: str, statut: int) -> tuple[Response, int]:
    return jsonify({"erreur": message}), statut


@bp.post("/assures")
def creer_assure() -> tuple[Response, int]:
    """Store an insured person, generating every field that is not given."""
    body = _json_body()
    graine = body.pop("seed", None)
    faker: Faker = faker_fr(graine if isinstance(graine, int) else secrets.randbelow(2**31))
    try:
        personne = fabriquer_assure(faker, **body)
    except (TypeError, ValueError) as exc:
        return _erreur(f"Personne invalide : {exc}", 400)
    donnees = personne.to_json()
    if not registre.enregistrer_assure(donnees):
        return _erreur("Un assuré avec ce numéro de sécurité sociale existe déjà.", 409)
    return jsonify(donnees), 201


@bp.get("/mails")
def mails() -> Response | tuple[Response, int]:
    """The messages sent to an address, oldest first."""
    adresse = request.args.get("to", "")
    if not adresse:
        return _erreur("Paramètre « to » manquant.", 400)
    return jsonify([m.to_json() for m in courrier.mails_pour(adresse)])


@bp.get("/courriers")
def courriers() -> Response | tuple[Response, int]:
    """The postal letters recorded for a person."""
    numero = request.args.get("nir", "")
    if not numero:
        return _erreur("Paramètre « nir » manquant.", 400)
    return jsonify(courrier.courriers_pour(numero))


@bp.post("/clock")
def avancer_horloge() -> Response | tuple[Response, int]:
    """Move the clock forward: for the caller's session, or everyone with `global`.

    A session-scoped call that brings no browser session (curl, `requests` without the
    browser's cookies) is refused: it would move a clock that no page ever reads.
    """
    body = _json_body()
    jours = body.get("days")
    if isinstance(jours, bool) or not isinstance(jours, int | float) or not 0 <= jours <= 3650:
        return _erreur("« days » doit être un nombre de jours entre 0 et 3650.", 400)
    pour_tous = bool(body.get("global", False))
    if not pour_tous and not session:
        return _erreur(HORLOGE_SANS_SESSION, 400)
    try:
        moment = clock.avancer(float(jours), pour_la_session=not pour_tous)
    except clock.DecalageTropGrand:
        return _erreur("L'horloge ne peut pas avancer de plus de 100 ans au total.", 400)
    return jsonify({"now": clock.iso(moment), "portee": "globale" if pour_tous else "session"})


@bp.post("/reset")
def reset() -> Response:
    """Empty accounts, persons, mails and letters."""
    store.reset()
    session.clear()
    return jsonify({"reset": True})


@bp.post("/parcours")
def placer_parcours() -> Response | tuple[Response, int]:
    """Put the caller's session at a step of the journey for a person."""
    body = _json_body()
    numero, etape = body.get("nir"), body.get("etape")
    if etape not in ETAPES_PARCOURS:
        return _erreur(f"« etape » doit valoir {', '.join(ETAPES_PARCOURS)}.", 400)
    personne = registre.assure(numero) if isinstance(numero, str) else None
    if personne is None:
        return _erreur("Aucun assuré avec ce numéro de sécurité sociale.", 404)
    suivi = parcours.demarrer()
    suivi.nir = personne["nir"]
    suivi.garder(
        "creation",
        {
            "nom": personne["nom"],
            "nir": personne["nir"],
            "date_naissance": "/".join(reversed(personne["date_naissance"].split("-"))),
            "code_postal": personne["code_postal"],
        },
    )
    reponse: dict[str, Any] = {"nir": personne["nir"], "etape": etape}
    if etape in ("code", "coordonnees"):
        suivi.garder("conditions", {"conditions": "oui"})
    if etape == "coordonnees":
        suivi.garder(
            "code",
            {
                "empreinte": code_personnel.hacher_code(
                    CODE_PERSONNEL_PARCOURS, current_app.config["CODE_PERSONNEL_HACHAGE"]
                )
            },
        )
        reponse["code_personnel"] = CODE_PERSONNEL_PARCOURS
    suivi.atteindre(etape)
    parcours.enregistrer(suivi)
    return jsonify(reponse)
