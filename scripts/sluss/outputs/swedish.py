"""Swedish word forms the search index adds, so that everyday searches find the items.

Pagefind stems Swedish (Snowball, the same algorithm as `snowballstemmer` here) and
matches a searched word as the start of an indexed one: "bygglov" finds
"bygglovsärenden", "biblioteken" finds "biblioteket". What Snowball leaves apart, the
index gets as extra words of the page (its "Sökord"), made here:

- the definite form of a word in -a ("simskola" → "simskolan"): Snowball strips "-or"
  and "-orna" but not "-an", so "simskolan" would not find "simskola";
- the dropped e of -el, -er, -en words, both ways ("gångtunnlarna" → "gångtunnel",
  "gångtunnel" → "gångtunnl", which "gångtunnlar" stems to);
- the last part of a compound after a first part that is a word of the portal, as a
  stem ("gångtunnlarna" → "tunnl", and so "tunnel"; "skolluncher" → "lunch"): "tunnel"
  then finds the pedestrian tunnels (sluss.core.swedish splits the compounds).

Words typed without å, ä and ö need nothing here: Pagefind folds them itself.

What it does not catch is said in bench/RESULTS.md ("Sök").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from sluss.core.swedish import MIN_PART, split_compound, stem

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_VOWELS = set("aeiouyåäöé")
# A stem ending in two consonants the last of which is l, n or r: "tunnl", "cykl".
_SYNCOPATED = re.compile(r"[^aeiouyåäöé]([lnr])$")
_UNSYNCOPATED = re.compile(r"[^aeiouyåäöé]e([lnr])$")


def words(text: str) -> list[str]:
    """The words of a text, lower case, hyphenated parts apart."""
    return [w for m in WORD.findall(text.casefold()) for w in m.split("-") if w]


@functools.lru_cache(maxsize=1 << 16)
def inflections(word: str) -> frozenset[str]:
    """Forms of one word that Pagefind's stemming and prefix match would miss."""
    out: set[str] = set()
    if len(word) >= 4 and word.endswith("a") and not word.endswith("na"):
        out.add(word + "n")
    base = stem(word)
    if len(base) >= 5 and _SYNCOPATED.search(base) and base[-3] not in _VOWELS:
        out.add(base[:-1] + "e" + base[-1])
    elif len(base) >= 5 and _UNSYNCOPATED.search(base):
        out.add(base[:-2] + base[-1])
    out.discard(word)
    return frozenset(out)


class Compounds:
    """Splits compounds into parts known from the portal's own words."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        words_ = {w for w in vocabulary if len(w) >= MIN_PART}
        self.stems = {stem(w) for w in words_}
        self.left_forms = words_ | self.stems
        self._memo: dict[str, set[str]] = {}

    def tails(self, word: str) -> set[str]:
        """The last part of a compound after a first part that is a word of the portal:
        "bygglovsärenden" → "ärend", "gångtunnlarna" → "tunnl" (as stems: the index
        finds "ärenden" and "tunnlar" by them)."""
        if word not in self._memo:
            parts = split_compound(stem(word), self.left_forms, self.stems, rare_right=True)
            self._memo[word] = {parts[1]} if parts else set()
        return self._memo[word]


def extra_terms(text: str, compounds: Compounds) -> list[str]:
    """The words to add to a page's index so its own words are found in other forms."""
    out: set[str] = set()
    seen = set(words(text))
    for word in seen:
        out |= inflections(word)
        for tail in compounds.tails(word):
            out.add(tail)
            out |= inflections(tail)
    return sorted(out - seen)
