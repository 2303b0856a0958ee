"""Tests of the screenshot tool (`screenshots/`): comparison, arrow, catalogue, documents, and
two browser runs, one showing that an unchanged screen gives the same bytes, one that a changed
template wording is caught and named."""

from __future__ import annotations

import argparse
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader
from PIL import Image
from playwright.sync_api import Browser
from werkzeug.serving import make_server

from mock_site import clock, create_app
from mock_site.config import clock_start
from screenshots import __main__ as cli
from screenshots.atelier import (
    ElementSurligne,
    Reglages,
    Resultat,
    capturer_parcours,
    lire_role_nom,
)
from screenshots.catalogue import CAPTURES, PAR_NOM, VIEWPORTS, Cote, choisir
from screenshots.comparaison import comparer, comparer_dossiers
from screenshots.documents import manifeste, tutoriel
from screenshots.parcours import HORLOGE_DEMO, email_demo, personne_demo
from screenshots.surlignage import Rect, dessin, placer_fleche

MODELE_ACCUEIL = "portail/accueil.html"
TITRE_ACCUEIL = "Bienvenue sur ameli, le site de l'Assurance Maladie"


def _png(chemin: Path, taille: tuple[int, int] = (40, 30),
         pixels: tuple[tuple[int, int], ...] = ()) -> Path:
    """A white PNG with some pixels black."""
    image = Image.new("RGB", taille, (255, 255, 255))
    for pixel in pixels:
        image.putpixel(pixel, (0, 0, 0))
    image.save(chemin)
    return chemin


# Comparison ----------------------------------------------------------------------------------

def test_identical_images_differ_by_no_pixel_and_get_no_diff(tmp_path: Path) -> None:
    """Same pixels: a share of 0 and no diff image."""
    ecart = comparer("etape-1", _png(tmp_path / "a.png"), _png(tmp_path / "b.png"),
                     tmp_path / "diff.png")
    assert ecart.part == 0
    assert ecart.diff is None
    assert not ecart.depasse(0)


def test_a_few_changed_pixels_are_counted_and_drawn_in_red(tmp_path: Path) -> None:
    """Three pixels out of 1200 changed: counted, over a zero tolerance, red in the diff."""
    changes = ((1, 1), (10, 5), (39, 29))
    ecart = comparer("etape-1", _png(tmp_path / "a.png"),
                     _png(tmp_path / "b.png", pixels=changes), tmp_path / "diff.png")
    assert ecart.part == pytest.approx(3 / 1200)
    assert ecart.depasse(0.001)
    assert not ecart.depasse(0.01)
    assert ecart.diff is not None
    with Image.open(ecart.diff) as diff:
        assert [diff.getpixel(p) for p in changes] == [(230, 0, 0)] * 3
        assert diff.getpixel((20, 20)) != (230, 0, 0)


def test_a_taller_image_counts_its_extra_rows_as_changed(tmp_path: Path) -> None:
    """A page that grew: compared on the union of both sizes."""
    ecart = comparer("etape-8", _png(tmp_path / "a.png", (40, 30)),
                     _png(tmp_path / "b.png", (40, 40)), tmp_path / "diff.png")
    assert ecart.part == pytest.approx(10 / 40)
    assert "40×30 → 40×40" in ecart.description()


def test_a_missing_baseline_is_a_change(tmp_path: Path) -> None:
    """A new screenshot has no baseline yet: it must be accepted with make screenshots."""
    (tmp_path / "actual").mkdir()
    _png(tmp_path / "actual" / "etape-2.png")
    (ecart,) = comparer_dossiers(["etape-2"], tmp_path / "baseline", tmp_path / "actual",
                                 tmp_path / "diff")
    assert ecart.depasse(1.0)
    assert "pas d'image de référence" in ecart.description()


# Arrow ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cible", "largeur_page", "cote", "pointe"), [
    (Rect(500, 300, 100, 40), 1280, "gauche", (494, 320)),
    (Rect(500, 300, 100, 40), 1280, "droite", (606, 320)),
    (Rect(10, 300, 100, 40), 1280, "gauche", (116, 320)),  # no room on the left
    (Rect(5, 300, 380, 40), 390, "gauche", (195, 346)),  # nor on the right: from below
    (Rect(5, 300, 380, 40), 390, ("droite", "haut"), (195, 294)),  # from above, as preferred
    (Rect(500, 300, 100, 40), 1280, ("droite", "haut"), (606, 320)),
])
def test_the_arrow_points_at_the_outline_from_the_side_with_room(
    cible: Rect, largeur_page: int, cote: Cote | tuple[Cote, ...], pointe: tuple[float, float]
) -> None:
    """The tip touches the outline, on the side asked for when there is room."""
    assert placer_fleche(cible, largeur_page, 900, cote).pointe == pytest.approx(pointe)


