"""Swedish that agrees: a counted noun (1 idé, 2 idéer) and an adjective before a plural
noun (Öppna utmaningar). Every template counts through `counted` and writes a status
before a plural through `plural`, so no page says "1 sidor" or "Öppen utmaningar".

A noun or adjective missing here is an error when the page is rendered, not a wrong form
on the site: add it to the table.
"""

from __future__ import annotations

# Singular → plural, each as it follows a number.
NOUNS = {
    "idé": "idéer",
    "bedömd idé": "bedömda idéer",
    "utmaning": "utmaningar",
    "öppen utmaning": "öppna utmaningar",
    "sluss": "slussar",
    "innovation": "innovationer",
    "kommun": "kommuner",
    "sida": "sidor",
    "tillfälle": "tillfällen",
    "plats": "platser",
    "kurs eller utbildning": "kurser och utbildningar",
    "utbildning": "utbildningar",
    "stödaktör": "stödaktörer",
    "aktör": "aktörer",
    "dag": "dagar",
    "månad": "månader",
    "år": "år",
    "ämnesord": "ämnesord",
    "träff": "träffar",
    "deltagare": "deltagare",
    "modul": "moduler",
    "erbjudande": "erbjudanden",
    "användare": "användare",
    "kommun som använder den": "kommuner som använder den",
}
_SINGULAR = {plural: singular for singular, plural in NOUNS.items()}

# A label (singular, as a status badge shows it) → its form before a plural noun.
ADJECTIVES = {
    "Öppen": "Öppna",
    "Stängd": "Stängda",
    "Inkommen": "Inkomna",
    "Införd": "Införda",
    "Avslutad": "Avslutade",
    "Vilande": "Vilande",
    "Avvecklad": "Avvecklade",
}


def number(n: int) -> str:
    """A count the Swedish way: `1 302` (a narrow no-break space between thousands)."""
    return f"{n:,}".replace(",", "\u202f")


def counted(n: object, noun: str) -> str:
    """`1 idé`, `2 idéer`, `0 idéer`: `noun` in either form."""
    count = int(str(n))
    singular = noun if noun in NOUNS else _SINGULAR.get(noun)
    if singular is None:
        raise KeyError(f"ordet {noun!r} saknas i outputs/words.py")
    return f"{number(count)} {singular if count == 1 else NOUNS[singular]}"


def plural(adjective: str) -> str:
    """`Öppen` → `Öppna` (before a plural noun); lower case stays lower."""
    form = ADJECTIVES.get(adjective) or ADJECTIVES.get(adjective.capitalize())
    if form is None:
        raise KeyError(f"adjektivet {adjective!r} saknas i outputs/words.py")
    return form if adjective[:1].isupper() else form.lower()
