"""Tests of the screenshot tool (`screenshots/`): comparison, arrow, catalogue, documents, and
browser runs showing that an unchanged screen gives the same bytes, that a changed wording is
caught and named, and that a heading the wording module does not expect stops the run in one
line. The mock is started as a process (`screenshots.serveur`), as the tool starts it."""

from __future__ import annotations

import argparse
import contextlib
import json
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser, BrowserContext, expect
from playwright.sync_api import TimeoutError as DelaiDepasse

from pages.base import TexteInattendu
from pages.textes import ACCUEIL, IDENTITE
from pages.tutoriel import ETAPES, SOURCE
from screenshots import __main__ as cli
from screenshots import atelier
from screenshots.atelier import (
    ElementSurligne,
    Reglages,
    Resultat,
    capturer_parcours,
    element_introuvable,
    lire_role_nom,
)
from screenshots.catalogue import CAPTURES, PAR_NOM, VIEWPORTS, Cote, choisir
from screenshots.comparaison import (
    TOLERANCE_PAR_DEFAUT,
    comparer,
    comparer_dossiers,
    differences,
)
from screenshots.documents import manifeste, navigateur, tutoriel
from screenshots.parcours import HORLOGE_DEMO, email_demo, personne_demo
from screenshots.serveur import mock_a_horloge_fixe
from screenshots.surlignage import Rect, dessin, placer_fleche


def _png(
    chemin: Path, taille: tuple[int, int] = (40, 30), pixels: tuple[tuple[int, int], ...] = ()
) -> Path:
    """A white PNG with some pixels black."""
    image = Image.new("RGB", taille, (255, 255, 255))
    for pixel in pixels:
        image.putpixel(pixel, (0, 0, 0))
    image.save(chemin)
    return chemin


# Comparison ----------------------------------------------------------------------------------


def test_deux_images_identiques_ne_different_d_aucun_pixel(tmp_path: Path) -> None:
    """Same pixels: a share of 0 and no diff image."""
    ecart = comparer(
        "etape-1", _png(tmp_path / "a.png"), _png(tmp_path / "b.png"), tmp_path / "diff.png"
    )
    assert ecart.part == 0
    assert ecart.diff is None
    assert not ecart.depasse(0)


def test_les_memes_pixels_encodes_autrement_ne_sont_pas_un_changement(tmp_path: Path) -> None:
    """The bytes differ (another compression level), the pixels do not: nothing changed."""
    attendue = _png(tmp_path / "a.png", pixels=((3, 4),))
    with Image.open(attendue) as image:
        image.save(tmp_path / "b.png", compress_level=0)
    assert attendue.read_bytes() != (tmp_path / "b.png").read_bytes()
    ecart = comparer("etape-1", attendue, tmp_path / "b.png", tmp_path / "diff.png")
    assert (ecart.part, ecart.diff) == (0, None)


def test_quelques_pixels_changes_sont_comptes_et_dessines_en_rouge(tmp_path: Path) -> None:
    """Three pixels out of 1200 changed: counted, over a zero tolerance, red in the diff."""
    changes = ((1, 1), (10, 5), (39, 29))
    ecart = comparer(
        "etape-1",
        _png(tmp_path / "a.png"),
        _png(tmp_path / "b.png", pixels=changes),
        tmp_path / "diff.png",
    )
    assert ecart.part == pytest.approx(3 / 1200)
    assert ecart.depasse(0.001)
    assert not ecart.depasse(0.01)
    assert ecart.diff is not None
    with Image.open(ecart.diff) as diff:
        assert [diff.getpixel(p) for p in changes] == [(230, 0, 0)] * 3
        assert diff.getpixel((20, 20)) != (230, 0, 0)


def test_une_image_plus_haute_compte_ses_lignes_en_plus_comme_changees(tmp_path: Path) -> None:
    """A page that grew: compared on the union of both sizes."""
    ecart = comparer(
        "etape-8",
        _png(tmp_path / "a.png", (40, 30)),
        _png(tmp_path / "b.png", (40, 40)),
        tmp_path / "diff.png",
    )
    assert ecart.part == pytest.approx(10 / 40)
    assert "40×30 → 40×40" in ecart.description()