def test_the_arrow_stays_inside_the_page() -> None:
    """An element at the bottom of the page: the arrow comes from above."""
    fleche = placer_fleche(Rect(500, 880, 100, 18), 1280, 900)
    assert 0 <= fleche.queue[1] <= 900
    assert fleche.queue[1] < fleche.pointe[1]


def test_the_drawing_is_one_svg_the_size_of_the_page() -> None:
    """Outline and arrow in one SVG covering the whole page."""
    svg = dessin(Rect(500, 300, 100, 40), 1280, 1500)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1500"')
    assert svg.count("<rect") == 2
    assert svg.count("<polygon") == 1


# Catalogue, documents, command line ----------------------------------------------------------

def test_every_tutorial_step_has_a_screenshot_named_after_it() -> None:
    """Nine steps, each with at least one `etape-N-…` PNG."""
    assert {c.etape for c in CAPTURES} == set(range(1, 10))
    assert all(c.nom.startswith(f"etape-{c.etape}-") for c in CAPTURES)
    assert {"etape-1-code-postal", "etape-9-email", "etape-1-dialogue-caisse",
            "etape-1-pas-ma-caisse", "etape-4-erreur-saisie",
            "etape-4-franceconnect"} <= PAR_NOM.keys()


def test_only_takes_names_and_step_numbers() -> None:
    """`--only 4` is every screenshot of step 4; an unknown name is refused."""
    assert [c.nom for c in choisir(["4"])] == [
        "etape-4-formulaire", "etape-4-erreur-saisie", "etape-4-franceconnect",
        "etape-4-franceconnect-choix", "etape-4-franceconnect-connexion",
        "etape-4-franceconnect-consentement"]
    assert [c.nom for c in choisir(["etape-9-email", "1"])][-1] == "etape-9-email"
    assert choisir(None) == CAPTURES
    with pytest.raises(ValueError, match="capture inconnue"):
        choisir(["etape-10"])


@pytest.mark.parametrize(("instantane", "role", "nom"), [
    ('- button "Sélectionner"', "button", "Sélectionner"),
    ('- textbox "Mon nom": HEBERT', "textbox", "Mon nom"),
    ('- radio "Oui, j\'accepte" [checked]', "radio", "Oui, j'accepte"),
    ('- link "Compte AMELI":\n  - img\n  - text: Compte AMELI', "link", "Compte AMELI"),
    ('- status: Un email a été envoyé', "status", ""),
    ('- button "Dire \\"oui\\""', "button", 'Dire "oui"'),
])
def test_the_highlighted_element_is_named_by_role_and_accessible_name(
    instantane: str, role: str, nom: str
) -> None:
    """The manifest's element comes from the ARIA snapshot's first line."""
    element = lire_role_nom(instantane)
    assert (element.role, element.nom) == (role, nom)


def test_the_tutorial_links_every_screenshot_once_and_credits_its_source(tmp_path: Path) -> None:
    """docs/tutoriel.md: each PNG once, linked relative to it, with the licence."""
    texte = tutoriel(tmp_path / "docs" / "screenshots", tmp_path / "docs" / "tutoriel.md")
    for capture in CAPTURES:
        assert texte.count(f"](screenshots/{capture.fichier})") == 1
    for titre in ("Etape 1 : Se rendre sur le site Ameli.fr de son département",
                  "Etape 9 : Finaliser la création du compte personnel"):
        assert f"### {titre}" in texte
    assert "Solidarité Numérique" in texte
    assert "Licence Ouverte 2.0" in texte


def test_the_manifest_gives_step_title_file_viewport_and_element() -> None:
    """One entry per screenshot, in the tutorial's order."""
    resultats = [Resultat(c, ElementSurligne("button", "Continuer"), None) for c in CAPTURES]
    contenu = manifeste(resultats, VIEWPORTS["mobile"], surlignage=True, navigateur="Chromium 1")
    entrees = contenu["captures"]
    assert isinstance(entrees, list)
    assert entrees[0] == {
        "etape": 1,
        "titre": "Etape 1 : Se rendre sur le site Ameli.fr de son département",
        "nom": "etape-1-code-postal",
        "fichier": "etape-1-code-postal.png",
        "viewport": "mobile",
        "legende": CAPTURES[0].legende,
        "branche": False,
        "element": {"role": "button", "nom": "Continuer"},
    }
    assert [e["etape"] for e in entrees] == sorted(e["etape"] for e in entrees)


