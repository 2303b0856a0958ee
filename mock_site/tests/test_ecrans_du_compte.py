"""The screens around the journey — portal, logged-in space, provisional code, refusals,
validation link, error page — read as a user and a screen reader get them.

The tutorial shows screens 1 to 9 (`test_libelles_du_tutoriel.py`); these screens it does not
show. Their wording is the mock's own, agreed with the test side (`pages/textes.py`, which the
page objects and the browser tests read) and written again in the tables below: a change of
wording is made on purpose in the template and here. Where the tutorial does say something
(the footer links and the header of the account's pages, screen 6), its words are used.

Each block of text is compared whole (`lecture.lire`), so a word dropped or added at either
end is seen. What a screen reader announces is checked too: each region named by its heading,
each message announced with its role, the references between elements unbroken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import Page, champs_sans_libelle, lire, references_cassees
from mock_site.tests.parcours import (
    CODE_PERSONNEL,
    activer_compte,
    champs_creation,
    champs_identite,
    creer_compte,
    creer_personne,
    jusqu_a_identite,
    lien_validation,
    poster,
    se_connecter,
)

# The tutorial's screen 6: the account pages' header and footer links.
ENTETE_ET_PIED = [
    "Compte ameli",
    "Assurance Maladie",
    "Mentions légales et CGU",
    "Aide et Accessibilité",
    "Recommandations de sécurité",
    "Protection des données personnelles",
    "Site Ameli",
]
RETOUR_ACCUEIL_COMPTE = "Retour à l'accueil du compte"
EMAIL = "ecrans@exemple.fr"


@dataclass
class Attendu:
    """What a screen shows and announces."""

    statut: int
    titre: str
    textes: list[str]
    # (tag, accessible name) of each named element, in the page's order.
    noms: list[tuple[str, str]]
    # (role, text) of each element with a role, in the page's order.
    annonces: list[tuple[str, str]] = field(default_factory=list)
    # (element's text, description) of each element with aria-describedby; None: not checked.
    descriptions: list[tuple[str, str]] | None = None


def _portail(client: FlaskClient) -> Any:
    return client.get("/compte")


def _code_provisoire(client: FlaskClient) -> Any:
    jusqu_a_identite(client, creer_personne(client))
    return client.get("/compte/code-provisoire")


def _code_provisoire_demande(client: FlaskClient) -> Any:
    jusqu_a_identite(client, creer_personne(client))
    return poster(client, "/compte/code-provisoire", {})


def _conditions_detaillees(client: FlaskClient) -> Any:
    return client.get("/compte/conditions-detaillees")


def _ineligible(client: FlaskClient) -> Any:
    personne = creer_personne(client, regime="MGEN")
    return poster(client, "/compte/creation", champs_creation(personne))


def _numero_provisoire(client: FlaskClient) -> Any:
    # A temporary NIR (7 or 8 first, SPEC « Eligibility »): refused before any identity check.
    return poster(
        client,
        "/compte/creation",
        {
            "nom": "DUPONT",
            "nir": "7850575123456",
            "date_naissance": "01/05/1985",
            "code_postal": "75001",
            "action": "continuer",
        },
    )


def _refus(client: FlaskClient) -> Any:
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    return poster(client, "/compte/conditions", {"conditions": "non", "action": "continuer"})


def _identite_bloquee(client: FlaskClient) -> Any:
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    faux = {"iban7": "0000000", "vitale11": "00000000000", "action": "valider"}
    for _ in range(3):
        poster(client, "/compte/identite", faux)
    return client.get("/compte/identite")


def _compte_en_attente(client: FlaskClient) -> str:
    creer_compte(client, creer_personne(client), EMAIL)
    return lien_validation(client, EMAIL)


def _confirmation(client: FlaskClient) -> Any:
    creer_compte(client, creer_personne(client), EMAIL)
    return client.get("/compte/confirmation")


def _validation_active(client: FlaskClient) -> Any:
    return client.get(_compte_en_attente(client))


def _validation_deja_utilisee(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.get(lien)
    return client.get(lien)


def _validation_expiree(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.post("/_test/clock", json={"days": 8, "global": True})
    return client.get(lien)


def _validation_renvoyee(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.post("/_test/clock", json={"days": 8, "global": True})
    return poster(client, "/compte/validation/nouveau-lien", {"jeton": lien.rsplit("/", 1)[1]})


def _validation_inconnue(client: FlaskClient) -> Any:
    return client.get("/compte/validation/jeton-qui-n-existe-pas")


def _page_introuvable(client: FlaskClient) -> Any:
    return client.get("/page-qui-n-existe-pas")


def _explication_franceconnect(client: FlaskClient) -> Any:
    return client.get("/franceconnect/qu-est-ce-que-franceconnect")


def _deconnexion_franceconnect_incertaine(client: FlaskClient) -> Any:
    # Back from FranceConnect's session/end without the state ameli sent.
    return client.get("/franceconnect/deconnexion/retour")


def _boite_vide(client: FlaskClient) -> Any:
    return client.get("/messagerie", query_string={"to": "personne@exemple.fr"})


def _message(client: FlaskClient) -> Any:
    creer_compte(client, creer_personne(client), EMAIL)
    boite = lire(client.get("/messagerie", query_string={"to": EMAIL}).get_data(as_text=True))
    liens = [
        e.attributs["href"]
        for e in boite.elements
        if e.tag == "a" and e.attributs.get("href", "").startswith("/messagerie/")
    ]
    assert len(liens) == 1, liens
    return client.get(liens[0])


def _accueil(client: FlaskClient) -> Any:
    return client.get("/")


def _accueil_caisse_proposee(client: FlaskClient) -> Any:
    return client.get("/", query_string={"code_postal": "75001"})


def _accueil_caisse_confirmee(client: FlaskClient) -> Any:
    client.post("/caisse", data={"code_postal": "75001"})
    return client.get("/")


# The home's header and footer, and its frame, on each of its states.
ENTETE_ACCUEIL = ["Aller au contenu", "Assuré", "Professionnel de santé", "Entreprise"]
ACCUEIL = [
    "Bienvenue sur ameli, le site de l'Assurance Maladie",
    "Code postal",
    "Renseignez les 5 chiffres du code postal de votre lieu de résidence pour afficher les "
    "informations de votre caisse.",
    "Sélectionner",
    "Rembourser, informer, prévenir",
    "Retrouvez vos démarches, vos droits et vos remboursements, et créez votre compte ameli "
    "pour les suivre en ligne.",
    "Mes services en ligne",
    "Compte AMELI",
    "amelipro",
    "Net-entreprises",
    "Ce site reproduit, à des fins de test, les écrans du tutoriel « Créer un compte Ameli "
    "depuis mon ordinateur » (Solidarité Numérique, Licence Ouverte 2.0).",
]
NOMS_ACCUEIL = [
    ("nav", "Publics"),
    ("section", "Bienvenue sur ameli, le site de l'Assurance Maladie"),
    ("aside", "Mes services en ligne"),
]
# Screen 2: « La description des icônes apparaît lorsque vous approchez votre souris ».
INFOBULLES = [
    (
        "Compte AMELI",
        "Votre espace personnel : remboursements, attestations, relevés, messagerie avec votre "
        "caisse.",
    ),
    ("amelipro", "Le portail des professionnels de santé."),
    ("Net-entreprises", "Les déclarations des employeurs."),
]
INDICATION_CODE_POSTAL = (
    "",
    "Renseignez les 5 chiffres du code postal de votre lieu de résidence pour afficher les "
    "informations de votre caisse.",
)


ECRANS: dict[str, tuple[Callable[[FlaskClient], Any], Attendu]] = {
    "portail": (
        _portail,
        Attendu(
            200,
            "Mon compte ameli - ameli.fr",
            [
                "Aller au contenu",
                *ENTETE_ET_PIED,
                "Mon compte ameli",
                "Je me connecte",
                "Mon numéro de sécurité sociale : *",
                "Mon code personnel : *",
                "Je me connecte",
                "Vous n'avez pas encore de compte ?",
                "Suivez vos remboursements, téléchargez vos attestations et contactez votre "
                "caisse en ligne.",
                "Je crée mon compte",
            ],
            [
                ("section", "Mon compte ameli"),
                ("section", "Vous n'avez pas encore de compte ?"),
                ("nav", "Liens utiles"),
            ],
        ),
    ),
    "code provisoire": (
        _code_provisoire,
        Attendu(
            200,
            "Recevoir un code provisoire par courrier - ameli.fr",
            [
                "Recevoir un code provisoire par courrier",
                "Sans le numéro de série de votre carte Vitale, votre caisse peut vous envoyer "
                "par courrier un code provisoire pour accéder à votre compte.",
                "Retour",
                "Recevoir mon code provisoire par courrier",
            ],
            [("section", "Recevoir un code provisoire par courrier"), ("nav", "Liens utiles")],
        ),
    ),
    "code provisoire demandé": (
        _code_provisoire_demande,
        Attendu(
            200,
            "Recevoir un code provisoire par courrier - ameli.fr",
            [
                "Votre demande de code provisoire est enregistrée",
                RETOUR_ACCUEIL_COMPTE,
            ],
            [
                ("section", "Votre demande de code provisoire est enregistrée"),
                ("nav", "Liens utiles"),
            ],
            [
                (
                    "status",
                    "Un code provisoire vous sera envoyé par courrier à votre adresse postale "
                    "sous quelques jours. Il vous permettra de vous connecter à votre compte "
                    "ameli et de choisir votre code personnel.",
                )
            ],
        ),
    ),
    "conditions détaillées": (
        _conditions_detaillees,
        Attendu(
            200,
            "Conditions d'utilisation du compte ameli - ameli.fr",
            [
                "Conditions d'utilisation du compte ameli",
                "Le compte ameli est un service gratuit de l'Assurance Maladie réservé aux "
                "assurés du régime général et des régimes partenaires.",
                # The tutorial's « Important » of step 6, in the site's words.
                "En adhérant au compte ameli, vous acceptez de ne plus recevoir vos relevés de "
                "prestations par courrier postal. Les 5 derniers relevés de prestations restent "
                "disponibles dans votre espace personnel, pour être téléchargés, imprimés et "
                "archivés.",
                "Votre adresse email sert à vous informer de l'arrivée de nouveaux messages et "
                "documents dans votre compte.",
            ],
            [("section", "Conditions d'utilisation du compte ameli"), ("nav", "Liens utiles")],
        ),
    ),
    "régime non éligible": (
        _ineligible,
        Attendu(
            403,
            "Service non disponible - ameli.fr",
            ["Ce service n'est pas disponible pour vous", RETOUR_ACCUEIL_COMPTE],
            [("section", "Ce service n'est pas disponible pour vous"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    # The tutorial's « A savoir » of its first step, told to the person.
                    "Le compte ameli est ouvert aux assurés du régime général (Caisse primaire) "
                    "et des régimes partenaires : CAMIEG, CAVIMAC, CNMSS, CRPCEN, ENIM, "
                    "INTÉRIALE, LA MUTUELLE GÉNÉRALE, MGP, MNH, SOLSANTIS, HARMONIE FONCTION "
                    "PUBLIQUE, CANSSM et LMDE. Ce service n'est donc pas ouvert à votre régime "
                    "(MGEN).",
                )
            ],
        ),
    ),
    "numéro provisoire": (
        _numero_provisoire,
        Attendu(
            403,
            "Service non disponible - ameli.fr",
            ["Ce service n'est pas disponible pour vous", RETOUR_ACCUEIL_COMPTE],
            [("section", "Ce service n'est pas disponible pour vous"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    "Le compte ameli n'est pas accessible avec un numéro de sécurité sociale "
                    "provisoire (commençant par 7 ou 8).",
                )
            ],
        ),
    ),
    "conditions refusées": (
        _refus,
        Attendu(
            200,
            "Création de compte interrompue - ameli.fr",
            [
                "Création de compte interrompue",
                "Vous pourrez créer votre compte à tout moment en recommençant la démarche.",
                RETOUR_ACCUEIL_COMPTE,
            ],
            [("section", "Création de compte interrompue"), ("nav", "Liens utiles")],
            [
                (
                    "status",
                    "Vous avez refusé les conditions d'utilisation : votre compte ameli n'a pas "
                    "été créé. L'acceptation des conditions d'utilisation est nécessaire pour "
                    "accéder aux services du compte.",
                )
            ],
        ),
    ),
    "identité bloquée": (
        _identite_bloquee,
        Attendu(
            200,
            "Accédez immédiatement à votre compte - ameli.fr",
            ["Je ne dispose pas du numéro de série de ma carte Vitale"],
            [("section", "Accédez immédiatement à votre compte"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    "Suite à 3 saisies erronées, la création de votre compte en ligne est "
                    "bloquée. Pour obtenir votre code personnel, contactez votre caisse "
                    "d'assurance maladie au 3646 ou demandez un code provisoire par courrier.",
                )
            ],
        ),
    ),
    "confirmation": (
        _confirmation,
        Attendu(
            200,
            "Votre compte est créé - ameli.fr",
            ["Votre compte ameli est créé"],
            [("section", "Votre compte ameli est créé"), ("nav", "Liens utiles")],
            [
                (
                    "status",
                    f"Un email vient de vous être envoyé à l'adresse {EMAIL}. Il contient un lien "
                    "permettant de finaliser la création de votre compte.",
                )
            ],
        ),
    ),
    "lien de validation suivi": (
        _validation_active,
        Attendu(
            200,
            "Votre adresse email est validée - ameli.fr",
            ["Votre adresse email est validée", "Je me connecte"],
            [("section", "Votre adresse email est validée"), ("nav", "Liens utiles")],
            [
                (
                    "status",
                    "Votre compte ameli est activé. Vous pouvez dès maintenant vous connecter "
                    "avec votre numéro de sécurité sociale et votre code personnel.",
                )
            ],
        ),
    ),
    "lien de validation déjà suivi": (
        _validation_deja_utilisee,
        Attendu(
            410,
            "Ce lien a déjà été utilisé - ameli.fr",
            ["Ce lien a déjà été utilisé", "Je me connecte"],
            [("section", "Ce lien a déjà été utilisé"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    "Votre adresse email a déjà été validée avec ce lien. Connectez-vous à "
                    "votre compte.",
                )
            ],
        ),
    ),
    "lien de validation expiré": (
        _validation_expiree,
        Attendu(
            410,
            "Ce lien a expiré - ameli.fr",
            ["Ce lien a expiré", "Recevoir un nouveau lien"],
            [("section", "Ce lien a expiré"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    "Le lien de validation n'est valable que 7 jours. Demandez un nouveau lien "
                    ": il vous sera envoyé par email.",
                )
            ],
        ),
    ),
    "nouveau lien envoyé": (
        _validation_renvoyee,
        Attendu(
            200,
            "Un nouveau lien vous a été envoyé - ameli.fr",
            ["Un nouveau lien vous a été envoyé"],
            [("section", "Un nouveau lien vous a été envoyé"), ("nav", "Liens utiles")],
            [
                (
                    "status",
                    f"Un nouvel email de validation a été envoyé à l'adresse {EMAIL}. Le lien "
                    "est valable 7 jours.",
                )
            ],
        ),
    ),
    "lien de validation inconnu": (
        _validation_inconnue,
        Attendu(
            404,
            "Ce lien n'est pas valide - ameli.fr",
            ["Ce lien n'est pas valide"],
            [("section", "Ce lien n'est pas valide"), ("nav", "Liens utiles")],
            [
                (
                    "alert",
                    "Ce lien de validation n'existe pas. Vérifiez que vous avez copié le lien "
                    "complet reçu par email.",
                )
            ],
        ),
    ),
    "page introuvable": (
        _page_introuvable,
        Attendu(
            404,
            "Page introuvable - ameli.fr",
            ["Aller au contenu", "Page introuvable", "Erreur 404", "Retour à l'accueil"],
            [("nav", "Publics"), ("section", "Page introuvable")],
            [("alert", "La page demandée n'existe pas ou a été déplacée.")],
        ),
    ),
    "explication de FranceConnect": (
        _explication_franceconnect,
        Attendu(
            200,
            "Qu'est-ce que FranceConnect ? - ameli.fr",
            [
                "Qu'est-ce que FranceConnect ?",
                "FranceConnect est la solution proposée par l'État pour sécuriser et simplifier "
                "la connexion à plus de 1 000 services en ligne.",
                "Comment créer mon compte ameli avec FranceConnect ?",
                "Sur la page « Je crée mon compte ameli », cliquez sur « S'identifier avec "
                "FranceConnect ».",
                "Choisissez le compte avec lequel vous identifier, puis connectez-vous avec les "
                "identifiants habituels de ce compte.",
                "FranceConnect vous indique les informations qu'il va transmettre à ameli.fr ; "
                "cliquez sur « Continuer sur ameli.fr » pour les transmettre.",
                "De retour sur ameli.fr, acceptez les conditions d'utilisation, choisissez votre "
                "code personnel et indiquez votre adresse email.",
                "Votre identité étant confirmée par FranceConnect, vous n'avez pas à saisir les "
                "derniers chiffres de votre IBAN ni le numéro de série de votre carte Vitale.",
                "Quelles informations sont transmises à ameli.fr ?",
                "Uniquement votre identité, et seulement si vous l'acceptez :",
                "Votre mot de passe n'est jamais transmis à ameli.fr. Vous pouvez refuser la "
                "transmission ou annuler à tout moment : vous revenez alors sur ameli.fr, où "
                "vous pouvez créer votre compte en remplissant le formulaire.",
                "Qui peut l'utiliser ?",
                "Le compte ameli est ouvert aux assurés du régime général et des régimes "
                "partenaires. Si vous dépendez d'un autre régime (MSA, MGEN…), adressez-vous à "
                "votre organisme.",
                "Retour à la création de compte",
            ],
            [("section", "Qu'est-ce que FranceConnect ?"), ("nav", "Liens utiles")],
        ),
    ),
    "déconnexion FranceConnect incertaine": (
        _deconnexion_franceconnect_incertaine,
        Attendu(
            200,
            "Vous êtes déconnecté - ameli.fr",
            ["Vous êtes déconnecté", "Me reconnecter"],
            [("section", "Vous êtes déconnecté"), ("nav", "Liens utiles")],
            [
                (
                    "status",
                    "Vous êtes déconnecté de votre compte ameli. FranceConnect n'a pas confirmé "
                    "la fin de votre session : fermez votre navigateur si vous utilisez un "
                    "ordinateur partagé.",
                )
            ],
        ),
    ),
    "boîte de réception vide": (
        _boite_vide,
        Attendu(
            200,
            "Boîte de réception - ameli.fr",
            ["Aller au contenu", "Boîte de réception", "Adresse email", "Afficher"],
            [("section", "Boîte de réception")],
            [("status", "Aucun message pour personne@exemple.fr.")],
        ),
    ),
    "message reçu": (
        _message,
        Attendu(
            200,
            "Compte ameli : validez votre adresse email - ameli.fr",
            ["Retour à la boîte de réception", "MON COMPTE AMELI"],
            [("section", "Compte ameli : validez votre adresse email")],
        ),
    ),
    "accueil": (
        _accueil,
        Attendu(
            200,
            "Accueil - ameli.fr",
            [*ENTETE_ACCUEIL, *ACCUEIL],
            NOMS_ACCUEIL,
            [("tooltip", description) for _, description in INFOBULLES],
            [INDICATION_CODE_POSTAL, *INFOBULLES],
        ),
    ),
    "accueil, caisse proposée": (
        _accueil_caisse_proposee,
        Attendu(
            200,
            "Accueil - ameli.fr",
            [
                *ACCUEIL,
                "Votre caisse d'assurance maladie",
                "La caisse de votre département est : CPAM de Paris (75)",
                "Confirmer",
                "Ce n'est pas ma caisse",
            ],
            [*NOMS_ACCUEIL, ("dialog", "Votre caisse d'assurance maladie")],
            [("tooltip", description) for _, description in INFOBULLES],
            [
                INDICATION_CODE_POSTAL,
                *INFOBULLES,
                (
                    "Votre caisse d'assurance maladie La caisse de votre département est : "
                    "CPAM de Paris (75) Confirmer Ce n'est pas ma caisse",
                    "La caisse de votre département est : CPAM de Paris (75)",
                ),
            ],
        ),
    ),
    "accueil, caisse confirmée": (
        _accueil_caisse_confirmee,
        Attendu(
            200,
            "Accueil - ameli.fr",
            [*ACCUEIL, "Votre caisse : CPAM de Paris (75)"],
            NOMS_ACCUEIL,
            [("tooltip", description) for _, description in INFOBULLES],
        ),
    ),
}


def _manquants(lue: Page, attendus: list[str]) -> list[str]:
    """The expected blocks the page does not show (each as many times as it is expected)."""
    blocs = lue.blocs
    return [t for t in dict.fromkeys(attendus) if blocs.count(t) < attendus.count(t)]


@pytest.mark.parametrize("ecran", list(ECRANS))
def test_affiche_et_annonce_chaque_ecran_autour_du_parcours(
    client: FlaskClient, ecran: str
) -> None:
    """Wording, window title, named regions and announced messages of each screen."""
    visite, attendu = ECRANS[ecran]
    reponse = visite(client)
    page = reponse.get_data(as_text=True)
    assert reponse.status_code == attendu.statut, page[:300]
    lue = lire(page)
    assert lue.titre == attendu.titre
    assert _manquants(lue, attendu.textes) == []
    assert lue.noms == attendu.noms
    assert lue.annonces == attendu.annonces
    if attendu.descriptions is not None:
        assert lue.descriptions == attendu.descriptions
    assert references_cassees(page) == []
    assert champs_sans_libelle(page) == []


def test_marque_la_page_courante_des_publics_de_l_accueil(client: FlaskClient) -> None:
    """The home is the insured people's: their link says it is the current page."""
    lue = lire(client.get("/").get_data(as_text=True))
    courants = [e.texte for e in lue.elements if e.attributs.get("aria-current") == "page"]
    assert courants == ["Assuré"]


