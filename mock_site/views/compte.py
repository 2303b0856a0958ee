"""The insured person's account: portal, creation steps (screens 3-9), validation, login."""

from __future__ import annotations

import secrets
from datetime import date
from functools import cache
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
from mock_site.rules import code_personnel, contact, eligibilite, iban, identite, nir, vitale
from mock_site.views.formulaires import action, champs, trop_longs

bp = Blueprint("compte", __name__, url_prefix="/compte")

CLE_CONNEXION = "connecte_nir"
IDENTITE_INCONNUE = (
    "Les informations saisies ne permettent pas de vous identifier. "
    "Vérifiez votre nom, votre numéro de sécurité sociale, votre date de naissance "
    "et votre code postal."
)
COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."
CONNEXION_REFUSEE = "Le numéro de sécurité sociale ou le code personnel est incorrect."
CONSENTEMENTS = ("consent_email", "consent_portable_tel", "consent_portable_sms",
                 "consent_fixe_tel")
Page = str | Response | tuple[str, int]


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


def _vers_etape(suivi: Parcours | None, etape: str) -> Response | None:
    """Redirect a user who opens a step they have not reached to the step they are at."""
    if suivi is None:
        return redirect(url_for("compte.creation")) if etape != "creation" else None
    if not suivi.peut_afficher(etape):
        return redirect(url_for(f"compte.{suivi.etape}"))
    return None


def _assure_du_parcours(suivi: Parcours) -> dict[str, Any]:
    personne = registre.assure(suivi.nir or "")
    if personne is None:
        abort(400)
    return personne


# Screen 3 ------------------------------------------------------------------------------------

@bp.get("")
def portail() -> str:
    """The insured person's space: login form and "Je crée mon compte"."""
    return render_template("compte/portail.html", erreurs={}, valeurs={})


@bp.post("/connexion")
def connexion() -> Page:
    """Log in with NIR and personal code; only an activated account can."""
    valeurs = champs("nir", "code")
    erreurs = trop_longs(valeurs)
    if not valeurs["nir"]:
        erreurs["nir"] = "Saisissez votre numéro de sécurité sociale."
    if not valeurs["code"]:
        erreurs["code"] = "Saisissez votre code personnel."
    if not erreurs:
        numero = nir.normaliser_nir(valeurs["nir"])[:13]
        compte = registre.compte(numero)
        empreinte = (compte.empreinte_code if compte
                     else _empreinte_leurre(current_app.config["CODE_PERSONNEL_HACHAGE"]))
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
    return render_template("compte/portail.html", erreurs=erreurs,
                           valeurs={"nir": valeurs["nir"]}), 422


@bp.get("/espace")
def espace() -> Page:
    """The logged-in space of an activated account."""
    numero = session.get(CLE_CONNEXION)
    personne = registre.assure(numero) if isinstance(numero, str) else None
    if personne is None:
        return redirect(url_for("compte.portail"))
    return render_template("compte/espace.html", assure=personne,
                           compte=registre.compte(personne["nir"]))


@bp.post("/deconnexion")
def deconnexion() -> Response:
    """Log out."""
    session.pop(CLE_CONNEXION, None)
    return redirect(url_for("compte.portail"))


# Screen 4 ------------------------------------------------------------------------------------

def _erreurs_creation(valeurs: dict[str, str]) -> tuple[dict[str, str], nir.Nir | None,
                                                          date | None]:
    """Field-by-field checks of screen 4 (formats, dates, NIR vs birth date)."""
    erreurs = trop_longs(valeurs)
    requis = {
        "nom": "Saisissez votre nom.",
        "nir": "Saisissez votre numéro de sécurité sociale.",
        "date_naissance": "Saisissez votre date de naissance.",
        "code_postal": "Saisissez votre code postal.",
    }
    for champ, message in requis.items():
        if not valeurs[champ]:
            erreurs.setdefault(champ, message)
    numero: nir.Nir | None = None
    naissance: date | None = None
    if "nir" not in erreurs:
        try:
            numero = nir.lire_nir(valeurs["nir"])
        except nir.NirInvalide as exc:
            erreurs["nir"] = exc.message
    if "date_naissance" not in erreurs:
        try:
            naissance = identite.date_naissance_valide(valeurs["date_naissance"],
                                                       clock.maintenant().date())
        except identite.DateInvalide as exc:
            erreurs["date_naissance"] = exc.message
    if "code_postal" not in erreurs and not (
        len(valeurs["code_postal"]) == 5 and valeurs["code_postal"].isascii()
        and valeurs["code_postal"].isdigit()
    ):
        erreurs["code_postal"] = "Le code postal doit comporter 5 chiffres."
    if numero and naissance and not nir.nir_correspond_naissance(numero, naissance):
        erreurs["nir"] = ("Le numéro de sécurité sociale ne correspond pas à la date de "
                          "naissance saisie.")
    return erreurs, numero, naissance