def test_une_reference_absente_est_un_changement(tmp_path: Path) -> None:
    """A new screenshot has no baseline yet: it must be accepted with make screenshots."""
    (tmp_path / "actual").mkdir()
    _png(tmp_path / "actual" / "etape-2.png")
    (ecart,) = comparer_dossiers(
        ["etape-2"], tmp_path / "baseline", tmp_path / "actual", tmp_path / "diff"
    )
    assert ecart.depasse(1.0)
    assert "pas d'image de référence" in ecart.description()


# A synthetic capture, the size of the desktop viewport: a heading, three labels, a button and a
# round "?" icon, each drawn from a coverage mask so that the "rasteriser" can be varied: a
# gamma on the edge coverage is how two builds' anti-aliasing differ while the page does not.
_BLEU_AMELI = (18, 102, 241)


def _page_synthetique(
    *,
    gamma: float = 1.0,
    titre: str = IDENTITE.titre,
    icone_x: int = 600,
    bouton: tuple[int, int, int] = _BLEU_AMELI,
) -> Image.Image:
    largeur, hauteur = VIEWPORTS["desktop"].largeur, VIEWPORTS["desktop"].hauteur
    pixels = np.full((hauteur, largeur, 3), 255.0)

    def peindre(
        dessiner: Callable[[ImageDraw.ImageDraw], None], couleur: tuple[int, int, int]
    ) -> None:
        masque = Image.new("L", (largeur, hauteur), 0)
        dessiner(ImageDraw.Draw(masque))
        # Only the drawn box is blended: outside it the coverage is 0 and the pixels stay.
        gauche, haut, droite, bas = masque.getbbox() or (0, 0, 0, 0)
        zone = pixels[haut:bas, gauche:droite]
        couverture = (
            np.asarray(masque.crop((gauche, haut, droite, bas)), np.float64) / 255
        ) ** gamma
        zone[:] = zone * (1 - couverture[..., None]) + np.array(couleur) * couverture[..., None]

    def texte(
        xy: tuple[int, int], contenu: str, taille: int
    ) -> Callable[[ImageDraw.ImageDraw], None]:
        police = ImageFont.load_default(size=taille)
        return lambda dessin: dessin.text(xy, contenu, font=police, fill=255)

    peindre(texte((80, 60), titre, 28), (12, 65, 154))
    for rang, libelle in enumerate((IDENTITE.iban, IDENTITE.vitale, IDENTITE.sans_numero_de_serie)):
        peindre(texte((80, 160 + rang * 60), libelle, 16), (40, 40, 40))
    peindre(lambda d: d.rounded_rectangle((80, 400, 240, 444), radius=8, fill=255), bouton)
    peindre(texte((120, 410), IDENTITE.valider, 16), (255, 255, 255))
    peindre(lambda d: d.ellipse((icone_x, 160, icone_x + 22, 182), fill=255), _BLEU_AMELI)
    peindre(texte((icone_x + 7, 160), "?", 17), (255, 255, 255))
    return Image.fromarray(np.round(pixels).astype(np.uint8))


@pytest.fixture(scope="module")
def page_de_reference() -> Image.Image:
    """The synthetic capture as the baselines' build draws it."""
    return _page_synthetique()


@pytest.mark.parametrize("gamma", [0.8, 1.25])
def test_l_anticrenelage_d_un_autre_rendu_ne_compte_pas(
    page_de_reference: Image.Image, gamma: float
) -> None:
    """The same page, its glyph edges drawn a shade lighter or darker: nothing changed."""
    autre_rendu = _page_synthetique(gamma=gamma)
    octets_differents = (np.asarray(page_de_reference) != np.asarray(autre_rendu)).any(axis=-1)
    assert octets_differents.sum() > 5000  # the strict comparison would have failed
    assert differences(page_de_reference, autre_rendu).part <= TOLERANCE_PAR_DEFAUT


@pytest.mark.parametrize("gamma", [1.0, 1.25])
@pytest.mark.parametrize(
    "titre",
    [
        "Accédez tout de suite à votre compte",  # one word reworded
        IDENTITE.titre.replace("compte", "Compte"),  # one letter
    ],
)
def test_un_titre_reformule_est_detecte(
    page_de_reference: Image.Image, titre: str, gamma: float
) -> None:
    """A reworded heading is a change, drawn by this build or by another one."""
    ecarts = differences(page_de_reference, _page_synthetique(titre=titre, gamma=gamma))
    assert ecarts.part > 20 * TOLERANCE_PAR_DEFAUT


