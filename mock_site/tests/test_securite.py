"""Security of the mock: CSRF, headers, session cookie, error pages, journey state, secrets.

Everything here goes through Flask's test client against an application with CSRF protection
on (`client_protege`), the way a browser or an attacker would reach it: no view is called
directly, so what is proven is what the HTTP interface does.
"""

from __future__ import annotations

import html
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.security import check_password_hash
from werkzeug.test import TestResponse

from mock_site import create_app
from mock_site.extensions import csrf
from mock_site.rules import code_personnel
from mock_site.tests.libelles import ERREURS, IDENTITE, PORTAIL, VALIDATION
from mock_site.tests.parcours import (
    CODE_CHOISI,
    activer_compte,
    champs_creation,
    champs_identite,
    creer_compte,
    creer_personne,
    instantane,
    jeton_csrf,
    jusqu_a_identite,
    lien_validation,
    poster,
    se_connecter,
)

pytestmark = pytest.mark.unit

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MESSAGE_CSRF = ERREURS.session_expiree
_RESUME_ERREURS = re.compile(r'<div class="resume-erreurs".*?</div>', re.S)


def _chemin_d_essai(regle: Rule) -> str:
    """A concrete path for a URL rule, its variables filled with harmless values."""
    return re.sub(
        r"<(?:int:)?[^>]+>", lambda m: "1" if m.group(0).startswith("<int:") else "x", regle.rule
    )


def _est_exemptee(app: Flask, regle: Rule) -> bool:
    """True for views that CSRF protection deliberately skips (the test-data API)."""
    vue = app.view_functions[regle.endpoint]
    blueprint = app.blueprints.get(regle.endpoint.rpartition(".")[0])
    return (
        blueprint in csrf._exempt_blueprints
        or f"{vue.__module__}.{vue.__name__}" in csrf._exempt_views
    )


def _formulaires_post(app: Flask) -> list[str]:
    """Every path that accepts POST and is not exempted from CSRF protection."""
    return sorted(
        _chemin_d_essai(regle)
        for regle in app.url_map.iter_rules()
        if "POST" in (regle.methods or ()) and not _est_exemptee(app, regle)
    )


def _page_francaise(reponse: TestResponse) -> str:
    page = reponse.get_data(as_text=True)
    assert reponse.mimetype == "text/html"
    assert '<html lang="fr">' in page
    return html.unescape(page)


def _resume_erreurs(reponse: TestResponse) -> str:
    """The text of a page's error summary, tags and whitespace removed."""
    trouve = _RESUME_ERREURS.search(reponse.get_data(as_text=True))
    assert trouve is not None, "la page n'a pas de résumé d'erreurs"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", trouve.group(0))).split())


# CSRF ----------------------------------------------------------------------------------------


def test_couvre_chaque_formulaire_du_tutoriel_par_le_csrf(app_protegee: Flask) -> None:
    """Every form endpoint of the journey is among the CSRF-protected POST paths."""
    proteges = set(_formulaires_post(app_protegee))
    assert {
        "/caisse",
        "/compte/connexion",
        "/compte/deconnexion",
        "/compte/creation",
        "/compte/identite",
        "/compte/code-provisoire",
        "/compte/conditions",
        "/compte/code",
        "/compte/coordonnees",
        "/compte/validation/nouveau-lien",
    } <= proteges


def test_exempte_du_csrf_seulement_le_canal_arriere_et_l_api_de_test(app_protegee: Flask) -> None:
    """Only calls no browser form makes skip CSRF: the test-data API, OIDC token and userinfo."""
    exemptes = {
        regle.rule
        for regle in app_protegee.url_map.iter_rules()
        if "POST" in (regle.methods or ()) and _est_exemptee(app_protegee, regle)
    }
    hors_api_de_test = {chemin for chemin in exemptes if not chemin.startswith("/_test/")}
    assert hors_api_de_test <= {"/franceconnect/api/v2/token", "/franceconnect/api/v2/userinfo"}