def test_montre_dans_l_espace_les_coordonnees_et_les_choix_de_contact(
    client: FlaskClient,
) -> None:
    """The logged-in space shows what screen 8 recorded: email, phones, each consent."""
    personne = creer_personne(client, prenoms="Claire Marie", nom="DURAND")
    jusqu_a_identite(client, personne)
    poster(client, "/compte/identite", champs_identite(personne))
    poster(client, "/compte/conditions", {"conditions": "oui", "action": "continuer"})
    poster(
        client,
        "/compte/code",
        {"code": CODE_PERSONNEL, "confirmation": CODE_PERSONNEL, "action": "continuer"},
    )
    poster(
        client,
        "/compte/coordonnees",
        {
            "email": EMAIL,
            "email_confirmation": EMAIL,
            "portable": "06 12 34 56 78",
            "fixe": "+33 1 40 00 00 00",
            "consent_email": "oui",
            "consent_portable_tel": "non",
            "consent_portable_sms": "oui",
            "consent_fixe_tel": "non",
            "action": "continuer",
        },
    )
    activer_compte(client, EMAIL)
    assert se_connecter(client, personne["nir"], CODE_PERSONNEL).status_code == 302

    reponse = client.get("/compte/espace")

    assert reponse.status_code == 200
    lue = lire(reponse.get_data(as_text=True))
    assert lue.titre == "Mon espace - ameli.fr"
    assert lue.definitions() == {
        "Adresse email": EMAIL,
        "Téléphone portable": "0612345678",
        "Téléphone fixe": "0140000000",
        "Informations promotionnelles par email": "Oui",
        "Par téléphone, sur le portable": "Non",
        "Par SMS, sur le portable": "Oui",
        "Par téléphone, sur le fixe": "Non",
    }
    assert (
        _manquants(
            lue,
            [
                "Bienvenue Claire DURAND",
                "Mes paiements",
                "Mes démarches",
                "Mes attestations",
                "Ma messagerie",
                "Mes coordonnées",
                "Mes préférences de contact",
                "Me déconnecter",
            ],
        )
        == []
    )
    assert lue.noms == [
        ("section", "Bienvenue Claire DURAND"),
        ("dl", "Mes coordonnées"),
        ("dl", "Mes préférences de contact"),
        ("nav", "Liens utiles"),
    ]


