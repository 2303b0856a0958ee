"""A page of the mock read the way a screen reader and a careful reader do, from its HTML.

`lire` gives each block of text (a heading, a paragraph, a list item, a label, a button, a
link) as one exact string, so a wording can be compared whole — a word dropped or added at
either end is seen, which `in` on the whole page would miss. It also resolves what assistive
technology announces: the accessible name of each element named by `aria-labelledby` or
`aria-label`, the description given by `aria-describedby`, and the text of each element with a
`role`. The structure checks shared by several test files live here too.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose text is read as one block (a <span> too: a header's or a prefix's text).
BLOCS = frozenset(
    {
        "title",
        "h1",
        "h2",
        "h3",
        "p",
        "li",
        "dt",
        "dd",
        "label",
        "legend",
        "button",
        "a",
        "option",
        "span",
    }
)
# Elements without content: never left open.
VIDES = frozenset({"input", "img", "br", "meta", "link", "hr", "source", "col", "wbr"})
REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")


def propre(texte: str) -> str:
    """A text as read: entities decoded, typographic apostrophes and spaces made plain."""
    lisible = html.unescape(texte).replace("’", "'").replace("\u00a0", " ")
    return " ".join(lisible.split())


@dataclass
class Element:
    """A start tag, its attributes and (for an element with content) the text inside it."""

    tag: str
    attributs: dict[str, str]
    morceaux: list[str] = field(default_factory=list)

    @property
    def texte(self) -> str:
        """The element's text, as read."""
        return propre("".join(self.morceaux))


class _Lecteur(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.ouverts: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {nom: valeur or "" for nom, valeur in attrs})
        self.elements.append(element)
        if tag == "br":
            # A line break separates two words.
            self.handle_data(" ")
        if tag not in VIDES:
            self.ouverts.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {nom: valeur or "" for nom, valeur in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self.ouverts) - 1, -1, -1):
            if self.ouverts[position].tag == tag:
                del self.ouverts[position:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.ouverts:
            element.morceaux.append(data)


@dataclass
class Page:
    """One page of the mock, read."""

    elements: list[Element]

    @property
    def titre(self) -> str:
        """The window's title."""
        return next(e.texte for e in self.elements if e.tag == "title")

    @property
    def blocs(self) -> list[str]:
        """The text of every block, in order (a paragraph and the link inside it both)."""
        return [e.texte for e in self.elements if e.tag in BLOCS]

    def par_id(self, identifiant: str) -> Element | None:
        """The element with this id."""
        return next((e for e in self.elements if e.attributs.get("id") == identifiant), None)

    def _resoudre(self, references: str) -> str:
        textes = []
        for identifiant in references.split():
            cible = self.par_id(identifiant)
            textes.append(cible.texte if cible is not None else f"<{identifiant} absent>")
        return " ".join(textes)

    @property
    def noms(self) -> list[tuple[str, str]]:
        """(tag, accessible name) of every element named by aria-labelledby or aria-label."""
        noms = []
        for e in self.elements:
            if "aria-labelledby" in e.attributs:
                noms.append((e.tag, self._resoudre(e.attributs["aria-labelledby"])))
            elif "aria-label" in e.attributs:
                noms.append((e.tag, propre(e.attributs["aria-label"])))
        return noms

    @property
    def descriptions(self) -> list[tuple[str, str]]:
        """(element's text, description) of every element described by aria-describedby."""
        return [
            (e.texte, self._resoudre(e.attributs["aria-describedby"]))
            for e in self.elements
            if "aria-describedby" in e.attributs
        ]

    @property
    def annonces(self) -> list[tuple[str, str]]:
        """(role, text) of every element with a role: what is announced, and how."""
        return [(e.attributs["role"], e.texte) for e in self.elements if "role" in e.attributs]

    def caches(self) -> list[str]:
        """The text of every element hidden from screen readers (aria-hidden)."""
        return [e.texte for e in self.elements if e.attributs.get("aria-hidden") == "true"]

    def definitions(self) -> dict[str, str]:
        """Every <dt> with the <dd> that follows it."""
        paires: dict[str, str] = {}
        terme: str | None = None
        for e in self.elements:
            if e.tag == "dt":
                terme = e.texte
            elif e.tag == "dd" and terme is not None:
                paires[terme] = e.texte
                terme = None
        return paires


def lire(page: str) -> Page:
    """The page's elements and texts."""
    lecteur = _Lecteur()
    lecteur.feed(page)
    lecteur.close()
    return Page(lecteur.elements)


def references_cassees(page: str) -> list[str]:
    """Duplicate ids, and every label, aria reference or in-page link to an id that is absent."""
    elements = lire(page).elements
    ids = [e.attributs["id"] for e in elements if "id" in e.attributs]
    cassees = [f"id en double : {i}" for i in sorted(set(ids)) if ids.count(i) > 1]
    for e in elements:
        attributs = e.attributs
        if e.tag == "label" and "for" in attributs and attributs["for"] not in ids:
            cassees.append(f'<label for="{attributs["for"]}"> sans élément')
        for nom in REFERENCES:
            cassees += [
                f'{nom}="{cible}" sans élément'
                for cible in attributs.get(nom, "").split()
                if cible not in ids
            ]
        ancre = attributs.get("href", "") if e.tag == "a" else ""
        if ancre.startswith("#") and len(ancre) > 1 and ancre[1:] not in ids:
            cassees.append(f'<a href="{ancre}"> sans élément')
    return cassees


def champs_sans_libelle(page: str) -> list[str]:
    """The inputs a screen reader could not name: no <label for> and no aria-label."""
    elements = lire(page).elements
    libelles = {e.attributs["for"] for e in elements if e.tag == "label" and "for" in e.attributs}
    return [
        e.attributs.get("name", "?")
        for e in elements
        if e.tag == "input"
        and e.attributs.get("type") not in ("hidden", "submit")
        and e.attributs.get("id") not in libelles
        and "aria-label" not in e.attributs
    ]
