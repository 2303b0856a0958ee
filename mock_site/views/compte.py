"""The insured person's account: portal, creation steps (screens 3-9), validation, login."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from functools import cache, wraps
from typing import Any, cast

from flask import (
    Blueprint,
    abort,
    current_app,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from mock_site import clock, courrier, parcours, registre
from mock_site.parcours import Parcours
from mock_site.rules import (
    code_personnel,
    contact,
    eligibilite,
    iban,
    identite,
    nir,
    saisies,
    vitale,
)
from mock_site.views.formulaires import action, champs

bp = Blueprint("compte", __name__, url_prefix="/compte")

CLE_CONNEXION = "connecte_nir"
IDENTITE_INCONNUE = (
    "Les informations saisies ne permettent pas de vous identifier. "
    "Vérifiez votre nom, votre numéro de sécurité sociale, votre date de naissance "
    "et votre code postal."
)
COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."
CONNEXION_REFUSEE = "Le numéro de sécurité sociale ou le code personnel est incorrect."
Page = str | Response | tuple[str, int]
VueDEtape = Callable[[Parcours], Page]


def _hacher(code: str) -> str:
    """Hash a personal code with the mode's parameters."""
    return code_personnel.hacher_code(code, current_app.config["CODE_PERSONNEL_HACHAGE"])


@cache
def _empreinte_leurre(methode: str) -> str:
    """A hash checked when the NIR has no account, so both cases take the same time."""
    return code_personnel.hacher_code(secrets.token_hex(8), methode)


def _code_provisoire() -> str:
    """An 8-digit provisional code, as sent by post."""
    return "".join(secrets.choice("0123456789") for _ in range(8))


def etape_requise(etape: str) -> Callable[[VueDEtape], Callable[[], Page]]:
    """Guard a step of the journey: the view runs with the session's journey, once reached.

    Without a journey the user goes to screen 4; before reaching `etape`, to the step they
    are at, so no step can be skipped by typing its address.
    """

    def garder(vue: VueDEtape) -> Callable[[], Page]:
        @wraps(vue)
        def vue_gardee() -> Page:
            suivi = parcours.courant()
            if suivi is None:
                return redirect(url_for("compte.creation"))
            if not suivi.peut_afficher(etape):
                return redirect(url_for(f"compte.{suivi.etape}"))
            return vue(suivi)

        return vue_gardee

    return garder


def _assure_du_parcours(suivi: Parcours) -> dict[str, Any]:
    """The insured person whose journey this is (screen 4 named them)."""
    personne = registre.assure(suivi.nir or "")
    if personne is None:
        abort(400)
    return personne


def _passer(suivi: Parcours, etape: str, saisie: dict[str, Any], suivante: str) -> Response:
    """Keep what a step kept, move the journey on to `suivante` and open it."""
    suivi.garder(etape, saisie)
    suivi.atteindre(suivante)
    parcours.enregistrer(suivi)
    return redirect(url_for(f"compte.{suivante}"))


def _revenir(suivi: Parcours, etape: str, saisie: dict[str, str], precedente: str) -> Response:
    """ "Retour": keep what was typed on the step, to show it again, and open the previous one."""
    suivi.garder(etape, saisie)
    parcours.enregistrer(suivi)
    return redirect(url_for(f"compte.{precedente}"))


# Screen 3 ------------------------------------------------------------------------------------


@bp.get("")
def portail() -> str:
    """The insured person's space: login form and "Je crée mon compte"."""
    return render_template("compte/portail.html", erreurs={}, valeurs={})


@bp.post("/connexion")
def connexion() -> Page:
    """Log in with NIR and personal code; only an activated account can."""
    valeurs = champs("nir", "code")
    erreurs = saisies.erreurs_connexion(valeurs)
    if not erreurs:
        numero = nir.normaliser_nir(valeurs["nir"])[:13]
        compte = registre.compte(numero)
        empreinte = (
            compte.empreinte_code
            if compte
            else _empreinte_leurre(current_app.config["CODE_PERSONNEL_HACHAGE"])
        )
        bon_code = code_personnel.verifier_code(valeurs["code"], empreinte)
        if compte is None or not bon_code:
            erreurs["formulaire"] = CONNEXION_REFUSEE
        elif not compte.actif:
            erreurs["formulaire"] = (
                "Votre compte n'est pas encore activé. Cliquez sur le lien « valider votre "
                "adresse email » reçu par email pour l'activer."
            )
        else:
            session.clear()
            session[CLE_CONNEXION] = compte.nir
            return redirect(url_for("compte.espace"))
    return render_template(
        "compte/portail.html", erreurs=erreurs, valeurs={"nir": valeurs["nir"]}
    ), 422