def test_ecrit_la_lettre_du_code_provisoire(client: FlaskClient) -> None:
    """« Je ne dispose pas du numéro de série… »: the letter tells the person what to do."""
    personne = creer_personne(client, prenoms="Jean Paul", nom="MARTIN")
    jusqu_a_identite(client, personne)
    poster(client, "/compte/code-provisoire", {})
    courriers = client.get("/_test/courriers", query_string={"nir": personne["nir"]}).get_json()
    assert [c["objet"] for c in courriers] == ["Votre code provisoire pour le compte ameli"]
    lignes = [ligne.strip() for ligne in courriers[0]["texte"].splitlines() if ligne.strip()]
    assert lignes[:3] == ["Jean Paul MARTIN", personne["code_postal"], "Madame, Monsieur,"]
    assert lignes[3] == (
        "Vous avez demandé à créer votre compte ameli sans le numéro de série de votre carte "
        "Vitale."
    )
    assert lignes[4].startswith("Voici votre code provisoire : ")
    code = lignes[4].removeprefix("Voici votre code provisoire : ")
    assert len(code) == 8, code
    assert code.isdigit(), code
    assert lignes[5] == (
        "Connectez-vous à votre compte ameli avec votre numéro de sécurité sociale et ce code, "
        "puis choisissez votre code personnel."
    )
    assert lignes[6] == personne["caisse"]