@pytest.mark.parametrize("gamma", [1.0, 1.25])
def test_une_icone_decalee_d_un_pixel_est_detectee(
    page_de_reference: Image.Image, gamma: float
) -> None:
    """The "?" icon moved one pixel to the right is a change, not anti-aliasing."""
    ecarts = differences(page_de_reference, _page_synthetique(icone_x=601, gamma=gamma))
    assert ecarts.part > 2 * TOLERANCE_PAR_DEFAUT


@pytest.mark.parametrize(
    "bouton", [(12, 65, 154), (30, 110, 230)], ids=["bleu-fonce", "bleu-a-peine-plus-clair"]
)
def test_un_changement_de_couleur_est_detecte(
    page_de_reference: Image.Image, bouton: tuple[int, int, int]
) -> None:
    """A button's colour changed, even by a few luminance levels, is a change."""
    ecarts = differences(page_de_reference, _page_synthetique(bouton=bouton))
    assert ecarts.part > 100 * TOLERANCE_PAR_DEFAUT


def test_le_diff_montre_l_anticrenelage_en_jaune_et_les_changements_en_rouge(
    page_de_reference: Image.Image, tmp_path: Path
) -> None:
    """Forgiven pixels stay visible in the diff image, in another colour than the changes."""
    attendue, obtenue = tmp_path / "a.png", tmp_path / "b.png"
    page_de_reference.save(attendue)
    _page_synthetique(gamma=0.6, titre="Accédez tout de suite à votre compte").save(obtenue)
    ecart = comparer("etape-5-identite", attendue, obtenue, tmp_path / "diff.png")
    assert ecart.anticrenelage > 0
    assert "pixels d'anticrénelage ignorés" in ecart.description()
    assert ecart.diff is not None
    with Image.open(ecart.diff) as diff:
        couleurs = {couleur for _, couleur in diff.getcolors(maxcolors=1 << 20) or []}
    assert {(230, 0, 0), (255, 200, 0)} <= couleurs


# Arrow ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cible", "largeur_page", "cote", "pointe"),
    [
        (Rect(500, 300, 100, 40), 1280, "gauche", (494, 320)),
        (Rect(500, 300, 100, 40), 1280, "droite", (606, 320)),
        (Rect(10, 300, 100, 40), 1280, "gauche", (116, 320)),  # no room on the left
        (Rect(5, 300, 380, 40), 390, "gauche", (195, 346)),  # nor on the right: from below
        (Rect(5, 300, 380, 40), 390, ("droite", "haut"), (195, 294)),  # from above, as preferred
        (Rect(500, 300, 100, 40), 1280, ("droite", "haut"), (606, 320)),
    ],
)
def test_la_fleche_pointe_le_cadre_du_cote_ou_il_y_a_la_place(
    cible: Rect, largeur_page: int, cote: Cote | tuple[Cote, ...], pointe: tuple[float, float]
) -> None:
    """The tip touches the outline, on the side asked for when there is room."""
    assert placer_fleche(cible, largeur_page, 900, cote).pointe == pytest.approx(pointe)


def test_la_fleche_reste_dans_la_page() -> None:
    """An element at the bottom of the page: the arrow comes from above."""
    fleche = placer_fleche(Rect(500, 880, 100, 18), 1280, 900)
    assert 0 <= fleche.queue[1] <= 900
    assert fleche.queue[1] < fleche.pointe[1]


def test_le_dessin_est_un_svg_de_la_taille_de_la_page() -> None:
    """Outline and arrow in one SVG covering the whole page."""
    svg = dessin(Rect(500, 300, 100, 40), 1280, 1500)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1500"')
    assert svg.count("<rect") == 2
    assert svg.count("<polygon") == 1


# Catalogue, documents, command line ----------------------------------------------------------


def test_chaque_etape_du_tutoriel_a_une_capture_a_son_nom() -> None:
    """Nine steps, each with at least one `etape-N-…` PNG."""
    assert {c.etape for c in CAPTURES} == set(range(1, 10))
    assert all(c.nom.startswith(f"etape-{c.etape}-") for c in CAPTURES)
    assert {
        "etape-1-code-postal",
        "etape-9-email",
        "etape-1-dialogue-caisse",
        "etape-1-pas-ma-caisse",
        "etape-4-erreur-saisie",
        "etape-4-franceconnect",
    } <= PAR_NOM.keys()


