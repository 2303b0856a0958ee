"""FranceConnect, both sides: ameli's "S'identifier avec FranceConnect" and the mock provider.

`bp` is ameli's side (screen 4's button, the return from FranceConnect, "Qu'est-ce que
FranceConnect ?"). `fournisseur` is the mock FranceConnect: the provider choice, the provider's
login, the consent screen, and the OpenID Connect endpoints (token, userinfo, JWKS, discovery).
Both live under `/franceconnect`; ameli reaches the provider only through its URLs, so the
provider can as well run in another process (`FRANCECONNECT_URL`).
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from authlib.oauth2 import OAuth2Error
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response

from mock_site import parcours, registre, security
from mock_site.franceconnect import client, controles, identites, provider, rapprochement, reglages
from mock_site.franceconnect.identites import Identite
from mock_site.rules import eligibilite, nir
from mock_site.views import compte
from mock_site.views.formulaires import champs, trop_longs

Page = str | Response | tuple[str, int]

# ameli.fr ------------------------------------------------------------------------------------

bp = Blueprint("franceconnect", __name__, url_prefix="/franceconnect")

CATEGORIE_MESSAGE = "franceconnect"
CATEGORIE_COMPTE_EXISTANT = "compte_existant"
MESSAGE_IDENTITE_INCONNUE = (
    "L'identité transmise par FranceConnect ne correspond à aucun assuré de l'Assurance "
    "Maladie. Créez votre compte en remplissant le formulaire ci-dessous avec votre numéro de "
    "sécurité sociale."
)
MESSAGE_COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."


def _origine(url: str) -> str:
    parties = urlsplit(url)
    return f"{parties.scheme}://{parties.netloc}"


def csp_formulaires_vers(url: str) -> str:
    """The site's CSP, with forms also allowed to lead to another site's origin.

    Browsers apply `form-action` to the redirections that follow a form, so a form whose
    answer redirects to FranceConnect (or back to ameli) elsewhere needs that origin listed.
    """
    origine = _origine(url)
    if origine == _origine(request.url_root):
        return security.CONTENT_SECURITY_POLICY
    return security.CONTENT_SECURITY_POLICY.replace(
        "form-action 'self'", f"form-action 'self' {origine}"
    )


@bp.after_app_request
def _formulaires_vers_franceconnect(reponse: Response) -> Response:
    """Let ameli's forms lead to FranceConnect when it runs elsewhere (`FRANCECONNECT_URL`)."""
    ailleurs = current_app.config.get("FRANCECONNECT_URL")
    if ailleurs and reponse.mimetype == "text/html":
        reponse.headers.setdefault("Content-Security-Policy", csp_formulaires_vers(ailleurs))
    return reponse


def _vers_le_formulaire(message: str, categorie: str = CATEGORIE_MESSAGE) -> Response:
    """Back to screen 4, which shows the message in its error summary."""
    flash(message, categorie)
    return redirect(url_for("compte.creation"))


@bp.get("/qu-est-ce-que-franceconnect")
def explication() -> str:
    """ "Qu'est-ce que FranceConnect ?": the explanation page."""
    return render_template(
        "franceconnect/explication.html",
        donnees=list(identites.DONNEES.values()),
        fournisseurs=list(identites.FOURNISSEURS.values()),
    )


@bp.post("/connexion")
def connexion() -> Response:
    """ "S'identifier avec FranceConnect": off to FranceConnect's authorization endpoint."""
    try:
        adresse = client.commencer_connexion(url_for(".retour", _external=True))
    except client.EchecFranceConnect as echec:
        current_app.logger.warning("FranceConnect : %s", echec.detail)
        return _vers_le_formulaire(echec.message)
    return redirect(adresse)


MESSAGE_IDENTITE_AMBIGUE = (
    "L'identité transmise par FranceConnect correspond à plusieurs assurés : ameli.fr ne peut "
    "pas savoir lequel vous êtes. Créez votre compte en remplissant le formulaire ci-dessous "
    "avec votre numéro de sécurité sociale."
)
MESSAGE_DECONNEXION = "Vous êtes déconnecté de votre compte ameli et de FranceConnect."
MESSAGE_DECONNEXION_INCERTAINE = (
    "Vous êtes déconnecté de votre compte ameli. FranceConnect n'a pas confirmé la fin de "
    "votre session : fermez votre navigateur si vous utilisez un ordinateur partagé."
)
# What ameli keeps of a FranceConnect login, for the logout through FranceConnect.
CLE_SESSION_FC = "franceconnect_session"


