"""How the mock reads what a form sends, the home's postal code and caisse, and the mailbox.

A field is read stripped, without control characters, and bounded: a value longer than any
field accepts is refused with a French message, never a 500. An unknown button counts as
« Continuer ». The home (screen 1) proposes, remembers and forgets a caisse (SPEC, screen 1);
the mailbox shows what was sent to an address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient

from mock_site import courrier
from mock_site.tests.lecture import lire
from mock_site.tests.libelles import ACCUEIL, COMMUN, DIALOGUE_CAISSE, MESSAGERIE, PORTAIL
from mock_site.tests.parcours import (
    champs_creation,
    creer_compte,
    creer_personne,
    poster,
    se_connecter,
)

TROP_LONG = COMMUN.trop_long
UN_AN = 365 * 24 * 3600


def _alerte(reponse: object) -> list[tuple[str, str]]:
    return lire(reponse.get_data(as_text=True)).annonces  # type: ignore[attr-defined]


def test_lit_un_champ_sans_ses_espaces_ni_ses_caracteres_de_controle(
    client: FlaskClient,
) -> None:
    """A name typed with spaces around it and a control character inside still matches."""
    personne = creer_personne(client)
    champs = champs_creation(personne)
    nom = str(personne["nom"])
    champs["nom"] = f"  {nom[:1]}\x07{nom[1:]}\t "
    reponse = poster(client, "/compte/creation", champs)
    assert reponse.status_code == 302
    assert urlsplit(reponse.location).path == "/compte/identite"


def test_refuse_une_valeur_plus_longue_qu_aucun_champ(client: FlaskClient) -> None:
    """254 characters is the longest any field takes; 255 are refused, in French."""
    personne = creer_personne(client)
    au_plus = se_connecter(client, "1" * 254, "12345678")
    assert _alerte(au_plus) == [("alert", PORTAIL.connexion_refusee)]
    trop = se_connecter(client, "1" * 255, "12345678")
    assert trop.status_code == 422
    assert _alerte(trop) == [("alert", f"{COMMUN.resume_erreurs_pour(1)} {TROP_LONG}")]
    champs = {**champs_creation(personne), "nom": "A" * 10_000}
    reponse = poster(client, "/compte/creation", champs)
    assert reponse.status_code == 422
    assert _alerte(reponse) == [("alert", f"{COMMUN.resume_erreurs_pour(1)} {TROP_LONG}")]


def test_un_bouton_inconnu_compte_comme_continuer(client: FlaskClient) -> None:
    personne = creer_personne(client)
    champs = {**champs_creation(personne), "action": "autre-chose"}
    reponse = poster(client, "/compte/creation", champs)
    assert urlsplit(reponse.location).path == "/compte/identite"


def test_propose_la_caisse_du_code_postal_saisi_avec_ses_espaces(client: FlaskClient) -> None:
    """« 75001 » typed with spaces around it: the dialog proposes the CPAM de Paris."""
    lue = lire(client.get("/", query_string={"code_postal": " 75001 "}).get_data(as_text=True))
    assert DIALOGUE_CAISSE.proposition_pour("CPAM de Paris (75)") in lue.blocs
    champ = next(e for e in lue.elements if e.attributs.get("id") == "code_postal")
    assert champ.attributs["value"] == "75001"


def test_dit_pourquoi_un_code_postal_est_refuse(client: FlaskClient) -> None:
    """A malformed code: the message of screen 1, tied to the field, no dialog."""
    reponse = client.get("/", query_string={"code_postal": "750"})
    lue = lire(reponse.get_data(as_text=True))
    assert lue.annonces[:1] == [
        ("alert", f"{COMMUN.resume_erreurs_pour(1)} {ACCUEIL.code_postal_mal_forme}")
    ]
    assert not [e for e in lue.elements if e.tag == "dialog"]
    champ = next(e for e in lue.elements if e.attributs.get("id") == "code_postal")
    assert champ.attributs.get("aria-invalid") == "true"


def test_ce_n_est_pas_ma_caisse_ne_propose_plus_rien(client: FlaskClient) -> None:
    """« Ce n'est pas ma caisse »: the home again, no dialog, the field ready for another code."""
    lue = lire(client.get("/", query_string={"autre": "1"}).get_data(as_text=True))
    assert not [e for e in lue.elements if e.tag == "dialog"]
    champ = next(e for e in lue.elements if e.attributs.get("id") == "code_postal")
    assert "autofocus" in champ.attributs
    sans = lire(client.get("/").get_data(as_text=True))
    champ = next(e for e in sans.elements if e.attributs.get("id") == "code_postal")
    assert "autofocus" not in champ.attributs


def test_memorise_la_caisse_confirmee_un_an(client: FlaskClient) -> None:
    """« Confirmer » keeps the département a year, in a cookie scripts cannot read."""
    reponse = client.post("/caisse", data={"code_postal": " 75001 "})
    assert urlsplit(reponse.location).path == "/"
    cookie = reponse.headers["Set-Cookie"]
    assert cookie.startswith("caisse=75;")
    attributs = {a.strip().split("=")[0].lower(): a.strip() for a in cookie.split(";")[1:]}
    assert attributs["max-age"] == f"Max-Age={UN_AN}"
    assert "httponly" in attributs
    assert attributs["samesite"] == "SameSite=Lax"
    assert (
        ACCUEIL.caisse_choisie_pour("CPAM de Paris (75)")
        in lire(client.get("/").get_data(as_text=True)).blocs
    )