def test_only_prend_des_noms_et_des_numeros_d_etape() -> None:
    """`--only 4` is every screenshot of step 4; an unknown name is refused."""
    assert [c.nom for c in choisir(["4"])] == [
        "etape-4-formulaire",
        "etape-4-erreur-saisie",
        "etape-4-franceconnect",
        "etape-4-franceconnect-choix",
        "etape-4-franceconnect-connexion",
        "etape-4-franceconnect-consentement",
    ]
    assert [c.nom for c in choisir(["etape-9-email", "1"])][-1] == "etape-9-email"
    assert choisir(None) == CAPTURES
    with pytest.raises(ValueError, match="capture inconnue"):
        choisir(["etape-10"])


@pytest.mark.parametrize(
    ("instantane", "role", "nom"),
    [
        ('- button "Sélectionner"', "button", "Sélectionner"),
        ('- textbox "Mon nom": HEBERT', "textbox", "Mon nom"),
        ('- radio "Oui, j\'accepte" [checked]', "radio", "Oui, j'accepte"),
        ('- link "Compte AMELI":\n  - img\n  - text: Compte AMELI', "link", "Compte AMELI"),
        ("- status: Un email a été envoyé", "status", ""),
        ('- button "Dire \\"oui\\""', "button", 'Dire "oui"'),
    ],
)
def test_l_element_surligne_est_nomme_par_son_role_et_son_nom_accessible(
    instantane: str, role: str, nom: str
) -> None:
    """The manifest's element comes from the ARIA snapshot's first line."""
    element = lire_role_nom(instantane)
    assert (element.role, element.nom) == (role, nom)


def test_le_tutoriel_lie_chaque_capture_une_fois_et_cite_sa_source(tmp_path: Path) -> None:
    """docs/tutoriel.md: each PNG once, linked relative to it, with the licence."""
    texte = tutoriel(tmp_path / "docs" / "screenshots", tmp_path / "docs" / "tutoriel.md")
    for capture in CAPTURES:
        assert texte.count(f"](screenshots/{capture.fichier})") == 1
    for etape in ETAPES.values():
        assert texte.count(f"### {etape.titre}\n") == 1
    assert SOURCE["auteur"] in texte
    assert SOURCE["licence"] in texte


def test_le_manifeste_donne_etape_titre_fichier_viewport_et_element() -> None:
    """One entry per screenshot, in the tutorial's order."""
    resultats = [Resultat(c, ElementSurligne("button", "Continuer"), None) for c in CAPTURES]
    contenu = manifeste(resultats, VIEWPORTS["mobile"], surlignage=True, navigateur="Chromium 1")
    entrees = contenu["captures"]
    assert isinstance(entrees, list)
    assert entrees[0] == {
        "etape": 1,
        "titre": ETAPES[1].titre,
        "nom": "etape-1-code-postal",
        "fichier": "etape-1-code-postal.png",
        "viewport": "mobile",
        "legende": CAPTURES[0].legende,
        "branche": False,
        "element": {"role": "button", "nom": "Continuer"},
    }
    assert [e["etape"] for e in entrees] == sorted(e["etape"] for e in entrees)


def test_le_manifeste_ne_nomme_que_la_version_majeure_du_navigateur() -> None:
    """A patch release of Chromium leaves the manifests unchanged."""
    assert navigateur("156.0.8078.108") == navigateur("156.0.8078.122") == "Chromium 156"


def test_la_personne_de_demonstration_ne_change_jamais() -> None:
    """Same seed and day: the same person, with a plain-ASCII email address."""
    assert personne_demo() == personne_demo()
    assert email_demo(personne_demo()).isascii()


