"""The pages' accessible structure, as the specification states it, read from the HTML.

Labels bound to their inputs, every `aria-*` reference pointing at an element that exists, the
current step marked `aria-current="step"`, errors announced (`role="alert"` summary, the field
`aria-invalid="true"` and described by its message), the consents answered « Non » until the
person says otherwise, and no answer chosen for the terms at first (SPEC.md, screens 6 to 8).
The browser tests check the same with a screen reader's eyes (axe); these see a template
change without a browser.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import champs_sans_libelle, lire, references_cassees
from mock_site.tests.libelles import (
    CODE_PERSONNEL,
    COMMUN,
    CONDITIONS,
    COORDONNEES,
    CREATION,
    ETAPES,
    IDENTITE,
)
from mock_site.tests.parcours import (
    champs_creation,
    champs_identite,
    creer_compte,
    creer_personne,
    jusqu_a_identite,
    poster,
)

CONSENTEMENTS = (
    "consent_email",
    "consent_portable_tel",
    "consent_portable_sms",
    "consent_fixe_tel",
)


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.balises: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.balises.append((tag, {nom: valeur or "" for nom, valeur in attrs}))


def _elements(page: str) -> list[tuple[str, dict[str, str]]]:
    lecteur = Elements()
    lecteur.feed(page)
    return lecteur.balises


def _page(client: FlaskClient, chemin: str) -> str:
    reponse = client.get(chemin)
    assert reponse.status_code == 200, f"{chemin} : {reponse.status_code}"
    return reponse.get_data(as_text=True)


def _a_l_etape(client: FlaskClient, etape: str) -> str:
    personne = creer_personne(client)
    reponse = client.post("/_test/parcours", json={"nir": personne["nir"], "etape": etape})
    assert reponse.status_code < 300, reponse.get_data(as_text=True)
    return _page(client, f"/compte/{etape}")


@pytest.mark.parametrize("chemin", ["/", "/compte", "/compte/creation"])
def test_lie_chaque_libelle_et_chaque_reference_des_ecrans_publics(
    client: FlaskClient, chemin: str
) -> None:
    page = _page(client, chemin)
    assert references_cassees(page) == []
    assert champs_sans_libelle(page) == []


@pytest.mark.parametrize("etape", ["conditions", "code", "coordonnees"])
def test_lie_chaque_libelle_et_chaque_reference_des_etapes_1_a_3(
    client: FlaskClient, etape: str
) -> None:
    page = _a_l_etape(client, etape)
    assert references_cassees(page) == []
    assert champs_sans_libelle(page) == []


@pytest.mark.parametrize(
    ("etape", "courante"),
    [
        ("conditions", CONDITIONS.etape),
        ("code", CODE_PERSONNEL.etape),
        ("coordonnees", COORDONNEES.etape),
    ],
)
def test_marque_l_etape_courante_et_elle_seule(
    client: FlaskClient, etape: str, courante: str
) -> None:
    page = _a_l_etape(client, etape)
    marquees = page.count('aria-current="step"')
    assert marquees == 1
    debut = page.index('aria-current="step"')
    assert page[debut : page.index("</li>", debut)].endswith(courante)


def test_n_a_aucune_reponse_choisie_aux_conditions_au_depart(client: FlaskClient) -> None:
    page = _a_l_etape(client, "conditions")
    legende = re.search(
        r'<fieldset[^>]*id="conditions"[^>]*>\s*<legend[^>]*>(.*?)</legend>', page, flags=re.DOTALL
    )
    assert legende is not None, "le choix des conditions n'a pas de légende"
    assert html.unescape(legende.group(1)).strip().endswith("conditions d'utilisation ?")
    radios = [a for tag, a in _elements(page) if tag == "input" and a.get("name") == "conditions"]
    assert [a["value"] for a in radios] == ["oui", "non"]
    assert not [a for a in radios if "checked" in a]


def test_repond_non_a_chaque_consentement_au_depart(client: FlaskClient) -> None:
    elements = _elements(_a_l_etape(client, "coordonnees"))
    coches = {
        a["name"]: a["value"]
        for tag, a in elements
        if tag == "input" and a.get("name") in CONSENTEMENTS and "checked" in a
    }
    assert coches == dict.fromkeys(CONSENTEMENTS, "non")


def test_annonce_la_force_du_code_aux_lecteurs_d_ecran(client: FlaskClient) -> None:
    elements = _elements(_a_l_etape(client, "code"))
    assert [a.get("role") for _, a in elements if "data-force-code" in a] == ["status"]


def test_donne_au_script_le_resume_des_erreurs_a_mettre_au_point(client: FlaskClient) -> None:
    """ameli.js moves the focus to the error summary, found by its id: that id must exist."""
    with client.get("/static/js/ameli.js") as fichier:
        script = fichier.get_data(as_text=True)
    trouve = re.search(r'resume = document\.getElementById\("([^"]+)"\)', script)
    assert trouve is not None, "ameli.js ne cherche plus le résumé des erreurs"
    reponse = poster(
        client,
        "/compte/creation",
        {"nom": "", "nir": "", "date_naissance": "", "code_postal": "", "action": "continuer"},
    )
    resume = [
        a for _, a in _elements(reponse.get_data(as_text=True)) if a.get("id") == trouve.group(1)
    ]
    assert [a.get("role") for a in resume] == ["alert"]


def test_annonce_les_erreurs_et_les_lie_a_leur_champ(client: FlaskClient) -> None:
    reponse = poster(
        client,
        "/compte/creation",
        {"nom": "", "nir": "", "date_naissance": "", "code_postal": "", "action": "continuer"},
    )
    page = reponse.get_data(as_text=True)
    elements = _elements(page)
    assert [a for _, a in elements if a.get("role") == "alert"], "pas de résumé role=alert"
    ids = {a["id"] for _, a in elements if "id" in a}
    for champ in ("nom", "nir", "date_naissance", "code_postal"):
        entree = next(a for tag, a in elements if tag == "input" and a.get("id") == champ)
        assert entree.get("aria-invalid") == "true", champ
        decrit = entree.get("aria-describedby", "").split()
        assert f"erreur-{champ}" in decrit, champ
        assert f"erreur-{champ}" in ids, champ
    assert references_cassees(page) == []


def test_nomme_et_relie_chaque_bouton_d_aide(client: FlaskClient) -> None:
    """Each "?" button has a name, says it is closed and controls the text it reveals."""
    jusqu_a_identite(client, creer_personne(client))
    for page in (_page(client, "/compte/creation"), _page(client, "/compte/identite")):
        elements = _elements(page)
        textes = {a["id"]: a for _, a in elements if "id" in a}
        boutons = [i for i, (tag, a) in enumerate(elements) if tag == "button" and "data-aide" in a]
        assert boutons
        for position in boutons:
            bouton = elements[position][1]
            assert bouton.get("aria-label", "").startswith("Aide"), bouton
            assert bouton.get("aria-expanded") == "false", bouton
            assert "hidden" in textes[bouton["aria-controls"]], bouton
            balise, icone = elements[position + 1]
            assert balise == "span"
            assert icone.get("aria-hidden") == "true", icone


def test_cache_l_asterisque_des_champs_obligatoires_aux_lecteurs_d_ecran(
    client: FlaskClient,
) -> None:
    """The asterisk is for the eye; `aria-required` says it to a screen reader."""
    elements = _elements(_page(client, "/compte/creation"))
    asterisques = [a for tag, a in elements if tag == "span" and a.get("class") == "requis"]
    assert asterisques
    assert all(a.get("aria-hidden") == "true" for a in asterisques)


def test_nomme_la_liste_des_etapes(client: FlaskClient) -> None:
    elements = _elements(_a_l_etape(client, "code"))
    listes = [a for tag, a in elements if tag == "ol" and a.get("class") == "etapes"]
    assert [bool(a.get("aria-label")) for a in listes] == [True]


def test_nomme_les_consentements_telephoniques_par_leur_introduction(client: FlaskClient) -> None:
    """« Par Téléphone » alone is ambiguous: each group also reads the line it belongs to."""
    elements = _elements(_a_l_etape(client, "coordonnees"))
    groupes = {
        a["id"]: a.get("aria-labelledby", "").split()
        for tag, a in elements
        if tag == "fieldset" and a.get("id") in CONSENTEMENTS
    }
    assert groupes["consent_portable_tel"][0] == groupes["consent_portable_sms"][0]
    assert groupes["consent_fixe_tel"][0] not in ("", groupes["consent_portable_tel"][0])
    assert all(f"legende-{nom}" in ids for nom, ids in groupes.items() if nom != "consent_email")
    # Each phone number, with its consents, is a group named by the same line.
    telephones = [a.get("aria-labelledby") for _, a in elements if a.get("role") == "group"]
    assert telephones == [groupes["consent_portable_tel"][0], groupes["consent_fixe_tel"][0]]


def test_garde_un_consentement_oui_quand_l_ecran_8_revient_en_erreur(client: FlaskClient) -> None:
    """« Retour » or an error keeps what was chosen: an « Oui » stays checked."""
    _a_l_etape(client, "coordonnees")
    reponse = poster(
        client,
        "/compte/coordonnees",
        {
            "email": "a@exemple.fr",
            "email_confirmation": "b@exemple.fr",
            "portable": "",
            "fixe": "",
            "consent_email": "oui",
            "action": "continuer",
        },
    )
    coches = {
        a["name"]: a["value"]
        for tag, a in _elements(reponse.get_data(as_text=True))
        if tag == "input" and a.get("name") in CONSENTEMENTS and "checked" in a
    }
    assert coches == {**dict.fromkeys(CONSENTEMENTS, "non"), "consent_email": "oui"}


# The tutorial's headings of screens 4 to 8 (step 7's is the mock's own: the tutorial has none).
TITRES = {
    "/compte/creation": CREATION.titre,
    "/compte/identite": IDENTITE.titre,
    "/compte/conditions": CONDITIONS.titre,
    "/compte/code": None,
    "/compte/coordonnees": COORDONNEES.titre,
}


def _titres(page: str) -> tuple[list[str], str]:
    """The text of each <h1>, and the page's <title>."""
    h1 = re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, flags=re.DOTALL)
    titre = re.search(r"<title>(.*?)</title>", page, flags=re.DOTALL)
    assert titre is not None
    return (
        [" ".join(html.unescape(t).split()) for t in h1],
        " ".join(html.unescape(titre.group(1)).split()),
    )


