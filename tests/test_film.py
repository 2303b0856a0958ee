"""Tests of the films (`film/`): chapters and captions follow the tutorial's catalogue and
sentences, the timeline counts pictures rather than reading a clock, the tracks are valid
WebVTT inside the film, and a short film, shot in a browser on the mock as `make video` shoots
it, decodes at 1280×720 for as long as its timeline says."""

from __future__ import annotations

import ast
import dataclasses
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser

from film.encodage import Encodeur
from film.films import FILMS, Film, tourner
from film.montage import Montage, Repere
from film.pistes import horodatage, texte_de_legende, webvtt
from film.pointeur import chemin, dessiner
from film.tournage import CADRE, Rythme
from pages import textes
from pages.tutoriel import CONSIGNES, ETAPES
from plugins.serveur_mock import RACINE
from screenshots.documents import FichiersFilm, tutoriel
from screenshots.parcours import Sequence, code_postal
from screenshots.serveur import mock_a_horloge_fixe

_CUE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$")


class _Pellicule:
    """A `Sortie` that keeps what it is given."""

    def __init__(self) -> None:
        self.ecrits: list[tuple[int, int]] = []

    def ecrire(self, image: Image.Image, debut: int, images: int) -> None:
        self.ecrits.append((debut, images))


def _blanc() -> Image.Image:
    return Image.new("RGB", (CADRE.largeur, CADRE.hauteur), "white")


def _reperes_du_fichier(chemin_vtt: Path) -> list[Repere]:
    """The cues of a WebVTT file, read back from its text."""
    lignes = chemin_vtt.read_text(encoding="utf-8").splitlines()
    assert lignes[0] == "WEBVTT"
    reperes = []
    for rang, ligne in enumerate(lignes):
        trouve = _CUE.match(ligne)
        if trouve:
            h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in trouve.groups())
            reperes.append(
                Repere(
                    h1 * 3600 + m1 * 60 + s1 + ms1 / 1000,
                    h2 * 3600 + m2 * 60 + s2 + ms2 / 1000,
                    lignes[rang + 1],
                )
            )
    return reperes


# Chapters and captions follow the catalogue -------------------------------------------------


def test_le_film_du_parcours_a_un_chapitre_par_etape_du_tutoriel_dans_l_ordre() -> None:
    """Every step of the catalogue, in order, titled « Étape N : … »; a step removed from the
    catalogue, or one the film skips, fails here."""
    assert FILMS["parcours"].chapitres() == tuple(e.libelle for e in ETAPES.values())


def test_le_film_franceconnect_passe_de_l_etape_4_a_la_6() -> None:
    """FranceConnect establishes the identity: no step 5."""
    assert FILMS["franceconnect"].chapitres() == tuple(
        ETAPES[numero].libelle for numero in (4, 6, 7, 8, 9)
    )