def test_la_tolerance_vient_de_visual_tolerance(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--tolerance` defaults to $VISUAL_TOLERANCE, else the comparison's own default."""
    monkeypatch.delenv("VISUAL_TOLERANCE", raising=False)
    assert cli.analyseur().parse_args([]).tolerance == TOLERANCE_PAR_DEFAUT
    monkeypatch.setenv("VISUAL_TOLERANCE", "0.02")
    arguments = cli.analyseur().parse_args(["--viewport", "mobile", "--only", "3"])
    assert (arguments.tolerance, arguments.viewport, arguments.only) == (0.02, ["mobile"], ["3"])


def test_un_titre_inattendu_tient_en_une_ligne_qui_nomme_le_fichier_a_modifier() -> None:
    """The message names the screen, both headings and the wording module."""
    erreur = TexteInattendu(IDENTITE, IDENTITE.titre, "Accédez à votre compte")
    message = str(erreur)
    assert "\n" not in message
    assert message.startswith("écran 5 (confirmation d'identité) : ")
    assert f"attendu « {IDENTITE.titre} », trouvé « Accédez à votre compte »" in message
    assert message.endswith("reportez-le dans pages/textes.py")


class _NavigateurFactice:
    """What the tool asks of the browser before the journey: nothing is launched."""

    version = "0.0"

    def close(self) -> None:
        """Nothing to close."""


def test_make_screenshots_s_arrete_sur_une_ligne_quand_un_titre_a_change(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No traceback: exit status 2 and the one line of `TexteInattendu` on stderr."""
    erreur = TexteInattendu(IDENTITE, IDENTITE.titre, "Accédez à votre compte")

    def capturer_avec_un_autre_titre(*_args: object, **_kwargs: object) -> list[Resultat]:
        raise erreur

    monkeypatch.setattr(atelier, "capturer_parcours", capturer_avec_un_autre_titre)
    # The journey is replaced: no Playwright is started (a second sync_playwright() is refused
    # in a worker whose browser tests already started one), no browser launched.
    monkeypatch.setattr(cli, "sync_playwright", lambda: contextlib.nullcontext())
    monkeypatch.setattr(atelier, "lancer_chromium", lambda _playwright: _NavigateurFactice())
    statut = cli.main(["--base-url", "http://127.0.0.1:9", "--output", str(tmp_path)])
    assert statut == 2
    assert capsys.readouterr().err.splitlines() == [f"python -m screenshots : {erreur}"]


@pytest.mark.parametrize(
    ("journal", "attendu"),
    [
        (
            'get_by_label("Mon nom")',
            "écran 4 (formulaire de création) : « Mon nom » (CREATION.nom_de_famille) introuvable",
        ),
        (
            'get_by_role("button", name="Valider")',
            "écran 5 (confirmation d'identité) : « Valider » (IDENTITE.valider) introuvable",
        ),
        ('locator("#inconnu")', 'waiting for locator("#inconnu") introuvable'),
    ],
)
def test_un_libelle_introuvable_tient_en_une_ligne_qui_nomme_l_ecran(
    journal: str, attendu: str
) -> None:
    """Playwright's timeout (a call log over several lines) becomes one line naming the field."""
    erreur = DelaiDepasse(
        f"Locator.click: Timeout 10000ms exceeded.\nCall log:\n  - waiting for {journal}\n"
    )
    ligne = element_introuvable(erreur)
    assert "\n" not in ligne
    assert ligne.startswith(attendu)
    assert ligne.endswith("reportez-le dans pages/textes.py")


# Browser runs, on a mock started as a process ------------------------------------------------


@pytest.fixture(scope="module")
def mock_des_captures() -> Iterator[str]:
    """The mock as the tool starts it: test mode, fresh database, clock stopped."""
    with mock_a_horloge_fixe() as url:
        yield url


def test_l_horloge_du_mock_des_captures_est_arretee_a_la_date_du_tutoriel(
    mock_des_captures: str,
) -> None:
    """Moving the clock by 0 days answers the stopped moment: 19 March 2021, 09:00 UTC."""
    requete = urllib.request.Request(
        f"{mock_des_captures}/_test/clock",
        method="POST",
        data=json.dumps({"days": 0, "global": True}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(requete, timeout=10) as reponse:
        maintenant = json.load(reponse)["now"]
    assert maintenant.startswith(HORLOGE_DEMO.strftime("%Y-%m-%dT%H:%M"))


# The text is replaced as the parser adds it (a mutation observer, from the document's start),
# not at DOMContentLoaded: the page object's arrival check may read the heading before that
# event, and would then see the old text.
_REMPLACER_JS = """([chemin, ancien, nouveau]) => {
  if (location.pathname !== chemin) { return; }
  const remplacer = (noeud) => {
    if (noeud.nodeType === Node.TEXT_NODE) {
      if (noeud.data.includes(ancien)) { noeud.data = noeud.data.replace(ancien, nouveau); }
      return;
    }
    const textes = document.createTreeWalker(noeud, NodeFilter.SHOW_TEXT);
    while (textes.nextNode()) { remplacer(textes.currentNode); }
  };
  new MutationObserver((changements) => {
    for (const changement of changements) {
      if (changement.type === "characterData") { remplacer(changement.target); }
      for (const ajoute of changement.addedNodes) { remplacer(ajoute); }
    }
  }).observe(document, {childList: true, subtree: true, characterData: true});
}"""


class _NavigateurAuTexteChange:
    """A browser whose pages at one path show a text replaced, as if its template had been
    edited: the mock runs in its own process, untouched. (A route cannot do it: the page after
    screen 4's POST comes by a redirect, which Chromium follows without routing it.)"""

    def __init__(self, browser: Browser, chemin: str, ancien: str, nouveau: str) -> None:
        self._browser = browser
        self._arguments = json.dumps([chemin, ancien, nouveau])
        self.version = browser.version

    def new_context(self, **arguments: Any) -> BrowserContext:
        contexte = self._browser.new_context(**arguments)
        contexte.add_init_script(f"({_REMPLACER_JS})({self._arguments})")
        return contexte


def _texte_change(browser: Browser, chemin: str, ancien: str, nouveau: str) -> Browser:
    return cast(Browser, _NavigateurAuTexteChange(browser, chemin, ancien, nouveau))


def _capturer(browser: Browser, base_url: str, dossier: Path, nom: str) -> Path:
    """Capture one screenshot alone (the journey stops right after it)."""
    resultats = capturer_parcours(
        browser,
        base_url,
        Reglages(dossier, VIEWPORTS["desktop"], captures=choisir([nom])),
        reinitialiser=True,
    )
    (fichier,) = [r.fichier for r in resultats if r.capture.nom == nom]
    assert fichier is not None
    return fichier


def test_un_ecran_inchange_donne_les_memes_octets(
    browser: Browser, mock_des_captures: str, tmp_path: Path
) -> None:
    """Two runs of the same code: byte-identical PNGs (Chromium encodes equal pixels equally)."""
    premiere = _capturer(browser, mock_des_captures, tmp_path / "premiere", "etape-1-code-postal")
    seconde = _capturer(browser, mock_des_captures, tmp_path / "seconde", "etape-1-code-postal")
    assert premiere.read_bytes() == seconde.read_bytes()


def test_un_texte_change_a_l_ecran_fait_echouer_la_comparaison_en_nommant_la_capture(
    browser: Browser, mock_des_captures: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A heading of the home reworded: `--compare` reports etape-1-code-postal as changed."""
    references = tmp_path / "docs"
    _capturer(browser, mock_des_captures, references, "etape-1-code-postal")
    arguments = cli.analyseur().parse_args(
        [
            "--compare",
            "--output",
            str(references),
            "--results",
            str(tmp_path / "results"),
            "--only",
            "etape-1-code-postal",
        ]
    )
    assert isinstance(arguments, argparse.Namespace)
    # A text no page object nor test expects: only the pixels tell it changed.
    autre_texte = _texte_change(
        browser, "/", "Rembourser, informer, prévenir", "Rembourser, informer, protéger"
    )

    (change,) = cli.executer(
        autre_texte,
        mock_des_captures,
        VIEWPORTS["desktop"],
        choisir(arguments.only),
        arguments,
        reinitialiser=True,
    )

    assert change.nom == "etape-1-code-postal"
    assert change.diff == tmp_path / "results" / "desktop" / "diff" / "etape-1-code-postal-diff.png"
    assert change.diff.exists()
    assert "CHANGÉ  desktop etape-1-code-postal" in capsys.readouterr().out


@pytest.fixture
def attente_courte() -> Iterator[None]:
    """`expect` gives up after 1 s instead of 5: a heading that is wrong stays wrong."""
    expect.set_options(timeout=1_000)
    yield
    expect.set_options(timeout=None)


@pytest.mark.usefixtures("attente_courte")
def test_un_titre_d_ecran_que_le_module_des_textes_n_attend_pas_arrete_la_capture(
    browser: Browser, mock_des_captures: str, tmp_path: Path
) -> None:
    """The home's heading changed in the page only: the run stops there, naming both texts."""
    autre_titre = _texte_change(browser, "/", ACCUEIL.titre, "Bienvenue sur ameli")
    with pytest.raises(TexteInattendu) as erreur:
        _capturer(autre_titre, mock_des_captures, tmp_path, "etape-1-code-postal")
    assert (erreur.value.textes, erreur.value.attendu, erreur.value.trouve) == (
        ACCUEIL,
        ACCUEIL.titre,
        "Bienvenue sur ameli",
    )
    assert not list(tmp_path.iterdir())