@bp.get("/retour")
def retour() -> Page:
    """The return from FranceConnect: identity checked, then straight to the terms (screen 6).

    A person whose account is already active is logged in to their space instead.
    """
    try:
        identite, session_fc = client.terminer_connexion(request.args)
    except client.EchecFranceConnect as echec:
        current_app.logger.warning("FranceConnect : %s", echec.detail)
        return _vers_le_formulaire(echec.message)
    trouve = rapprochement.assure_de_l_identite(identite)
    personne = trouve.personne
    try:
        numero = nir.lire_nir(personne["nir"]) if personne is not None else None
    except nir.NirInvalide:
        numero = None
    if personne is None or numero is None:
        return _vers_le_formulaire(
            MESSAGE_IDENTITE_AMBIGUE if trouve.motif == "ambigue" else MESSAGE_IDENTITE_INCONNUE
        )
    # The same rules as screen 4. An identity established by FranceConnect needs no IBAN or
    # Vitale check, so screen 5 (and its lock after three failures) is skipped.
    if (motif := eligibilite.motif_ineligibilite(personne["regime"], numero)) is not None:
        message = eligibilite.message_ineligibilite(motif, personne["regime"])
        return render_template("compte/ineligible.html", message=message), 403
    compte_existant = registre.compte(numero.valeur)
    if compte_existant is not None and compte_existant.actif:
        session[compte.CLE_CONNEXION] = numero.valeur
        session[CLE_SESSION_FC] = session_fc
        return redirect(url_for("compte.espace"))
    if compte_existant is not None:
        return _vers_le_formulaire(MESSAGE_COMPTE_EXISTANT, CATEGORIE_COMPTE_EXISTANT)
    suivi = parcours.courant_ou_nouveau()
    if suivi.nir != numero.valeur:
        suivi.donnees = {}
    suivi.nir = numero.valeur
    suivi.garder(
        "creation",
        {
            "nom": personne["nom"],
            "nir": numero.valeur,
            "date_naissance": "/".join(reversed(personne["date_naissance"].split("-"))),
            "code_postal": personne["code_postal"],
        },
    )
    suivi.garder("franceconnect", {"sub": str(identite.get("sub", ""))})
    suivi.atteindre("conditions")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.conditions"))


@bp.post("/deconnexion")
def deconnexion() -> Response:
    """« Me déconnecter » after a FranceConnect login: ameli, then FranceConnect's session/end."""
    session.pop(compte.CLE_CONNEXION, None)
    session_fc = session.pop(CLE_SESSION_FC, None)
    adresse = (
        client.commencer_deconnexion(session_fc, url_for(".retour_deconnexion", _external=True))
        if isinstance(session_fc, dict)
        else None
    )
    if adresse is None:
        return redirect(url_for("compte.portail"))
    return redirect(adresse)


@bp.get("/deconnexion/retour")
def retour_deconnexion() -> str:
    """Back from FranceConnect's session/end: the state must be the one sent."""
    if client.terminer_deconnexion(request.args):
        message = MESSAGE_DECONNEXION
    else:
        current_app.logger.warning("FranceConnect : retour de déconnexion sans le bon state")
        message = MESSAGE_DECONNEXION_INCERTAINE
    return render_template("franceconnect/deconnecte.html", message=message)


# The mock FranceConnect ----------------------------------------------------------------------

fournisseur = Blueprint("fournisseur_fc", __name__, url_prefix=reglages.PREFIXE)
API = reglages.PREFIXE_API


@fournisseur.record_once
def _initialiser(etat: BlueprintSetupState) -> None:
    """Give the application its authorization server when the blueprint is registered."""
    provider.init_app(cast(Flask, etat.app))