def test_refuse_chaque_formulaire_poste_sans_son_jeton_csrf(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """A POST without a token gets the French 400 page and changes nothing."""
    base = app_protegee.config["DATABASE"]
    personne = creer_personne(client_protege)
    avant = instantane(base)
    for chemin in _formulaires_post(app_protegee):
        reponse = client_protege.post(chemin, data=champs_creation(personne))
        assert reponse.status_code == 400, chemin
        assert MESSAGE_CSRF in _page_francaise(reponse), chemin
    assert instantane(base) == avant


def test_refuse_un_jeton_d_une_autre_session(
    client_protege: FlaskClient, app_protegee: Flask
) -> None:
    """A token stolen from someone else's session does not work in this one."""
    jeton_d_autrui = jeton_csrf(app_protegee.test_client())
    personne = creer_personne(client_protege)
    client_protege.get("/compte")
    reponse = client_protege.post(
        "/compte/creation", data={**champs_creation(personne), "csrf_token": jeton_d_autrui}
    )
    assert reponse.status_code == 400
    assert MESSAGE_CSRF in _page_francaise(reponse)


def test_accepte_un_formulaire_envoye_avec_son_jeton(client_protege: FlaskClient) -> None:
    """The same form with its token reaches the view (sanity check of the refusals above)."""
    reponse = poster(client_protege, "/compte/connexion", {"nir": "", "code": ""})
    assert reponse.status_code == 422
    assert PORTAIL.nir_manquant in _page_francaise(reponse)


# Headers -------------------------------------------------------------------------------------


def _chemins_get(app: Flask) -> list[str]:
    chemins = {
        _chemin_d_essai(regle)
        for regle in app.url_map.iter_rules()
        if "GET" in (regle.methods or ()) and regle.endpoint != "static"
    }
    return sorted(
        chemins
        | {
            "/?code_postal=75001",
            "/?code_postal=abc",
            "/nexiste-pas",
            "/static/css/ameli.css",
            "/static/js/ameli.js",
            "/messagerie?to=a@exemple.fr",
            "/_test/mails?to=a@exemple.fr",
        }
    )


def _directives_csp(entete: str) -> dict[str, list[str]]:
    return {
        nom: valeurs
        for nom, *valeurs in (
            directive.split() for directive in entete.split(";") if directive.strip()
        )
    }


def test_envoie_les_en_tetes_de_securite_sur_chaque_reponse(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """CSP without inline code, no sniffing, a referrer policy and no framing, everywhere."""
    for chemin in _chemins_get(app_protegee):
        reponse = client_protege.get(chemin)
        reponse.close()
        csp = _directives_csp(reponse.headers.get("Content-Security-Policy", ""))
        assert csp.get("default-src") == ["'self'"], chemin
        for directive in ("script-src", "style-src", "default-src"):
            assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(csp.get(directive, [])), chemin
        assert csp.get("frame-ancestors") == ["'none'"], chemin
        assert csp.get("object-src") == ["'none'"], chemin
        assert reponse.headers.get("X-Frame-Options") == "DENY", chemin
        assert reponse.headers.get("X-Content-Type-Options") == "nosniff", chemin
        assert reponse.headers.get("Referrer-Policy") in {
            "same-origin",
            "no-referrer",
            "strict-origin-when-cross-origin",
        }, chemin


def test_envoie_les_en_tetes_de_securite_sur_les_pages_d_erreur(
    client_protege: FlaskClient,
) -> None:
    """Error responses carry the same headers as pages."""
    for reponse in (
        client_protege.get("/nexiste-pas"),
        client_protege.post("/caisse"),
        client_protege.put("/compte"),
    ):
        assert "frame-ancestors 'none'" in reponse.headers["Content-Security-Policy"]
        assert reponse.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "gabarit",
    sorted(TEMPLATES.rglob("*.html")),
    ids=lambda chemin: str(chemin.relative_to(TEMPLATES)),
)
def test_refuse_scripts_et_styles_dans_les_gabarits(gabarit: Path) -> None:
    """No inline script, style block, style attribute or event handler (the CSP forbids them)."""
    texte = gabarit.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", texte, re.I)
    assert not re.search(r"<style\b", texte, re.I)
    assert not re.search(r"\sstyle\s*=", texte, re.I)
    assert not re.search(r"\son[a-z]+\s*=", texte, re.I)


# Session cookie ------------------------------------------------------------------------------


def _cookie_de_session(reponse: TestResponse) -> str:
    entetes = [
        valeur
        for valeur in reponse.headers.getlist("Set-Cookie")
        if valeur.startswith("ameli_session=")
    ]
    assert entetes, "pas de cookie de session"
    return entetes[-1]


def test_marque_le_cookie_de_session_httponly_et_samesite(client_protege: FlaskClient) -> None:
    """JavaScript cannot read the session cookie and other sites do not send it."""
    personne = creer_personne(client_protege)
    reponse = poster(client_protege, "/compte/creation", champs_creation(personne))
    entete = _cookie_de_session(reponse)
    assert "HttpOnly" in entete
    assert re.search(r"SameSite=(Lax|Strict)", entete)


def test_ignore_un_cookie_de_session_altere(client_protege: FlaskClient) -> None:
    """Changing one character of the signed cookie loses the journey."""
    personne = creer_personne(client_protege)
    jusqu_a_identite(client_protege, personne)
    assert client_protege.get("/compte/identite").status_code == 200
    cookie = client_protege.get_cookie("ameli_session")
    assert cookie is not None
    corps, signature = cookie.value.rsplit(".", 1)
    # The signature's last base64 character also holds padding bits: changing it may decode
    # to the same bytes and keep the cookie valid. Its first one is all signature.
    remplacement = "A" if signature[0] != "A" else "B"
    client_protege.set_cookie("ameli_session", f"{corps}.{remplacement}{signature[1:]}")
    reponse = client_protege.get("/compte/identite")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].endswith("/compte/creation")


