"""The journey test's clicks as a bare Playwright script: no pytest, no page objects, no report.

`python -m bench.bare_journey --base-url URL` creates a person through the test-data API,
launches Chromium, walks the nine screens with the same clicks, typing and checks as
`e2e/test_parcours.py`, logs in, closes the browser, and prints the seconds this took (from
Playwright's start to its stop, as the test's own duration counts from its fixtures' setup to
their teardown). It is the baseline `make bench` compares the framework's journey test with.
Of the test side it uses only the persona's data class, for what the screens ask of a person.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import urllib.request

from playwright.sync_api import expect, sync_playwright

from fixtures.assures import CODE_PERSONNEL_EXEMPLE as CODE_PERSONNEL
from fixtures.assures import Assure

QUIET_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]


def creer_personne(base_url: str) -> Assure:
    """An eligible person stored by the mock's test-data API."""
    requete = urllib.request.Request(
        f"{base_url}/_test/assures", data=b"{}", method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(requete, timeout=30) as reponse:
        return Assure.from_json(json.load(reponse))


def parcours(base_url: str, executable_path: str | None) -> float:
    """Walk the journey once; return the seconds from Playwright's start to its stop."""
    debut = time.perf_counter()
    with sync_playwright() as playwright:
        # The test's person is created during its setup too, once Playwright runs.
        personne = creer_personne(base_url)
        email = f"{personne.nir}@exemple.fr"
        navigateur = playwright.chromium.launch(executable_path=executable_path, args=QUIET_ARGS)
        contexte = navigateur.new_context(base_url=base_url, locale="fr-FR",
                                          timezone_id="Europe/Paris")
        page = contexte.new_page()

        page.goto("/")
        page.get_by_label("Code postal").fill(personne.code_postal)
        page.get_by_role("button", name="Sélectionner").click()
        dialogue = page.get_by_role("dialog", name="Votre caisse d'assurance maladie")
        expect(dialogue).to_contain_text(f"{personne.caisse} ({personne.departement})")
        dialogue.get_by_role("button", name="Confirmer").click()
        expect(page.get_by_text("Votre caisse :")).to_contain_text(personne.caisse)

        with contexte.expect_page() as nouvel_onglet:
            page.get_by_role("complementary", name="Mes services en ligne").get_by_role(
                "link", name="Compte AMELI").click()
        onglet = nouvel_onglet.value
        onglet.wait_for_load_state()
        titre = onglet.get_by_role("heading", level=1)
        expect(titre).to_have_text("Mon compte ameli")
        onglet.get_by_role("link", name="Je crée mon compte").click()

        expect(titre).to_have_text("Je crée mon compte ameli")
        onglet.get_by_label("Mon nom").fill(personne.nom)
        onglet.get_by_label("Mon numéro de sécurité sociale").fill(personne.nir)
        onglet.get_by_label("Ma date de naissance").fill(personne.date_naissance_fr)
        onglet.get_by_label("Mon code postal").fill(personne.code_postal)
        onglet.get_by_role("button", name="Continuer").click()

        expect(titre).to_have_text("Accédez immédiatement à votre compte")
        expect(onglet.get_by_text(personne.prefixe_iban)).to_be_visible()
        onglet.get_by_label("Saisissez les 7 derniers chiffres de votre IBAN").fill(
            personne.sept_derniers_iban)
        onglet.get_by_label("Saisissez les 11 derniers chiffres du numéro de série de votre "
                            "carte Vitale avec photo").fill(personne.onze_derniers_vitale)
        onglet.get_by_role("button", name="Valider").click()

        expect(titre).to_have_text("J'accepte les conditions d'utilisation")
        onglet.get_by_role("radio", name="Oui, j'accepte").check()
        onglet.get_by_role("button", name="Continuer").click()

        etapes = onglet.get_by_role("list", name="Étapes de la création du compte")
        expect(etapes.locator("[aria-current='step']")).to_have_text("Étape 2")
        onglet.get_by_label("Saisissez un code personnel").fill(CODE_PERSONNEL)
        onglet.get_by_label("Confirmer le code personnel").fill(CODE_PERSONNEL)
        onglet.get_by_role("button", name="Continuer").click()

        expect(titre).to_have_text("Informations personnelles")
        onglet.get_by_label("Saisissez votre adresse email").fill(email)
        onglet.get_by_label("Je confirme mon adresse email").fill(email)
        onglet.get_by_role("button", name="Continuer").click()

        expect(onglet.get_by_role("status")).to_contain_text(email)
        onglet.goto(f"/messagerie?to={email}")
        onglet.get_by_role("link", name="Compte ameli : validez votre adresse email").first.click()
        expect(onglet.get_by_text("vous ne disposez que de 7 jours")).to_be_visible()
        onglet.get_by_role("link", name="valider votre adresse email").first.click()
        expect(titre).to_have_text("Votre adresse email est validée")

        onglet.goto("/compte")
        onglet.get_by_label("Mon numéro de sécurité sociale").fill(personne.nir)
        onglet.get_by_label("Mon code personnel").fill(CODE_PERSONNEL)
        onglet.get_by_role("button", name="Je me connecte").click()
        expect(titre).to_have_text(re.compile(rf"Bienvenue .*{re.escape(personne.nom)}"))
        mails = contexte.request.get("/_test/mails", params={"to": email}).json()
        if len(mails) != 1:
            raise AssertionError(f"{len(mails)} mails pour {email}")

        contexte.close()
        navigateur.close()
    return time.perf_counter() - debut


def main(argv: list[str] | None = None) -> None:
    """Walk the journey once against the mock at `--base-url` and print its duration."""
    parser = argparse.ArgumentParser(prog="python -m bench.bare_journey", description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--executable-path", default=None,
                        help="the Chromium to launch (default: Playwright's own)")
    args = parser.parse_args(argv)
    print(f"{parcours(args.base_url.rstrip('/'), args.executable_path):.3f}")


if __name__ == "__main__":
    main()