CLE_DEMANDE = "fc_demande"
CLE_UTILISATEUR = "fc_utilisateur"
CLE_FOURNISSEUR = "fc_fournisseur"
AUCUNE_DEMANDE = (
    "Aucune demande de connexion n'est en cours. Retournez sur le site du service et cliquez "
    "à nouveau sur « S’identifier avec FranceConnect »."
)
IDENTIFIANTS_INCORRECTS = "Identifiant ou mot de passe incorrect."


def _page_erreur(erreur: controles.PageErreur) -> tuple[str, int]:
    """FranceConnect's error page: its code and message, no link back to the service."""
    return render_template(
        "franceconnect/erreur.html", code=erreur.code, message=erreur.message
    ), erreur.statut


def _erreur_fc(message: str, statut: int = 400) -> tuple[str, int]:
    return render_template("franceconnect/erreur.html", code="", message=message), statut


def _oublier_demande() -> None:
    for cle in (CLE_DEMANDE, CLE_UTILISATEUR, CLE_FOURNISSEUR):
        session.pop(cle, None)


def _avec_emetteur(reponse: Response) -> Response:
    """FranceConnect names itself (`iss`, RFC 9207) in every answer to the redirect URI."""
    if reponse.location and "iss=" not in reponse.location:
        reponse.location += ("&" if "?" in reponse.location else "?") + urlencode(
            {"iss": reglages.emetteur()}
        )
    return reponse


def _reponse_erreur(erreur: OAuth2Error) -> Page:
    """An error the service must hear of (sent to its redirect URI), else an error page."""
    _oublier_demande()
    if erreur.redirect_uri:
        reponse: Response = provider.serveur().handle_error_response(None, erreur)
        return _avec_emetteur(reponse)
    current_app.logger.warning("FranceConnect : demande refusée (%s)", erreur.error)
    return _page_erreur(controles.ERREUR_PARAMETRES)


def _demande_en_cours() -> dict[str, str] | None:
    parametres = session.get(CLE_DEMANDE)
    return parametres if isinstance(parametres, dict) else None


def _utilisateur_connecte() -> Identite | None:
    identifiant = session.get(CLE_UTILISATEUR)
    return identites.identite(identifiant) if isinstance(identifiant, str) else None


def _contexte() -> dict[str, Any]:
    parametres = _demande_en_cours() or {}
    service = provider.client_par_id(parametres.get("client_id"))
    return {"service": service.nom if service else ""}


@fournisseur.get(API + "/authorize")
def autoriser() -> Page:
    """The authorization endpoint: FranceConnect's checks, then the choice of a provider."""
    arguments = request.args.to_dict()
    verdict = controles.controler_autorisation(arguments, provider.redirect_uris_du_client)
    if isinstance(verdict, controles.PageErreur):
        current_app.logger.warning("FranceConnect : %s (%s)", verdict.code, verdict.message)
        return _page_erreur(verdict)
    if isinstance(verdict, controles.RedirectionErreur):
        retour = {"error": verdict.error, "error_description": verdict.description}
        if "state" in arguments:
            retour["state"] = arguments["state"]
        return redirect(
            provider.url_de_retour(arguments["redirect_uri"], retour, fragment=verdict.fragment),
            303,
        )
    parametres = provider.parametres_a_garder(arguments)
    if parametres is None:
        return _page_erreur(controles.ERREUR_PARAMETRES)
    try:
        provider.serveur().get_consent_grant(end_user=None)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    _oublier_demande()
    session[CLE_DEMANDE] = parametres
    return render_template(
        "franceconnect/choix.html", fournisseurs=identites.FOURNISSEURS, **_contexte()
    )