def test_ignore_une_session_signee_avec_une_autre_cle(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """A cookie forged with any other key than the server's is ignored."""
    personne = creer_personne(client_protege)
    jusqu_a_identite(client_protege, personne)
    with client_protege.session_transaction() as session:
        contenu = dict(session)
    faussaire = create_app(
        {"MODE": "test", "DATABASE": app_protegee.config["DATABASE"], "SECRET_KEY": "une-autre-cle"}
    )
    serialiseur = faussaire.session_interface.get_signing_serializer(faussaire)  # type: ignore[attr-defined]
    assert serialiseur is not None
    client_protege.set_cookie("ameli_session", serialiseur.dumps(contenu))
    reponse = client_protege.get("/compte/identite")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].endswith("/compte/creation")


# Error pages ---------------------------------------------------------------------------------

SECRET_INTERNE = "détail-interne-7f3a"


def _erreur_interne() -> NoReturn:
    raise RuntimeError(SECRET_INTERNE)


def _refus(code: int) -> Callable[[], NoReturn]:
    def vue() -> NoReturn:
        abort(code)

    vue.__name__ = f"refus_{code}"
    return vue


@pytest.fixture
def app_avec_erreurs(app_protegee_a_part: Flask) -> Flask:
    """The protected application with test-only routes that fail on purpose."""
    app = app_protegee_a_part
    app.add_url_rule("/_essai/erreur-interne", view_func=_erreur_interne)
    for code in (400, 403):
        app.add_url_rule(f"/_essai/{code}", view_func=_refus(code))
    return app