def test_une_consigne_reprend_le_libelle_que_pages_textes_donne_a_l_ecran(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A button renamed in pages/textes.py: the tutorial's sentence, its caption and the
    Markdown tutorial say the new name."""
    monkeypatch.setattr(
        textes, "ACCUEIL", dataclasses.replace(textes.ACCUEIL, selectionner="Choisir")
    )
    assert CONSIGNES.selectionner.texte == 'cliquez sur "Choisir"'
    assert texte_de_legende(CONSIGNES.selectionner.texte) == 'Cliquez sur "Choisir"'
    documents = RACINE / "docs"
    assert '- cliquez sur "Choisir".' in tutoriel(documents / "screenshots", documents / "t.md")


def test_le_tutoriel_markdown_imprime_chaque_phrase_du_catalogue() -> None:
    """The sentences the captions show are those the Markdown tutorial prints: one place."""
    documents = RACINE / "docs"
    texte = tutoriel(documents / "screenshots", documents / "tutoriel.md")
    absentes = [c.texte for c in CONSIGNES.toutes() if c.imprimee and c.texte not in texte]
    assert absentes == []


def test_chaque_consigne_est_d_une_etape_du_catalogue() -> None:
    """A sentence belongs to a step the catalogue has."""
    assert {c.etape for c in CONSIGNES.toutes()} <= ETAPES.keys()


def test_le_tutoriel_integre_chaque_film_avec_ses_deux_pistes(tmp_path: Path) -> None:
    """docs/tutoriel.md plays each film (WebM, MP4) with French captions and chapters."""
    texte = tutoriel(tmp_path / "docs" / "screenshots", tmp_path / "docs" / "tutoriel.md")
    for nom in FILMS:
        fichiers = FichiersFilm(nom)
        assert f'poster="films/{fichiers.affiche}"' in texte
        assert f'<source src="films/{fichiers.webm}" type="video/webm">' in texte
        assert f'<source src="films/{fichiers.mp4}" type="video/mp4">' in texte
        assert (
            f'<track kind="captions" srclang="fr" label="Français" '
            f'src="films/{fichiers.legendes}" default>'
        ) in texte
        assert (
            f'<track kind="chapters" srclang="fr" label="Étapes" src="films/{fichiers.chapitres}">'
            in texte
        )


# The timeline and its tracks ----------------------------------------------------------------


def test_le_montage_compte_le_temps_en_images_et_non_a_l_horloge() -> None:
    """2.5 s is 62 pictures at 25 per second, whenever the picture came."""
    pellicule = _Pellicule()
    montage = Montage(pellicule, 25)
    montage.ajouter(_blanc(), 2.5)
    montage.ajouter(_blanc(), 0)
    montage.ajouter(_blanc(), 0.1)
    assert pellicule.ecrits == [(0, 62), (62, 1), (63, 2)]
    assert montage.temps == pytest.approx(65 / 25)


def test_les_reperes_se_suivent_et_restent_dans_le_film() -> None:
    """A caption ends where the next begins; `None` ends one; the last ends with the film."""
    montage = Montage(_Pellicule(), 25)
    montage.chapitre("Étape 1")
    montage.legende("a")
    montage.ajouter(_blanc(), 1)
    montage.legende("a")  # the same sentence goes on
    montage.ajouter(_blanc(), 1)
    montage.legende(None)
    montage.ajouter(_blanc(), 0.4)
    montage.chapitre("Étape 2")
    montage.legende("b")
    montage.ajouter(_blanc(), 1)
    pistes = montage.pistes()
    assert pistes.legendes == (Repere(0, 2, "a"), Repere(2.4, 3.4, "b"))
    assert pistes.chapitres == (Repere(0, 2.4, "Étape 1"), Repere(2.4, 3.4, "Étape 2"))
    assert pistes.duree == pytest.approx(3.4)


@pytest.mark.parametrize(
    ("secondes", "attendu"),
    [(0, "00:00:00.000"), (61.04, "00:01:01.040"), (3725.5, "01:02:05.500")],
)
def test_l_horodatage_est_celui_de_webvtt(secondes: float, attendu: str) -> None:
    """hh:mm:ss.ttt."""
    assert horodatage(secondes) == attendu


def test_une_legende_commence_par_une_majuscule_et_garde_le_gras_du_tutoriel() -> None:
    """Markdown's bold becomes WebVTT's <b>; < and & are escaped."""
    assert texte_de_legende("cliquez sur **« Continuer »** & <là>") == (
        "Cliquez sur <b>« Continuer »</b> &amp; &lt;là&gt;"
    )


def test_le_fichier_webvtt_numerote_ses_reperes() -> None:
    """A header, then numbered cues separated by blank lines."""
    assert webvtt((Repere(0, 1.5, "Un"), Repere(1.5, 3, "Deux"))) == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nUn\n\n2\n00:00:01.500 --> 00:00:03.000\nDeux\n"
    )


# The pointer and the encoders ---------------------------------------------------------------


def test_le_pointeur_arrive_sur_sa_cible_en_ralentissant() -> None:
    """The last position is the target; the steps are shorter at both ends."""
    positions = chemin((0, 0), (100, 0), 10)
    assert positions[-1] == (100, 0)
    pas = [b[0] - a[0] for a, b in itertools.pairwise([(0.0, 0.0), *positions])]
    assert pas[0] < pas[5]
    assert pas[-1] < pas[5]


def test_le_pointeur_est_dessine_a_sa_position() -> None:
    """Dark pixels just below-right of the tip, none far from it; the picture is not changed."""
    fond = _blanc()
    pixels = np.asarray(dessiner(fond, (200, 100)))
    assert pixels[110, 201:206].min() < 100
    assert pixels[300, 300].tolist() == [255, 255, 255]
    assert np.asarray(fond).min() == 255


def test_l_encodeur_ecrit_des_fichiers_lisibles_de_la_duree_du_montage(tmp_path: Path) -> None:
    """Two pictures, 1.2 s then 0.8 s: both files decode at 1280×720 and last 2 s."""
    taille = (CADRE.largeur, CADRE.hauteur)
    webm, mp4 = tmp_path / "f.webm", tmp_path / "f.mp4"
    with Encodeur(webm, mp4, taille, 25) as encodeur:
        montage = Montage(encodeur, 25)
        montage.ajouter(_blanc(), 1.2)
        montage.ajouter(Image.new("RGB", taille, "navy"), 0.8)
    for fichier, codec in ((webm, "vp9"), (mp4, "h264")):
        _verifier_video(fichier, codec, 2.0)


def test_les_memes_images_donnent_les_memes_octets(tmp_path: Path) -> None:
    """Two encodings of one timeline: byte-identical WebM and MP4 (no date, no random id)."""
    taille = (CADRE.largeur, CADRE.hauteur)
    for essai in ("a", "b"):
        with Encodeur(tmp_path / f"{essai}.webm", tmp_path / f"{essai}.mp4", taille, 25) as e:
            montage = Montage(e, 25)
            montage.ajouter(_blanc(), 0.5)
            montage.ajouter(Image.new("RGB", taille, "navy"), 0.5)
    for extension in ("webm", "mp4"):
        assert (tmp_path / f"a.{extension}").read_bytes() == (
            tmp_path / f"b.{extension}"
        ).read_bytes()


def _verifier_video(fichier: Path, codec: str, duree: float) -> None:
    with av.open(str(fichier)) as conteneur:
        flux = conteneur.streams.video[0]
        assert (flux.codec_context.name, flux.width, flux.height) == (codec, 1280, 720)
        trames = list(conteneur.decode(flux))
        assert conteneur.duration is not None
        assert conteneur.duration / 1_000_000 == pytest.approx(duree, abs=0.05)
    assert trames
    assert (trames[-1].width, trames[-1].height) == (1280, 720)


# A short film, shot in a browser ------------------------------------------------------------


@pytest.fixture(scope="module")
def mock_du_film() -> Iterator[str]:
    """The mock as `make video` starts it: test mode, fresh database, clock stopped."""
    with mock_a_horloge_fixe() as url:
        yield url


# Every duration short, so that the short film is quickly shot and encoded.
RYTHME_RAPIDE = Rythme(
    titre=0.2,
    trajet_min=0.08,
    trajet_max=0.08,
    visee=0.04,
    clic=0.08,
    frappe=0.04,
    apres_saisie=0.04,
    survol=0.04,
    montre=0.04,
    defilement=0.08,
    fin=0.2,
    caracteres_par_seconde=1000,
    lecture_min=0.2,
)


def test_un_court_film_se_decode_en_1280x720_avec_les_phrases_de_l_etape_1(
    browser: Browser, mock_du_film: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 1 alone: both files decode at 1280×720 for the timeline's duration; one chapter;
    the captions are step 1's sentences in the order of the journey, with a wording changed in
    pages/textes.py; the cues increase and end inside the film; a poster of the film's size."""
    monkeypatch.setattr(
        textes, "DIALOGUE_CAISSE", dataclasses.replace(textes.DIALOGUE_CAISSE, confirmer="Oui")
    )
    film = Film("court", (Sequence(1, code_postal),))
    pistes = tourner(browser, mock_du_film, film, tmp_path, RYTHME_RAPIDE, reinitialiser=True)

    for fichier, codec in ((film.fichiers.webm, "vp9"), (film.fichiers.mp4, "h264")):
        _verifier_video(tmp_path / fichier, codec, pistes.duree)
    with Image.open(tmp_path / film.fichiers.affiche) as affiche:
        assert affiche.size == (1280, 720)
    chapitres = _reperes_du_fichier(tmp_path / film.fichiers.chapitres)
    assert [c.texte for c in chapitres] == [ETAPES[1].libelle]
    legendes = _reperes_du_fichier(tmp_path / film.fichiers.legendes)
    phrases = (
        CONSIGNES.accueil,
        CONSIGNES.case_code_postal,
        CONSIGNES.cinq_chiffres,
        CONSIGNES.selectionner,
        CONSIGNES.pas_ma_caisse,
        CONSIGNES.cinq_chiffres,
        CONSIGNES.selectionner,
        CONSIGNES.confirmer_caisse,
    )
    assert [c.texte for c in legendes] == [texte_de_legende(p.texte) for p in phrases]
    assert legendes[-1].texte.startswith('Si le département proposé est le bon, cliquez sur "Oui"')
    for reperes in (chapitres, legendes):
        assert all(r.debut < r.fin <= pistes.duree + 0.001 for r in reperes)
        assert all(a.fin <= b.debut for a, b in itertools.pairwise(reperes))


# The code's own size ------------------------------------------------------------------------


def test_aucune_fonction_du_film_ni_des_captures_ne_depasse_60_lignes() -> None:
    """Functions a reader takes in at once."""
    longues = [
        f"{fichier.relative_to(RACINE)}:{noeud.name} ({noeud.end_lineno - noeud.lineno + 1})"
        for dossier in ("film", "screenshots")
        for fichier in sorted((RACINE / dossier).glob("*.py"))
        for noeud in ast.walk(ast.parse(fichier.read_text(encoding="utf-8")))
        if isinstance(noeud, ast.FunctionDef | ast.AsyncFunctionDef)
        and noeud.end_lineno is not None
        and noeud.end_lineno - noeud.lineno + 1 > 60
    ]
    assert longues == []
