"""Who can log in at the mock's identity providers, and the identity each one sends.

The mock's identity providers know every insured person stored in the mock: the login is
the person's NIR (13 characters, with or without its key and spaces) and the password is
the one of FranceConnect's integration platform, `123`, for everyone. One more account,
`test` / `123`, is the integration platform's own test identity (Angela Claire Louise
DUBOIS): a real FranceConnect identity that matches no insured person of the mock.

The identity follows FranceConnect's claims (`given_name`, `family_name`, `birthdate`,
`gender`, `birthplace`, `birthcountry`) plus `nir`, a claim the real FranceConnect does not
send: the mock's users are its insured persons, so it sends their number too.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Any

from mock_site import registre
from mock_site.rules import nir as regles_nir

MOT_DE_PASSE_TEST = "123"
IDENTIFIANT_DEMO = "test"
PAYS_FRANCE = "99100"
ACR = "eidas1"

# The mock's identity providers, in the order FranceConnect shows them.
FOURNISSEURS = {
    "impots": "impots.gouv.fr",
    "ameli": "ameli.fr",
    "laposte": "L'Identité Numérique La Poste",
    "msa": "MSA",
    "france-identite": "France Identité",
}

# The claims the mock sends, each with the scope asking for it and its French label.
DONNEES = {
    "family_name": "Nom de naissance",
    "given_name": "Prénoms",
    "birthdate": "Date de naissance",
    "gender": "Sexe",
    "birthplace": "Lieu de naissance",
    "birthcountry": "Pays de naissance",
    "nir": "Numéro de sécurité sociale",
}
SCOPES = ("openid", *DONNEES)


@dataclass(frozen=True)
class Identite:
    """A person as an identity provider knows them."""

    identifiant: str
    given_name: str
    family_name: str
    birthdate: str
    gender: str
    birthplace: str
    birthcountry: str
    nir: str | None = None

    def claims(self, scope: str) -> dict[str, str]:
        """The claims the scope asks for (those the identity has)."""
        demandes = set(scope.split())
        valeurs = {nom: getattr(self, nom) for nom in DONNEES}
        return {nom: valeur for nom, valeur in valeurs.items() if nom in demandes and valeur}

    def donnees_affichees(self, scope: str) -> list[tuple[str, str]]:
        """(label, value) of each transmitted claim, as the consent screen lists them."""
        return [(DONNEES[nom], _valeur_affichee(nom, valeur))
                for nom, valeur in self.claims(scope).items()]


IDENTITE_DEMO = Identite(
    identifiant=IDENTIFIANT_DEMO,
    given_name="Angela Claire Louise",
    family_name="DUBOIS",
    birthdate="1962-08-24",
    gender="female",
    birthplace="75107",
    birthcountry=PAYS_FRANCE,
)


def _valeur_affichee(nom: str, valeur: str) -> str:
    if nom == "birthdate":
        return date.fromisoformat(valeur).strftime("%d/%m/%Y")
    if nom == "gender":
        return "Femme" if valeur == "female" else "Homme"
    if nom == "birthplace":
        return f"commune n° {valeur} (code INSEE)"
    if nom == "birthcountry":
        return "France" if valeur == PAYS_FRANCE else f"pays n° {valeur} (code INSEE)"
    return valeur


def identite_de_l_assure(personne: dict[str, Any]) -> Identite:
    """The identity an identity provider holds for a stored insured person."""
    numero = regles_nir.lire_nir(personne["nir"])
    ne_a_l_etranger = numero.departement == regles_nir.DEPARTEMENT_NE_A_L_ETRANGER
    return Identite(
        identifiant=numero.valeur,
        given_name=personne["prenoms"],
        family_name=personne["nom"],
        birthdate=personne["date_naissance"],
        gender="female" if personne["sexe"] == "2" else "male",
        # The birthplace of the NIR is the commune's INSEE code; abroad, the country's.
        birthplace="" if ne_a_l_etranger else numero.departement + numero.commune,
        birthcountry=f"99{numero.commune}" if ne_a_l_etranger else PAYS_FRANCE,
        nir=numero.valeur,
    )


def identite(identifiant: str) -> Identite | None:
    """The identity behind a login, if there is one."""
    if identifiant == IDENTIFIANT_DEMO:
        return IDENTITE_DEMO
    numero = regles_nir.normaliser_nir(identifiant)
    if len(numero) == 15:  # typed with its key, as printed on the Vitale card
        numero = numero[:13]
    personne = registre.assure(numero) if len(numero) == 13 else None
    if personne is None:
        return None
    try:
        return identite_de_l_assure(personne)
    except regles_nir.NirInvalide:
        return None


def authentifier(identifiant: str, mot_de_passe: str) -> Identite | None:
    """The identity whose login and password these are, or None."""
    bon_mot_de_passe = hmac.compare_digest(mot_de_passe.encode(), MOT_DE_PASSE_TEST.encode())
    trouvee = identite(identifiant.strip())
    return trouvee if bon_mot_de_passe and trouvee is not None else None


def sujet(identite_: Identite, client_id: str) -> str:
    """The `sub` claim: a pairwise identifier, different for each service, like FranceConnect's."""
    empreinte = hashlib.sha256(f"{client_id}:{identite_.identifiant}".encode()).hexdigest()
    return f"{empreinte}v1"