@pytest.mark.parametrize(
    ("requete", "statut", "titre"),
    [
        (lambda c: c.get("/_essai/400"), 400, ERREURS.requete_invalide),
        (lambda c: c.post("/compte/creation", data={"nom": "x"}), 400, ERREURS.requete_invalide),
        (lambda c: c.get("/_essai/403"), 403, ERREURS.acces_refuse),
        (lambda c: c.get("/nexiste-pas"), 404, ERREURS.titre),
        (lambda c: c.get("/messagerie/999999"), 404, ERREURS.titre),
        (lambda c: c.get("/caisse"), 405, ERREURS.action_non_autorisee),
        (lambda c: c.delete("/compte/creation"), 405, ERREURS.action_non_autorisee),
        (
            lambda c: c.post("/compte/connexion", data={"code": "1" * 70_000}),
            413,
            ERREURS.trop_volumineux,
        ),
        (lambda c: c.get("/_essai/erreur-interne"), 500, ERREURS.indisponible),
    ],
    ids=["400", "400-csrf", "403", "404", "404-message", "405", "405-delete", "413", "500"],
)
def test_affiche_une_page_d_erreur_en_francais_sans_detail_interne(
    app_avec_erreurs: Flask,
    requete: Callable[[FlaskClient], TestResponse],
    statut: int,
    titre: str,
) -> None:
    """Each HTTP error has its French page; nothing of the code or the exception shows."""
    reponse = requete(app_avec_erreurs.test_client())
    assert reponse.status_code == statut
    page = _page_francaise(reponse)
    assert f'<h1 id="titre-erreur">{titre}</h1>' in page
    for fuite in (
        "Traceback",
        "RuntimeError",
        SECRET_INTERNE,
        "werkzeug",
        'File "',
        "Werkzeug Debugger",
        "mock_site",
    ):
        assert fuite not in page


# Test-data API off in production -----------------------------------------------------------


@pytest.fixture
def app_production(tmp_path: Path) -> Flask:
    """The mock in production mode."""
    return create_app(
        {"MODE": "production", "DATABASE": str(tmp_path / "mock.sqlite"), "SECRET_KEY": "test"}
    )


@pytest.mark.parametrize(
    ("methode", "chemin"),
    [
        ("POST", "/_test/assures"),
        ("GET", "/_test/mails?to=a@exemple.fr"),
        ("GET", "/_test/courriers?nir=1850575123456"),
        ("POST", "/_test/clock"),
        ("POST", "/_test/reset"),
        ("POST", "/_test/parcours"),
        ("GET", "/_test/"),
    ],
)
def test_repond_404_a_l_api_de_test_en_production(
    app_production: Flask, methode: str, chemin: str
) -> None:
    """In production mode `/_test/*` does not exist, whatever the method."""
    reponse = app_production.test_client().open(chemin, method=methode, json={"days": 30})
    assert reponse.status_code == 404