def test_reproposer_un_code_postal_invalide_a_la_confirmation(client: FlaskClient) -> None:
    """A forged « Confirmer » with a bad code: back to the home with that code, no cookie."""
    reponse = client.post("/caisse", data={"code_postal": "00000"})
    assert reponse.status_code == 302
    assert "Set-Cookie" not in reponse.headers
    parties = urlsplit(reponse.location)
    assert (parties.path, parties.query) == ("/", "code_postal=00000")


def test_lit_la_caisse_memorisee_par_son_departement(client: FlaskClient) -> None:
    """The cookie holds a département (75, 2A, 971): only its first three characters are read."""
    client.set_cookie("caisse", "971")
    assert (
        ACCUEIL.caisse_choisie_pour("CGSS de la Guadeloupe (971)")
        in lire(client.get("/").get_data(as_text=True)).blocs
    )
    client.set_cookie("caisse", "9712")
    lue = lire(client.get("/").get_data(as_text=True))
    assert [b for b in lue.blocs if b.startswith(ACCUEIL.caisse_choisie)] == [
        ACCUEIL.caisse_choisie_pour("CGSS de la Guadeloupe (971)")
    ]


def test_montre_dans_la_boite_les_messages_recus_a_une_adresse(client: FlaskClient) -> None:
    """The mailbox lists the email sent at screen 8; its page shows it; a wrong id is 404."""
    email = "boite@exemple.fr"
    creer_compte(client, creer_personne(client), email)
    boite = client.get("/messagerie", query_string={"to": f"  {email}  "}).get_data(as_text=True)
    lue = lire(boite)
    champ = next(e for e in lue.elements if e.attributs.get("id") == "to")
    assert champ.attributs["value"] == email
    liens = [
        e
        for e in lue.elements
        if e.tag == "a" and re.fullmatch(r"/messagerie/\d+", e.attributs.get("href", ""))
    ]
    assert [e.texte for e in liens] == [MESSAGERIE.sujet_validation]
    message = client.get(liens[0].attributs["href"])
    assert message.status_code == 200
    assert f"{MESSAGERIE.expediteur}{email}" in (lire(message.get_data(as_text=True)).blocs)
    assert client.get("/messagerie/999999").status_code == 404
    assert client.get(f"/messagerie/{2**63}").status_code == 404


def test_ouvre_la_boite_sans_adresse_et_borne_l_adresse_a_254_caracteres(
    client: FlaskClient,
) -> None:
    """No address: an empty form, nothing announced. An address is read up to 254 characters,
    the longest an email address can be (RFC 5321)."""
    vide = lire(client.get("/messagerie").get_data(as_text=True))
    assert next(e for e in vide.elements if e.attributs.get("id") == "to").attributs["value"] == ""
    assert vide.annonces == []
    longue = "a" * 300 + "@exemple.fr"
    lue = lire(client.get("/messagerie", query_string={"to": longue}).get_data(as_text=True))
    valeur = next(e for e in lue.elements if e.attributs.get("id") == "to").attributs["value"]
    assert valeur == longue[:254]


def test_montre_un_message_quel_que_soit_son_rang(app: Flask, client: FlaskClient) -> None:
    """A mailbox holding more than a hundred messages still opens the newest one."""
    personne = creer_personne(client)
    email = "beaucoup@exemple.fr"
    with app.test_request_context():
        for _ in range(130):
            courrier.envoyer_lien_validation(personne["nir"], email)
    boite = lire(client.get("/messagerie", query_string={"to": email}).get_data(as_text=True))
    liens = [
        e.attributs["href"]
        for e in boite.elements
        if e.tag == "a" and re.fullmatch(r"/messagerie/\d+", e.attributs.get("href", ""))
    ]
    assert len(liens) == 130
    dernier = max(liens, key=lambda lien: int(lien.rsplit("/", 1)[1]))
    assert int(dernier.rsplit("/", 1)[1]) >= 130
    assert client.get(dernier).status_code == 200


def test_ouvre_l_accueil_avec_un_code_postal_vide(client: FlaskClient) -> None:
    """The first visit: the postal code field is empty, nothing proposed, nothing announced."""
    lue = lire(client.get("/").get_data(as_text=True))
    champ = next(e for e in lue.elements if e.attributs.get("id") == "code_postal")
    assert champ.attributs["value"] == ""
    assert not [e for e in lue.elements if e.tag == "dialog"]
    assert [role for role, _ in lue.annonces] == ["tooltip", "tooltip", "tooltip"]


def test_une_confirmation_sans_code_postal_revient_a_l_accueil_sans_code(
    client: FlaskClient,
) -> None:
    reponse = client.post("/caisse", data={})
    assert "Set-Cookie" not in reponse.headers
    parties = urlsplit(reponse.location)
    assert (parties.path, parties.query) == ("/", "code_postal=")