@bp.get("/espace")
def espace() -> Page:
    """The logged-in space of an activated account."""
    numero = session.get(CLE_CONNEXION)
    personne = registre.assure(numero) if isinstance(numero, str) else None
    if personne is None:
        return redirect(url_for("compte.portail"))
    return render_template(
        "compte/espace.html", assure=personne, compte=registre.compte(personne["nir"])
    )


@bp.post("/deconnexion")
def deconnexion() -> Response:
    """Log out."""
    session.pop(CLE_CONNEXION, None)
    return redirect(url_for("compte.portail"))


# Screen 4 ------------------------------------------------------------------------------------


def _refus_creation(valeurs: dict[str, str], saisie: saisies.Creation) -> Page | None:
    """Screen 4's answer when the typed identity cannot start an account, else None.

    The fields must be well formed, name an insured person of the mock, of an eligible
    régime, with a definitive NIR, who has no account yet.
    """
    erreurs = dict(saisie.erreurs)
    compte_existant = False
    if not erreurs and saisie.numero is not None and saisie.naissance is not None:
        numero = saisie.numero
        personne = registre.assure(numero.valeur)
        ineligible: str | None = None
        if numero.temporaire:
            ineligible = eligibilite.message_ineligibilite(
                eligibilite.Ineligibilite.NIR_TEMPORAIRE, ""
            )
        elif (
            personne is None
            or not identite.noms_identiques(personne["nom"], valeurs["nom"])
            or personne["date_naissance"] != saisie.naissance.isoformat()
            or personne["code_postal"] != valeurs["code_postal"]
        ):
            erreurs["formulaire"] = IDENTITE_INCONNUE
        elif (motif := eligibilite.motif_ineligibilite(personne["regime"], numero)) is not None:
            ineligible = eligibilite.message_ineligibilite(motif, personne["regime"])
        elif registre.compte(numero.valeur) is not None:
            compte_existant = True
            erreurs["formulaire"] = COMPTE_EXISTANT
        if ineligible:
            return render_template("compte/ineligible.html", message=ineligible), 403
    if erreurs:
        return render_template(
            "compte/creation.html",
            erreurs=erreurs,
            valeurs=valeurs,
            compte_existant=compte_existant,
        ), 422
    return None


@bp.route("/creation", methods=["GET", "POST"])
def creation() -> Page:
    """Screen 4: "Je crée mon compte ameli" (name, NIR, birth date, postal code)."""
    suivi = parcours.courant()
    if request.method == "GET":
        # A detour that failed (FranceConnect) comes back here with its message flashed.
        retours = cast(list[tuple[str, str]], get_flashed_messages(with_categories=True))
        return render_template(
            "compte/creation.html",
            erreurs={"formulaire": str(retours[-1][1])} if retours else {},
            valeurs=suivi.brouillon("creation") if suivi else {},
            compte_existant=any(c == "compte_existant" for c, _ in retours),
        )
    if action() == "retour":
        return redirect(url_for("compte.portail"))
    valeurs = champs("nom", "nir", "date_naissance", "code_postal")
    saisie = saisies.lire_creation(valeurs, clock.maintenant().date())
    if (refus := _refus_creation(valeurs, saisie)) is not None:
        return refus
    assert saisie.numero is not None  # no refusal: the NIR was read
    suivi = suivi or parcours.demarrer()
    if suivi.nir != saisie.numero.valeur:
        suivi.donnees = {}
    suivi.nir = saisie.numero.valeur
    return _passer(suivi, "creation", valeurs, "identite")


# Screen 5 ------------------------------------------------------------------------------------


def _page_identite(
    suivi: Parcours, erreurs: dict[str, str], valeurs: dict[str, str], statut: int = 200
) -> tuple[str, int]:
    personne = _assure_du_parcours(suivi)
    return render_template(
        "compte/identite.html",
        erreurs=erreurs,
        valeurs=valeurs,
        prefixe_iban=iban.prefixe_affiche(personne["iban"]),
        prefixe_vitale=vitale.prefixe_vitale(personne["numero_serie_vitale"]),
        bloque=registre.identite_bloquee(suivi.nir or ""),
    ), statut


