"""The journey test's clicks as a bare Playwright script: no pytest, no page objects, no report.

`python -m bench.bare_journey --base-url URL` walks the nine screens with the clicks and checks
of `e2e/test_parcours.py` and prints its seconds: the baseline of `make bench`'s journey section.
"""

from __future__ import annotations

import argparse
import re
import time

import requests
from playwright.sync_api import Page, expect, sync_playwright

from fixtures.assures import CODE_PERSONNEL_EXEMPLE as CODE_PERSONNEL
from fixtures.assures import Assure
from pages import textes as t
from plugins.browser import resolve_chromium_executable

QUIET_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]


def creer_personne(base_url: str) -> Assure:
    """An eligible person stored by the mock's test-data API."""
    reponse = requests.post(f"{base_url}/_test/assures", json={}, timeout=30)
    reponse.raise_for_status()
    return Assure.from_json(reponse.json())


def _ouvrir_le_portail(page: Page, personne: Assure) -> Page:
    """Screens 1 to 3: the caisse chosen on the home, the portal opened in a new tab."""
    page.goto("/")
    page.get_by_label(t.ACCUEIL.code_postal).fill(personne.code_postal)
    page.get_by_role("button", name=t.ACCUEIL.selectionner).click()
    dialogue = page.get_by_role("dialog", name=t.DIALOGUE_CAISSE.titre)
    expect(dialogue).to_contain_text(f"{personne.caisse} ({personne.departement})")
    dialogue.get_by_role("button", name=t.DIALOGUE_CAISSE.confirmer).click()
    expect(page.get_by_text(t.ACCUEIL.caisse_choisie)).to_contain_text(personne.caisse)
    with page.context.expect_page() as nouvel_onglet:
        page.get_by_role("complementary", name=t.ACCUEIL.cadre_rose).get_by_role(
            "link", name=t.ACCUEIL.compte_ameli
        ).click()
    onglet = nouvel_onglet.value
    onglet.wait_for_load_state()
    expect(onglet.get_by_role("heading", level=1)).to_have_text(t.PORTAIL.titre)
    return onglet


def _creer_le_compte(onglet: Page, personne: Assure, email: str) -> None:
    """Screens 4 to 8: the creation form, the identity check, the terms, the code, the email."""
    titre = onglet.get_by_role("heading", level=1)
    onglet.get_by_role("link", name=t.PORTAIL.je_cree_mon_compte).click()
    expect(titre).to_have_text(t.CREATION.titre)
    onglet.get_by_label(t.CREATION.nom_de_famille).fill(personne.nom)
    onglet.get_by_label(t.CREATION.nir).fill(personne.nir)
    onglet.get_by_label(t.CREATION.date_naissance).fill(personne.date_naissance_fr)
    onglet.get_by_label(t.CREATION.code_postal).fill(personne.code_postal)
    onglet.get_by_role("button", name=t.CREATION.continuer).click()
    expect(titre).to_have_text(t.IDENTITE.titre)
    expect(onglet.get_by_text(personne.prefixe_iban)).to_be_visible()
    onglet.get_by_label(t.IDENTITE.iban).fill(personne.sept_derniers_iban)
    onglet.get_by_label(t.IDENTITE.vitale).fill(personne.onze_derniers_vitale)
    onglet.get_by_role("button", name=t.IDENTITE.valider).click()
    expect(titre).to_have_text(t.CONDITIONS.titre)
    onglet.get_by_role("radio", name=t.CONDITIONS.oui).check()
    onglet.get_by_role("button", name=t.CONDITIONS.continuer).click()
    etapes = onglet.get_by_role("list", name=t.ETAPES.titre)
    expect(etapes.locator("[aria-current='step']")).to_have_text(t.CODE_PERSONNEL.etape)
    onglet.get_by_label(t.CODE_PERSONNEL.code).fill(CODE_PERSONNEL)
    onglet.get_by_label(t.CODE_PERSONNEL.confirmation).fill(CODE_PERSONNEL)
    onglet.get_by_role("button", name=t.CODE_PERSONNEL.continuer).click()
    expect(titre).to_have_text(t.COORDONNEES.titre)
    onglet.get_by_label(t.COORDONNEES.email).fill(email)
    onglet.get_by_label(t.COORDONNEES.email_confirmation).fill(email)
    onglet.get_by_role("button", name=t.COORDONNEES.continuer).click()
    expect(onglet.get_by_role("status")).to_contain_text(email)


def _valider_et_se_connecter(onglet: Page, personne: Assure, email: str) -> None:
    """Screen 9 and after: the email's link followed, then a login to the new account."""
    titre = onglet.get_by_role("heading", level=1)
    onglet.goto(f"/messagerie?to={email}")
    onglet.get_by_role("link", name=t.MESSAGERIE.sujet_validation).first.click()
    expect(onglet.get_by_text(t.MESSAGERIE.sept_jours)).to_be_visible()
    onglet.get_by_role("link", name=t.MESSAGERIE.lien_validation).first.click()
    expect(titre).to_have_text(t.VALIDATION.titre)
    onglet.goto("/compte")
    onglet.get_by_label(t.PORTAIL.nir).fill(personne.nir)
    onglet.get_by_label(t.PORTAIL.code_personnel).fill(CODE_PERSONNEL)
    onglet.get_by_role("button", name=t.PORTAIL.se_connecter).click()
    expect(titre).to_have_text(re.compile(rf"{t.ESPACE.titre} .*{re.escape(personne.nom)}"))
    mails = onglet.context.request.get("/_test/mails", params={"to": email}).json()
    if len(mails) != 1:
        raise AssertionError(f"{len(mails)} mails pour {email}")


def parcours(base_url: str) -> float:
    """Walk the journey once; return the seconds from Playwright's start to its stop."""
    debut = time.perf_counter()
    with sync_playwright() as playwright:
        # The test's person is created during its setup too, once Playwright runs.
        personne = creer_personne(base_url)
        # The Chromium the suite launches (Playwright's own, or the system's where it has none).
        executable = resolve_chromium_executable(playwright.chromium.executable_path)
        navigateur = playwright.chromium.launch(executable_path=executable, args=QUIET_ARGS)
        contexte = navigateur.new_context(
            base_url=base_url, locale="fr-FR", timezone_id="Europe/Paris"
        )
        onglet = _ouvrir_le_portail(contexte.new_page(), personne)
        email = f"{personne.nir}@exemple.fr"
        _creer_le_compte(onglet, personne, email)
        _valider_et_se_connecter(onglet, personne, email)
        contexte.close()
        navigateur.close()
    return time.perf_counter() - debut


def main(argv: list[str] | None = None) -> None:
    """Walk the journey once against the mock at `--base-url` and print its duration."""
    parser = argparse.ArgumentParser(prog="python -m bench.bare_journey", description=__doc__)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    print(f"{parcours(args.base_url.rstrip('/')):.3f}")


if __name__ == "__main__":
    main()