@fournisseur.route("/fournisseur/<code>", methods=["GET", "POST"])
def connexion_fournisseur(code: str) -> Page:
    """An identity provider's login screen (test credentials shown on it)."""
    nom = identites.FOURNISSEURS.get(code)
    if nom is None:
        abort(404)
    if _demande_en_cours() is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    contexte = {"fournisseur": nom, "code": code, **_contexte()}
    if request.method == "GET":
        return render_template("franceconnect/connexion.html", erreurs={}, valeurs={}, **contexte)
    valeurs = champs("identifiant", "mot_de_passe")
    erreurs = trop_longs(valeurs)
    if not valeurs["identifiant"]:
        erreurs.setdefault("identifiant", "Saisissez votre identifiant.")
    if not valeurs["mot_de_passe"]:
        erreurs.setdefault("mot_de_passe", "Saisissez votre mot de passe.")
    identite = (
        None if erreurs else identites.authentifier(valeurs["identifiant"], valeurs["mot_de_passe"])
    )
    if identite is None:
        if not erreurs:
            erreurs["formulaire"] = IDENTIFIANTS_INCORRECTS
        return render_template(
            "franceconnect/connexion.html",
            erreurs=erreurs,
            valeurs={"identifiant": valeurs["identifiant"]},
            **contexte,
        ), 422
    session[CLE_UTILISATEUR] = identite.identifiant
    session[CLE_FOURNISSEUR] = code
    return redirect(url_for(".consentement"))


@fournisseur.route("/consentement", methods=["GET", "POST"])
def consentement() -> Page:
    """The data sent to the service; "Continuer" issues the code, "Refuser" says no."""
    parametres = _demande_en_cours()
    if parametres is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    identite = _utilisateur_connecte()
    if identite is None:
        return redirect(f"{url_for('.autoriser')}?{urlencode(parametres)}")
    serveur = provider.serveur()
    demande = provider.demande_enregistree(parametres, request.url)
    try:
        grant = serveur.get_consent_grant(request=demande, end_user=identite)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    if request.method == "GET":
        code_fournisseur = str(session.get(CLE_FOURNISSEUR, ""))
        page = render_template(
            "franceconnect/consentement.html",
            identite=identite,
            donnees=identite.donnees_affichees(demande.scope),
            fournisseur=identites.FOURNISSEURS.get(code_fournisseur, ""),
            **_contexte(),
        )
        # The consent form's answer redirects to the service, wherever it runs.
        return Response(
            page,
            mimetype="text/html",
            headers={"Content-Security-Policy": csp_formulaires_vers(grant.redirect_uri)},
        )
    accepte = request.form.get("decision") == "continuer"
    reponse: Response = serveur.create_authorization_response(
        request=demande, grant_user=identite if accepte else None, grant=grant
    )
    _oublier_demande()
    return _avec_emetteur(reponse)


@fournisseur.get("/annuler")
def annuler() -> Page:
    """ "Annuler": back to the service, which hears that the person left."""
    parametres = _demande_en_cours()
    if parametres is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    demande = provider.demande_enregistree(parametres, request.url)
    try:
        grant = provider.serveur().get_consent_grant(request=demande)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    _oublier_demande()
    retour = {"error": "access_denied", "error_description": client.DESCRIPTION_ANNULATION}
    if "state" in parametres:
        retour["state"] = parametres["state"]
    return redirect(provider.url_de_retour(grant.redirect_uri, retour))


@fournisseur.post(API + "/token")
def jeton() -> Response:
    """The token endpoint (back channel): a code for an access token and an id_token."""
    reponse: Response = provider.serveur().create_token_response()
    corps = reponse.get_json(silent=True)
    if isinstance(corps, dict) and corps.get("error") == "invalid_client":
        # FranceConnect's words for a wrong secret (api-token.feature).
        refus = jsonify(error="invalid_client", error_description="client authentication failed")
        refus.status_code = 401
        return refus
    return reponse


@fournisseur.route(API + "/userinfo", methods=["GET", "POST"])
def infos_utilisateur() -> Response:
    """The userinfo endpoint (back channel): the identity as a signed JWT."""
    reponse: Response = provider.serveur().create_endpoint_response("userinfo")
    return reponse


@fournisseur.get(API + "/jwks")
def cles() -> Response:
    """The public keys that verify the id_tokens and userinfo answers."""
    return jsonify(provider.jwks())


@fournisseur.get(API + "/.well-known/openid-configuration")
def decouverte() -> Response:
    """The discovery document."""
    return jsonify(provider.metadonnees())


@fournisseur.get(API + "/session/end")
def fin_de_session() -> Page:
    """RP-initiated logout: FranceConnect's session ends, the browser goes back with `state`."""
    verdict = provider.fin_de_session(request.args.to_dict())
    if isinstance(verdict, controles.PageErreur):
        return _page_erreur(verdict)
    _oublier_demande()
    return redirect(verdict)