def test_choisit_la_production_quand_aucun_mode_n_est_donne(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `MOCK_MODE` the mock is in production mode: no test-data API."""
    monkeypatch.delenv("MOCK_MODE", raising=False)
    app = create_app({"DATABASE": str(tmp_path / "mock.sqlite"), "SECRET_KEY": "test"})
    assert app.config["MODE"] == "production"
    assert app.test_client().post("/_test/reset").status_code == 404


def test_refuse_un_mode_inconnu(tmp_path: Path) -> None:
    """A typo in the mode does not silently open the test-data API (nor fall back)."""
    with pytest.raises(ValueError, match="MOCK_MODE inconnu"):
        create_app({"MODE": "tset", "DATABASE": str(tmp_path / "mock.sqlite")})


# Journey state: no skipping, no replay ------------------------------------------------------


def _redirige_vers(reponse: TestResponse, chemin: str) -> bool:
    return reponse.status_code == 302 and reponse.headers["Location"].endswith(chemin)


def test_refuse_un_code_personnel_avant_l_ecran_5(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """Posting screen 7 without having passed screens 4 and 5 leads back to where one is."""
    base = app_protegee.config["DATABASE"]
    avant = instantane(base)
    code = {"code": CODE_CHOISI, "confirmation": CODE_CHOISI, "action": "continuer"}
    assert _redirige_vers(poster(client_protege, "/compte/code", code), "/compte/creation")
    personne = creer_personne(client_protege)
    jusqu_a_identite(client_protege, personne)
    assert _redirige_vers(poster(client_protege, "/compte/code", code), "/compte/identite")
    assert _redirige_vers(
        poster(
            client_protege,
            "/compte/coordonnees",
            {"email": "a@exemple.fr", "email_confirmation": "a@exemple.fr"},
        ),
        "/compte/identite",
    )
    assert _redirige_vers(client_protege.get("/compte/confirmation"), "/compte/identite")
    apres = instantane(base)
    assert apres["comptes"] == avant["comptes"] == []
    assert apres["mails"] == []


def test_refuse_de_sauter_les_conditions_apres_l_ecran_5(client_protege: FlaskClient) -> None:
    """Once screen 5 is passed, screens 7 and 8 still wait for the terms."""
    personne = creer_personne(client_protege)
    jusqu_a_identite(client_protege, personne)
    poster(client_protege, "/compte/identite", champs_identite(personne))
    reponse = poster(
        client_protege,
        "/compte/coordonnees",
        {"email": "a@exemple.fr", "email_confirmation": "a@exemple.fr"},
    )
    assert _redirige_vers(reponse, "/compte/conditions")


def test_refuse_un_second_compte_en_rejouant_l_ecran_8(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """Posting the last step again, with another address, creates nothing and sends nothing."""
    personne = creer_personne(client_protege)
    creer_compte(client_protege, personne, "premier@exemple.fr")
    reponse = poster(
        client_protege,
        "/compte/coordonnees",
        {"email": "second@exemple.fr", "email_confirmation": "second@exemple.fr"},
    )
    assert reponse.status_code == 409
    tables = instantane(app_protegee.config["DATABASE"])
    assert [ligne[2] for ligne in tables["comptes"]] == ["premier@exemple.fr"]
    assert client_protege.get("/_test/mails?to=second@exemple.fr").get_json() == []


def test_refuse_un_lien_de_validation_utilise_deux_fois(
    app_protegee: Flask, client_protege: FlaskClient
) -> None:
    """The email's link works once; replaying it says so and changes nothing."""
    personne = creer_personne(client_protege)
    creer_compte(client_protege, personne, "lien@exemple.fr")
    lien = lien_validation(client_protege, "lien@exemple.fr")
    assert client_protege.get(lien).status_code == 200
    avant = instantane(app_protegee.config["DATABASE"])
    rejoue = app_protegee.test_client().get(lien)
    assert rejoue.status_code == 410
    assert VALIDATION.titre_deja_utilise in rejoue.get_data(as_text=True)
    assert instantane(app_protegee.config["DATABASE"]) == avant


def test_refuse_un_lien_de_validation_invente_ou_expire(client_protege: FlaskClient) -> None:
    """Guessing a token fails; a real one stops working after 7 days."""
    personne = creer_personne(client_protege)
    creer_compte(client_protege, personne, "expire@exemple.fr")
    lien = lien_validation(client_protege, "expire@exemple.fr")
    jeton = lien.rsplit("/", 1)[1]
    assert len(jeton) >= 40
    assert client_protege.get(lien[:-1] + ("A" if lien[-1] != "A" else "B")).status_code == 404
    client_protege.post("/_test/clock", json={"days": 7})
    assert client_protege.get(lien).status_code == 410
    reponse = se_connecter(client_protege, personne["nir"], CODE_CHOISI)
    assert "pas encore activé" in reponse.get_data(as_text=True)


def test_envoie_un_jeton_different_a_chaque_fois(client_protege: FlaskClient) -> None:
    """Tokens are random: two accounts never get the same link."""
    jetons = set()
    for numero in range(2):
        personne = creer_personne(client_protege)
        client = client_protege.application.test_client()
        creer_compte(client, personne, f"jeton{numero}@exemple.fr")
        jetons.add(lien_validation(client, f"jeton{numero}@exemple.fr"))
    assert len(jetons) == 2


# Personal code stored only as a salted hash -------------------------------------------------


def _cellules_texte(base: str) -> list[str]:
    return [
        str(cellule)
        for lignes in instantane(base).values()
        for ligne in lignes
        for cellule in ligne
        if cellule is not None
    ]


def test_garde_le_code_personnel_seulement_en_empreinte_salee(app_protegee: Flask) -> None:
    """No table holds the code, at screen 8 or once the account exists; equal codes hash apart."""
    base = app_protegee.config["DATABASE"]
    code = "905318274663"
    clients = [app_protegee.test_client() for _ in range(2)]
    personnes = [creer_personne(client) for client in clients]
    jusqu_a_identite(clients[0], personnes[0])
    poster(clients[0], "/compte/identite", champs_identite(personnes[0]))
    poster(clients[0], "/compte/conditions", {"conditions": "oui"})
    poster(clients[0], "/compte/code", {"code": code, "confirmation": code})
    assert not [cellule for cellule in _cellules_texte(base) if code in cellule]

    for numero, personne in enumerate(personnes):
        creer_compte(app_protegee.test_client(), personne, f"hache{numero}@exemple.fr", code)
    assert not [cellule for cellule in _cellules_texte(base) if code in cellule]
    empreintes = [ligne[1] for ligne in instantane(base)["comptes"]]
    assert len(set(empreintes)) == 2
    for empreinte in empreintes:
        assert re.match(r"(scrypt|pbkdf2):", empreinte)
        assert check_password_hash(empreinte, code)


# Identity attempts counted on the server ----------------------------------------------------


def _mauvais_chiffres(personne: dict[str, Any]) -> dict[str, str]:
    champs = champs_identite(personne)
    dernier = champs["vitale11"][-1]
    champs["vitale11"] = champs["vitale11"][:-1] + ("1" if dernier != "1" else "2")
    return champs


def test_compte_les_essais_d_identite_quels_que_soient_les_cookies(app_protegee: Flask) -> None:
    """Two failures, then a fresh browser: the third failure still locks creation."""
    personne = creer_personne(app_protegee.test_client())
    premier = app_protegee.test_client()
    jusqu_a_identite(premier, personne)
    for restants in (IDENTITE.deux_essais, IDENTITE.un_essai):
        reponse = poster(premier, "/compte/identite", _mauvais_chiffres(personne))
        assert reponse.status_code == 422
        assert restants in reponse.get_data(as_text=True)

    neuf = app_protegee.test_client()
    jusqu_a_identite(neuf, personne)
    reponse = poster(neuf, "/compte/identite", _mauvais_chiffres(personne))
    assert reponse.status_code == 423
    assert IDENTITE.bloquee in reponse.get_data(as_text=True)

    encore = app_protegee.test_client()
    jusqu_a_identite(encore, personne)
    reponse = poster(encore, "/compte/identite", champs_identite(personne))
    assert reponse.status_code == 423
    assert _redirige_vers(encore.get("/compte/conditions"), "/compte/identite")


# No user enumeration -------------------------------------------------------------------------


def _autre_nir(nir: str) -> str:
    """The same NIR with another order number: well formed, same birth date, unknown."""
    ordre = int(nir[-3:]) % 998 + 1
    return f"{nir[:-3]}{ordre:03d}"


def test_repond_pareil_a_un_nir_inconnu_et_a_un_mauvais_nom(
    client_protege: FlaskClient,
) -> None:
    """Screen 4 does not tell whether a NIR is known: same status, same message."""
    personne = creer_personne(client_protege)
    inconnu = {**champs_creation(personne), "nir": _autre_nir(personne["nir"])}
    mauvais_nom = {**champs_creation(personne), "nom": personne["nom"] + "X"}
    mauvais_code_postal = {
        **champs_creation(personne),
        "code_postal": "75001" if personne["code_postal"] != "75001" else "13001",
    }
    reponses = [
        poster(client_protege, "/compte/creation", champs)
        for champs in (inconnu, mauvais_nom, mauvais_code_postal)
    ]
    assert {reponse.status_code for reponse in reponses} == {422}
    resumes = {_resume_erreurs(reponse) for reponse in reponses}
    assert len(resumes) == 1
    assert "ne permettent pas de vous identifier" in resumes.pop()


@pytest.fixture
def compte_actif(app_protegee: Flask) -> dict[str, Any]:
    """A person with an activated account (code `CODE_CHOISI`)."""
    client = app_protegee.test_client()
    personne = creer_personne(client)
    creer_compte(client, personne, "actif@exemple.fr")
    activer_compte(client, "actif@exemple.fr")
    return personne


def test_repond_pareil_a_un_nir_inconnu_et_a_un_mauvais_code(
    app_protegee: Flask,
    compte_actif: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Login: same status and message, and the hash is checked in both cases."""
    verifications: list[str] = []
    verifier = code_personnel.verifier_code

    def verifier_en_comptant(code: str, empreinte: str) -> bool:
        verifications.append(empreinte)
        return verifier(code, empreinte)

    monkeypatch.setattr(code_personnel, "verifier_code", verifier_en_comptant)
    client = app_protegee.test_client()
    inconnu = se_connecter(client, _autre_nir(compte_actif["nir"]), "905318274663")
    mauvais_code = se_connecter(client, compte_actif["nir"], "905318274663")
    assert inconnu.status_code == mauvais_code.status_code == 422
    assert _resume_erreurs(inconnu) == _resume_erreurs(mauvais_code)
    assert len(verifications) == 2
    assert all(re.match(r"(scrypt|pbkdf2):", empreinte) for empreinte in verifications)


@pytest.fixture
def app_hachage_production(app_protegee: Flask) -> Flask:
    """The protected mock hashing codes with production's parameters, before any account."""
    # Test mode's cheaper hash takes a few milliseconds, no more than the scheduling noise of
    # a busy machine: timings would then compare the noise, not the two paths.
    app_protegee.config["CODE_PERSONNEL_HACHAGE"] = code_personnel.HACHAGE_PAR_DEFAUT
    return app_protegee


def test_prend_un_temps_comparable_pour_un_nir_inconnu_et_un_mauvais_code(
    app_hachage_production: Flask,
    compte_actif: dict[str, Any],
) -> None:
    """The login's timing does not tell an unknown NIR from a wrong code (generous bound)."""
    app_protegee = app_hachage_production
    client = app_protegee.test_client()
    jeton = jeton_csrf(client)

    def duree(nir: str) -> float:
        debut = time.perf_counter()
        client.post(
            "/compte/connexion", data={"csrf_token": jeton, "nir": nir, "code": "905318274663"}
        )
        return time.perf_counter() - debut

    inconnu = statistics.median(duree(_autre_nir(compte_actif["nir"])) for _ in range(3))
    connu = statistics.median(duree(compte_actif["nir"]) for _ in range(3))
    assert max(inconnu, connu) / min(inconnu, connu) < 4, (inconnu, connu)


# The whole policy, directive by directive: everything from the mock's own origin (SPEC: "all
# assets served locally, no request leaves the machine"), images also inline (`data:`), no
# plugin, no framing, forms and <base> kept on the site.
POLITIQUE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def test_envoie_toute_la_politique_de_securite_et_ne_garde_pas_les_pages_en_cache(
    client_protege: FlaskClient,
) -> None:
    """Each directive of the CSP, the other headers exactly, and `no-store` on HTML pages
    (they show personal data) but not on the stylesheet or the JSON API."""
    for chemin, en_cache in (
        ("/", False),
        ("/static/css/ameli.css", True),
        ("/_test/mails?to=a@b.fr", True),
    ):
        reponse = client_protege.get(chemin)
        reponse.close()
        assert _directives_csp(reponse.headers["Content-Security-Policy"]) == POLITIQUE, chemin
        assert reponse.headers["X-Content-Type-Options"] == "nosniff"
        assert reponse.headers["Referrer-Policy"] == "same-origin"
        assert reponse.headers["X-Frame-Options"] == "DENY"
        # « Compte AMELI » opens the portal in a new tab (SPEC screen 3): popups keep working.
        assert reponse.headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
        cache = reponse.headers.get("Cache-Control", "")
        if en_cache:
            assert "no-store" not in cache, chemin
        else:
            assert cache == "no-store", chemin