def _chiffres_justes(personne: dict[str, Any], valeurs: dict[str, str]) -> bool:
    """The digits typed are those of the person's IBAN and Vitale card."""
    return valeurs["iban7"] == iban.sept_derniers(personne["iban"]) and valeurs[
        "vitale11"
    ] == vitale.onze_derniers(personne["numero_serie_vitale"])


def _echec_identite(suivi: Parcours, personne: dict[str, Any]) -> tuple[str, int]:
    """Count a wrong entry: screen 5 again with the attempts left, or locked at the third."""
    restants = registre.ESSAIS_IDENTITE - registre.compter_echec_identite(personne["nir"])
    if restants > 0:
        return _page_identite(
            suivi, {"formulaire": saisies.message_essais_restants(restants)}, {}, 422
        )
    return _page_identite(suivi, {}, {}, 423)


@bp.route("/identite", methods=["GET", "POST"], endpoint="identite")
@etape_requise("identite")
def identite_(suivi: Parcours) -> Page:
    """Screen 5: confirm identity with the IBAN's and the Vitale serial's last digits."""
    if request.method == "GET":
        return _page_identite(suivi, {}, suivi.brouillon("identite"))
    valeurs = saisies.normaliser_identite(champs("iban7", "vitale11"))
    if action() == "retour":
        return _revenir(suivi, "identite", valeurs, "creation")
    if registre.identite_bloquee(suivi.nir or ""):
        return _page_identite(suivi, {}, valeurs, 423)
    if erreurs := saisies.erreurs_identite(valeurs):
        return _page_identite(suivi, erreurs, valeurs, 422)
    personne = _assure_du_parcours(suivi)
    if not _chiffres_justes(personne, valeurs):
        return _echec_identite(suivi, personne)
    return _passer(suivi, "identite", {}, "conditions")


@bp.route("/code-provisoire", methods=["GET", "POST"])
@etape_requise("identite")
def code_provisoire(suivi: Parcours) -> Page:
    """ "Je ne dispose pas du numéro de série de ma carte Vitale": a code sent by post."""
    personne = _assure_du_parcours(suivi)
    if request.method == "GET":
        return render_template("compte/code_provisoire.html", envoye=False, assure=personne)
    courrier.enregistrer_courrier(
        personne["nir"],
        "Votre code provisoire pour le compte ameli",
        render_template(
            "messagerie/courrier_code_provisoire.txt", assure=personne, code=_code_provisoire()
        ),
    )
    parcours.terminer()
    return render_template("compte/code_provisoire.html", envoye=True, assure=personne)


# Screen 6 ------------------------------------------------------------------------------------


@bp.route("/conditions", methods=["GET", "POST"])
@etape_requise("conditions")
def conditions(suivi: Parcours) -> Page:
    """Screen 6: accept the terms of use ("Oui, j'accepte" / "Non, je refuse")."""
    if request.method == "GET":
        return render_template(
            "compte/conditions.html", erreurs={}, valeurs=suivi.brouillon("conditions")
        )
    if action() == "annuler":
        parcours.terminer()
        return redirect(url_for("compte.portail"))
    valeurs = champs("conditions")
    if valeurs["conditions"] == "non":
        parcours.terminer()
        return render_template("compte/refus.html")
    if erreurs := saisies.erreurs_conditions(valeurs):
        return render_template("compte/conditions.html", erreurs=erreurs, valeurs={}), 422
    return _passer(suivi, "conditions", {"conditions": "oui"}, "code")


# Screen 7 ------------------------------------------------------------------------------------


@bp.route("/code", methods=["GET", "POST"])
@etape_requise("code")
def code(suivi: Parcours) -> Page:
    """Screen 7: choose the personal code (8 to 13 digits, twice)."""
    if request.method == "GET":
        return render_template("compte/code.html", erreurs={})
    if action() == "retour":
        return redirect(url_for("compte.conditions"))
    valeurs = champs("code", "confirmation")
    personne = _assure_du_parcours(suivi)
    if erreurs := saisies.erreurs_code(valeurs, date.fromisoformat(personne["date_naissance"])):
        return render_template("compte/code.html", erreurs=erreurs), 422
    # Only a salted hash of the code is ever stored.
    return _passer(suivi, "code", {"empreinte": _hacher(valeurs["code"])}, "coordonnees")