def test_the_demo_person_never_changes() -> None:
    """Same seed and day: the same person, with a plain-ASCII email address."""
    assert personne_demo() == personne_demo()
    assert email_demo(personne_demo()).isascii()


def test_the_tolerance_comes_from_visual_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--tolerance` defaults to $VISUAL_TOLERANCE, else 0: any changed pixel counts."""
    monkeypatch.delenv("VISUAL_TOLERANCE", raising=False)
    assert cli.analyseur().parse_args([]).tolerance == 0
    monkeypatch.setenv("VISUAL_TOLERANCE", "0.02")
    arguments = cli.analyseur().parse_args(["--viewport", "mobile", "--only", "3"])
    assert (arguments.tolerance, arguments.viewport, arguments.only) == (0.02, ["mobile"], ["3"])


def test_the_mock_clock_stands_still_at_mock_clock_start(tmp_path: Path) -> None:
    """MOCK_CLOCK_START fixes the clock in test mode and is ignored in production."""
    debut = clock_start("2021-03-19T10:00:00+01:00")
    assert debut == HORLOGE_DEMO == datetime(2021, 3, 19, 9, 0, tzinfo=UTC)
    for mode, fixe in (("test", True), ("production", False)):
        app = create_app({"MODE": mode, "DATABASE": str(tmp_path / f"{mode}.sqlite"),
                          "SECRET_KEY": "test", "CLOCK_START": debut})
        with app.app_context():
            assert (clock.maintenant() == debut) is fixe
    with pytest.raises(ValueError, match="MOCK_CLOCK_START invalide"):
        clock_start("demain")


# Browser runs --------------------------------------------------------------------------------

@contextmanager
def mock_en_processus(dossier: Path, modeles: dict[str, str] | None = None) -> Iterator[str]:
    """The mock served from this process, some templates replaced; yield its base URL."""
    app = create_app({"MODE": "test", "DATABASE": str(dossier / "mock.sqlite"),
                      "SECRET_KEY": secrets.token_hex(16), "CLOCK_START": HORLOGE_DEMO})
    if modeles:
        assert app.jinja_env.loader is not None
        app.jinja_env.loader = ChoiceLoader([DictLoader(modeles), app.jinja_env.loader])
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    try:
        yield f"http://127.0.0.1:{serveur.server_port}"
    finally:
        serveur.shutdown()
        fil.join()
        serveur.server_close()


def _capturer_etape_1(browser: Browser, base_url: str, dossier: Path) -> Path:
    """Capture `etape-1-code-postal` alone (the journey stops right after it)."""
    (resultat,) = capturer_parcours(
        browser, base_url,
        Reglages(dossier, VIEWPORTS["desktop"], captures=choisir(["etape-1-code-postal"])),
        reinitialiser=True,
    )
    assert resultat.fichier is not None
    return resultat.fichier


def test_an_unchanged_screen_gives_the_same_png_bytes(browser: Browser, tmp_path: Path) -> None:
    """Two runs of the same code: byte-identical PNGs (Chromium encodes equal pixels equally)."""
    with mock_en_processus(tmp_path) as base_url:
        premiere = _capturer_etape_1(browser, base_url, tmp_path / "premiere").read_bytes()
        seconde = _capturer_etape_1(browser, base_url, tmp_path / "seconde").read_bytes()
    assert premiere == seconde


def test_a_changed_template_wording_fails_the_comparison_naming_the_step(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The home's heading reworded: `--compare` reports etape-1-code-postal as changed."""
    references = tmp_path / "docs"
    with mock_en_processus(tmp_path) as base_url:
        _capturer_etape_1(browser, base_url, references)

    source = Path("mock_site/templates", MODELE_ACCUEIL).read_text(encoding="utf-8")
    assert TITRE_ACCUEIL in source
    modifie = source.replace(TITRE_ACCUEIL, "Bienvenue sur le site de l'Assurance Maladie")
    arguments = cli.analyseur().parse_args([
        "--compare", "--output", str(references), "--results", str(tmp_path / "results"),
        "--only", "etape-1-code-postal",
    ])
    assert isinstance(arguments, argparse.Namespace)
    (tmp_path / "modifie").mkdir()
    with mock_en_processus(tmp_path / "modifie", {MODELE_ACCUEIL: modifie}) as base_url:
        (change,) = cli.comparer(browser, base_url, VIEWPORTS["desktop"],
                                 choisir(arguments.only), arguments, reinitialiser=True)

    assert change.nom == "etape-1-code-postal"
    assert change.diff == tmp_path / "results" / "desktop" / "diff" / "etape-1-code-postal-diff.png"
    assert change.diff.exists()
    assert "CHANGÉ  desktop etape-1-code-postal" in capsys.readouterr().out