@bp.route("/creation", methods=["GET", "POST"])
def creation() -> Page:
    """Screen 4: "Je crée mon compte ameli" (name, NIR, birth date, postal code)."""
    suivi = parcours.courant()
    if request.method == "GET":
        # A detour that failed (FranceConnect) comes back here with its message flashed.
        retours = cast(list[tuple[str, str]], get_flashed_messages(with_categories=True))
        return render_template("compte/creation.html",
                               erreurs={"formulaire": str(retours[-1][1])} if retours else {},
                               valeurs=suivi.brouillon("creation") if suivi else {},
                               compte_existant=any(c == "compte_existant" for c, _ in retours))
    if action() == "retour":
        return redirect(url_for("compte.portail"))
    valeurs = champs("nom", "nir", "date_naissance", "code_postal")
    erreurs, numero, naissance = _erreurs_creation(valeurs)
    ineligible: str | None = None
    compte_existant = False
    if not erreurs and numero is not None and naissance is not None:
        personne = registre.assure(numero.valeur)
        if numero.temporaire:
            ineligible = eligibilite.message_ineligibilite(
                eligibilite.Ineligibilite.NIR_TEMPORAIRE, "")
        elif (
            personne is None
            or not identite.noms_identiques(personne["nom"], valeurs["nom"])
            or personne["date_naissance"] != naissance.isoformat()
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
        return render_template("compte/creation.html", erreurs=erreurs, valeurs=valeurs,
                               compte_existant=compte_existant), 422
    assert numero is not None
    suivi = suivi or parcours.demarrer()
    if suivi.nir != numero.valeur:
        suivi.donnees = {}
    suivi.nir = numero.valeur
    suivi.garder("creation", valeurs)
    suivi.atteindre("identite")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.identite"))


# Screen 5 ------------------------------------------------------------------------------------

def _page_identite(suivi: Parcours, erreurs: dict[str, str], valeurs: dict[str, str],
                   statut: int = 200) -> tuple[str, int]:
    personne = _assure_du_parcours(suivi)
    return render_template(
        "compte/identite.html",
        erreurs=erreurs,
        valeurs=valeurs,
        prefixe_iban=iban.prefixe_affiche(personne["iban"]),
        prefixe_vitale=vitale.prefixe_vitale(personne["numero_serie_vitale"]),
        bloque=registre.identite_bloquee(suivi.nir or ""),
    ), statut


@bp.route("/identite", methods=["GET", "POST"], endpoint="identite")
def identite_() -> Page:
    """Screen 5: confirm identity with the IBAN's and the Vitale serial's last digits."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "identite")) is not None:
        return detour
    assert suivi is not None
    assert suivi.nir is not None
    if request.method == "GET":
        return _page_identite(suivi, {}, suivi.brouillon("identite"))
    valeurs = champs("iban7", "vitale11")
    valeurs = {k: v.replace(" ", "").upper() for k, v in valeurs.items()}
    if action() == "retour":
        suivi.garder("identite", valeurs)
        parcours.enregistrer(suivi)
        return redirect(url_for("compte.creation"))
    if registre.identite_bloquee(suivi.nir):
        return _page_identite(suivi, {}, valeurs, 423)
    erreurs = trop_longs(valeurs)
    if not valeurs["iban7"]:
        erreurs["iban7"] = "Saisissez les 7 derniers chiffres de votre IBAN."
    elif not (len(valeurs["iban7"]) == 7 and valeurs["iban7"].isascii()
              and valeurs["iban7"].isalnum()):
        erreurs["iban7"] = "Saisissez exactement les 7 derniers caractères de votre IBAN."
    if not valeurs["vitale11"]:
        erreurs["vitale11"] = ("Saisissez les 11 derniers chiffres du numéro de série de votre "
                               "carte Vitale.")
    elif len(valeurs["vitale11"]) != 11 or not (valeurs["vitale11"].isdigit()
                                                and valeurs["vitale11"].isascii()):
        erreurs["vitale11"] = ("Le numéro de série de la carte Vitale se termine par "
                               "11 chiffres.")
    if erreurs:
        return _page_identite(suivi, erreurs, valeurs, 422)
    personne = _assure_du_parcours(suivi)
    if (valeurs["iban7"] != iban.sept_derniers(personne["iban"])
            or valeurs["vitale11"] != vitale.onze_derniers(personne["numero_serie_vitale"])):
        echecs = registre.compter_echec_identite(suivi.nir)
        restants = registre.ESSAIS_IDENTITE - echecs
        if restants > 0:
            erreurs["formulaire"] = (
                "Les informations saisies ne correspondent pas à celles de votre dossier. "
                f"Il vous reste {restants} essai{'s' if restants > 1 else ''}."
            )
        return _page_identite(suivi, erreurs, {}, 422 if restants > 0 else 423)
    suivi.garder("identite", {})
    suivi.atteindre("conditions")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.conditions"))


@bp.route("/code-provisoire", methods=["GET", "POST"])
def code_provisoire() -> Page:
    """"Je ne dispose pas du numéro de série de ma carte Vitale": a code sent by post."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "identite")) is not None:
        return detour
    assert suivi is not None
    personne = _assure_du_parcours(suivi)
    if request.method == "GET":
        return render_template("compte/code_provisoire.html", envoye=False, assure=personne)
    courrier.enregistrer_courrier(
        personne["nir"],
        "Votre code provisoire pour le compte ameli",
        render_template("messagerie/courrier_code_provisoire.txt", assure=personne,
                        code=_code_provisoire()),
    )
    parcours.terminer()
    return render_template("compte/code_provisoire.html", envoye=True, assure=personne)


# Screen 6 ------------------------------------------------------------------------------------

@bp.route("/conditions", methods=["GET", "POST"])
def conditions() -> Page:
    """Screen 6: accept the terms of use ("Oui, j'accepte" / "Non, je refuse")."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "conditions")) is not None:
        return detour
    assert suivi is not None
    if request.method == "GET":
        return render_template("compte/conditions.html", erreurs={},
                               valeurs=suivi.brouillon("conditions"))
    if action() == "annuler":
        parcours.terminer()
        return redirect(url_for("compte.portail"))
    choix = champs("conditions")["conditions"]
    if choix == "non":
        parcours.terminer()
        return render_template("compte/refus.html")
    if choix != "oui":
        return render_template(
            "compte/conditions.html",
            erreurs={"conditions": "Vous devez indiquer si vous acceptez les conditions "
                                   "d'utilisation pour continuer."},
            valeurs={},
        ), 422
    suivi.garder("conditions", {"conditions": "oui"})
    suivi.atteindre("code")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.code"))


# Screen 7 ------------------------------------------------------------------------------------

@bp.route("/code", methods=["GET", "POST"])
def code() -> Page:
    """Screen 7: choose the personal code (8 to 13 digits, twice)."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "code")) is not None:
        return detour
    assert suivi is not None
    if request.method == "GET":
        return render_template("compte/code.html", erreurs={})
    if action() == "retour":
        return redirect(url_for("compte.conditions"))
    valeurs = champs("code", "confirmation")
    personne = _assure_du_parcours(suivi)
    erreurs = trop_longs(valeurs) or code_personnel.erreurs_code_personnel(
        valeurs["code"], valeurs["confirmation"], date.fromisoformat(personne["date_naissance"])
    )
    if erreurs:
        return render_template("compte/code.html", erreurs=erreurs), 422
    # Only a salted hash of the code is ever stored.
    suivi.garder("code", {"empreinte": _hacher(valeurs["code"])})
    suivi.atteindre("coordonnees")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.coordonnees"))


# Screen 8 ------------------------------------------------------------------------------------

@bp.route("/coordonnees", methods=["GET", "POST"])
def coordonnees() -> Page:
    """Screen 8: email (twice), phones and contact consents (all "Non" by default)."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "coordonnees")) is not None:
        return detour
    assert suivi is not None
    assert suivi.nir is not None
    if request.method == "GET":
        return render_template("compte/coordonnees.html", erreurs={},
                               valeurs=suivi.brouillon("coordonnees"))
    valeurs = champs("email", "email_confirmation", "portable", "fixe", *CONSENTEMENTS)
    for consentement in CONSENTEMENTS:
        if valeurs[consentement] != "oui":
            valeurs[consentement] = "non"
    if action() == "retour":
        suivi.garder("coordonnees", valeurs)
        parcours.enregistrer(suivi)
        return redirect(url_for("compte.code"))
    erreurs = trop_longs(valeurs)
    erreurs.update({("email" if k == "email" else "email_confirmation"): v for k, v in
                    contact.erreurs_email(valeurs["email"],
                                          valeurs["email_confirmation"]).items()})
    for telephone in ("portable", "fixe"):
        if (message := contact.erreur_telephone(valeurs[telephone], telephone)) is not None:
            erreurs[telephone] = message
    if erreurs:
        return render_template("compte/coordonnees.html", erreurs=erreurs, valeurs=valeurs), 422
    empreinte = suivi.brouillon("code").get("empreinte")
    if not empreinte:
        abort(400)
    coordonnees_saisies = {
        "portable": contact.normaliser_telephone(valeurs["portable"]),
        "fixe": contact.normaliser_telephone(valeurs["fixe"]),
        "consentements": {c: valeurs[c] == "oui" for c in CONSENTEMENTS},
    }
    if not registre.creer_compte(suivi.nir, empreinte, valeurs["email"], coordonnees_saisies):
        parcours.terminer()
        return render_template("compte/creation.html", valeurs={}, compte_existant=True,
                               erreurs={"formulaire": COMPTE_EXISTANT}), 409
    courrier.envoyer_lien_validation(suivi.nir, valeurs["email"])
    suivi.garder("coordonnees", {"email": valeurs["email"]})
    suivi.atteindre("confirmation")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.confirmation"))


# Screen 9 ------------------------------------------------------------------------------------

@bp.get("/confirmation")
def confirmation() -> Page:
    """Screen 9: the account is created; an email with a 7-day link was sent."""
    suivi = parcours.courant()
    if (detour := _vers_etape(suivi, "confirmation")) is not None:
        return detour
    assert suivi is not None
    return render_template("compte/confirmation.html",
                           email=suivi.brouillon("coordonnees").get("email", ""))


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
    """"les conditions d'utilisation détaillées" linked from screen 6."""
    return render_template("compte/conditions_detaillees.html")