# Screen 8 ------------------------------------------------------------------------------------


def _creer_le_compte(suivi: Parcours, valeurs: dict[str, str]) -> Page:
    """Create the account waiting for validation and send its link; screen 9 follows."""
    empreinte = suivi.brouillon("code").get("empreinte")
    if not empreinte:
        abort(400)
    numero = suivi.nir or ""
    coordonnees_saisies = {
        "portable": contact.normaliser_telephone(valeurs["portable"]),
        "fixe": contact.normaliser_telephone(valeurs["fixe"]),
        "consentements": {c: valeurs[c] == "oui" for c in saisies.CONSENTEMENTS},
    }
    if not registre.creer_compte(numero, empreinte, valeurs["email"], coordonnees_saisies):
        parcours.terminer()
        return render_template(
            "compte/creation.html",
            valeurs={},
            compte_existant=True,
            erreurs={"formulaire": COMPTE_EXISTANT},
        ), 409
    courrier.envoyer_lien_validation(numero, valeurs["email"])
    return _passer(suivi, "coordonnees", {"email": valeurs["email"]}, "confirmation")


@bp.route("/coordonnees", methods=["GET", "POST"])
@etape_requise("coordonnees")
def coordonnees(suivi: Parcours) -> Page:
    """Screen 8: email (twice), phones and contact consents (all "Non" by default)."""
    if request.method == "GET":
        return render_template(
            "compte/coordonnees.html", erreurs={}, valeurs=suivi.brouillon("coordonnees")
        )
    valeurs = saisies.normaliser_coordonnees(
        champs("email", "email_confirmation", "portable", "fixe", *saisies.CONSENTEMENTS)
    )
    if action() == "retour":
        return _revenir(suivi, "coordonnees", valeurs, "code")
    if erreurs := saisies.erreurs_coordonnees(valeurs):
        return render_template("compte/coordonnees.html", erreurs=erreurs, valeurs=valeurs), 422
    return _creer_le_compte(suivi, valeurs)


# Screen 9 ------------------------------------------------------------------------------------


@bp.get("/confirmation")
@etape_requise("confirmation")
def confirmation(suivi: Parcours) -> Page:
    """Screen 9: the account is created; an email with a 7-day link was sent."""
    return render_template(
        "compte/confirmation.html", email=suivi.brouillon("coordonnees").get("email", "")
    )


@bp.get("/validation/<jeton>")
def validation(jeton: str) -> Page:
    """The email's link: activates the account once, within 7 days."""
    trouve = courrier.jeton(jeton[:100])
    if trouve is None:
        return render_template("compte/validation.html", etat="inconnu"), 404
    if trouve.utilise:
        return render_template("compte/validation.html", etat="deja_utilise"), 410
    if trouve.expire():
        return render_template("compte/validation.html", etat="expire", jeton=trouve.jeton), 410
    if not courrier.utiliser_jeton(trouve.jeton):
        return render_template("compte/validation.html", etat="deja_utilise"), 410
    registre.activer_compte(trouve.nir)
    if parcours.courant() is not None:
        parcours.terminer()
    return render_template("compte/validation.html", etat="active")


@bp.post("/validation/nouveau-lien")
def nouveau_lien() -> Page:
    """Send a fresh validation link in place of an expired one."""
    trouve = courrier.jeton(champs("jeton")["jeton"][:100])
    if trouve is None or registre.compte(trouve.nir) is None:
        return render_template("compte/validation.html", etat="inconnu"), 404
    compte = registre.compte(trouve.nir)
    if compte is not None and compte.actif:
        return render_template("compte/validation.html", etat="deja_utilise"), 410
    courrier.envoyer_lien_validation(trouve.nir, trouve.email)
    return render_template("compte/validation.html", etat="renvoye", email=trouve.email)


@bp.get("/conditions-detaillees")
def conditions_detaillees() -> str:
    """ "les conditions d'utilisation détaillées" linked from screen 6."""
    return render_template("compte/conditions_detaillees.html")