def _page_de(client: FlaskClient, chemin: str) -> str:
    if chemin == "/compte/creation":
        return _page(client, chemin)
    if chemin == "/compte/identite":
        jusqu_a_identite(client, creer_personne(client))
        return _page(client, chemin)
    return _a_l_etape(client, chemin.rsplit("/", 1)[1])


@pytest.mark.parametrize("chemin", list(TITRES))
def test_titre_chaque_ecran_de_son_seul_intitule(client: FlaskClient, chemin: str) -> None:
    """One <h1> per screen, the tutorial's heading, repeated in the window's title."""
    page = _page_de(client, chemin)
    h1, titre = _titres(page)
    assert len(h1) == 1
    assert titre == f"{h1[0]} - ameli.fr"
    if TITRES[chemin] is not None:
        assert h1[0] == TITRES[chemin]
    sections = [a for tag, a in _elements(page) if tag == "section"]
    identifiant = re.search(r'<h1\b[^>]*id="([^"]+)"', page)
    assert identifiant is not None
    assert [a.get("aria-labelledby") for a in sections][:1] == [identifiant.group(1)]


def test_lie_chaque_reference_de_la_confirmation(client: FlaskClient) -> None:
    creer_compte(client, creer_personne(client), "structure@exemple.fr")
    page = _page(client, "/compte/confirmation")
    assert references_cassees(page) == []
    identifiant = re.search(r'<h1\b[^>]*id="([^"]+)"', page)
    assert identifiant is not None
    assert [a.get("aria-labelledby") for tag, a in _elements(page) if tag == "section"] == [
        identifiant.group(1)
    ]
    assert [a.get("role") for tag, a in _elements(page) if tag == "p" and "role" in a] == ["status"]


def test_garde_le_oui_aux_conditions_au_retour_de_l_etape_2(client: FlaskClient) -> None:
    """« Retour » from step 2 shows the terms as they were answered."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    poster(client, "/compte/identite", champs_identite(personne))
    poster(client, "/compte/conditions", {"conditions": "oui", "action": "continuer"})
    poster(client, "/compte/code", {"code": "", "confirmation": "", "action": "retour"})
    page = _page(client, "/compte/conditions")
    radios = {
        a["value"]: "checked" in a
        for tag, a in _elements(page)
        if tag == "input" and a.get("name") == "conditions"
    }
    assert radios == {"oui": True, "non": False}


def test_relie_le_resume_des_erreurs_des_conditions_a_leur_choix(client: FlaskClient) -> None:
    _a_l_etape(client, "conditions")
    reponse = poster(client, "/compte/conditions", {"action": "continuer"})
    assert references_cassees(reponse.get_data(as_text=True)) == []
    assert 'href="#conditions"' in reponse.get_data(as_text=True)


def test_nomme_decrit_et_exige_les_champs_de_l_ecran_5(client: FlaskClient) -> None:
    """Screen 5: each input required, bound to its label, described by the shown start of
    the number (the tutorial's « FR 66 2004 » and « 0000 »); the mask, the asterisks and the
    "?" icons hidden from screen readers; each help button named by what it explains."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    page = _page(client, "/compte/identite")
    assert references_cassees(page) == []
    assert champs_sans_libelle(page) == []
    lue = lire(page)
    iban = str(personne["iban"]).replace(" ", "")
    assert lue.descriptions == [
        ("", IDENTITE.debut_iban_pour(f"{iban[:2]} {iban[2:4]} {iban[4:8]}")),
        ("", IDENTITE.debut_vitale_pour(str(personne["numero_serie_vitale"])[:4])),
    ]
    assert lue.noms == [
        ("section", IDENTITE.titre),
        ("button", IDENTITE.aide_iban),
        ("button", IDENTITE.aide_vitale),
        ("nav", COMMUN.liens_utiles),
    ]
    assert lue.caches() == ["*", "•••• •••• •••• •", "?", "*", "?", "*"]
    requis = [
        e.attributs["name"]
        for e in lue.elements
        if e.tag == "input" and e.attributs.get("aria-required") == "true"
    ]
    assert requis == ["iban7", "vitale11"]
    assert [b for b in lue.blocs if b in (IDENTITE.texte_aide_iban, IDENTITE.texte_aide_vitale)][
        ::2
    ] == [
        IDENTITE.texte_aide_iban,
        IDENTITE.texte_aide_vitale,
    ]


def test_nomme_et_explique_chaque_aide_de_l_ecran_4(client: FlaskClient) -> None:
    """Screen 4: each "?" names what it helps with and reveals its explanation; the asterisks
    and icons are hidden from screen readers, the fields required."""
    lue = lire(_page(client, "/compte/creation"))
    assert lue.noms == [
        ("section", CREATION.titre),
        ("button", CREATION.aide_nom),
        ("button", CREATION.aide_nir),
        ("button", CREATION.aide_date),
        ("button", CREATION.aide_code_postal),
        ("nav", COMMUN.liens_utiles),
    ]
    aides = [e.texte for e in lue.elements if e.attributs.get("id", "").startswith("aide-")]
    assert aides == [
        CREATION.texte_aide_nom,
        CREATION.texte_aide_nir,
        CREATION.texte_aide_date,
        CREATION.texte_aide_code_postal,
    ]
    assert lue.caches() == ["*", "*", "?", "*", "?", "*", "?", "*", "?"]
    requis = [
        e.attributs["name"]
        for e in lue.elements
        if e.tag == "input" and e.attributs.get("aria-required") == "true"
    ]
    assert requis == ["nom", "nir", "date_naissance", "code_postal"]


def test_propose_de_se_connecter_quand_le_compte_existe_deja(client: FlaskClient) -> None:
    """Screen 4 for a person who has an account: the message, and a link to log in."""
    personne = creer_personne(client)
    creer_compte(client, personne, "existant@exemple.fr")
    reponse = poster(client, "/compte/creation", champs_creation(personne))
    assert reponse.status_code == 422
    page = reponse.get_data(as_text=True)
    assert lire(page).annonces == [
        (
            "alert",
            CREATION.compte_existant_et_lien,
        )
    ]
    liens = [e for e in lire(page).elements if e.tag == "a" and e.texte == CREATION.lien_connexion]
    assert [e.attributs["href"] for e in liens] == ["/compte"]


# Screen 8's sentence of the tutorial, told apart for each number as the test side expects it
# (`pages/textes.py`: « (téléphone portable) : Par Téléphone »).
_PORTABLE = COORDONNEES.autorisation_portable
_FIXE = COORDONNEES.autorisation_fixe
NOMS_DES_ETAPES = {
    "conditions": [("section", CONDITIONS.titre)],
    "code": [("section", CODE_PERSONNEL.titre)],
    "coordonnees": [
        ("section", COORDONNEES.titre),
        ("div", _PORTABLE),
        ("fieldset", f"{_PORTABLE} {COORDONNEES.par_telephone}"),
        ("fieldset", f"{_PORTABLE} {COORDONNEES.par_sms}"),
        ("div", _FIXE),
        ("fieldset", f"{_FIXE} {COORDONNEES.par_telephone}"),
    ],
}


@pytest.mark.parametrize("etape", list(NOMS_DES_ETAPES))
def test_nomme_chaque_region_des_etapes_1_a_3(client: FlaskClient, etape: str) -> None:
    """Each step's region by its heading, its stepper, each phone group and consent by the
    sentence it answers, the footer's links: what a screen reader lists."""
    noms = lire(_a_l_etape(client, etape)).noms
    premier, *suite = NOMS_DES_ETAPES[etape]
    assert noms == [
        premier,
        ("ol", ETAPES.titre),
        *suite,
        ("nav", COMMUN.liens_utiles),
    ]


def test_donne_au_script_la_fenetre_de_la_caisse_a_ouvrir(client: FlaskClient) -> None:
    """ameli.js makes the caisse dialog modal, found by its id: that id must be the dialog's."""
    with client.get("/static/js/ameli.js") as fichier:
        script = fichier.get_data(as_text=True)
    trouve = re.search(r'dialogue = document\.getElementById\("([^"]+)"\)', script)
    assert trouve is not None, "ameli.js ne cherche plus la fenêtre de la caisse"
    page = client.get("/", query_string={"code_postal": "75001"}).get_data(as_text=True)
    dialogues = [e.tag for e in lire(page).elements if e.attributs.get("id") == trouve.group(1)]
    assert dialogues == ["dialog"]
