"""Swedish word forms the search index adds, so that everyday searches find the items.

Pagefind stems Swedish (Snowball, the same algorithm as `snowballstemmer` here) and
matches a searched word as the start of an indexed one: "bygglov" finds
"bygglovsärenden", "biblioteken" finds "biblioteket". What Snowball leaves apart, the
index gets as extra words of the page (its "Sökord"), made here:

- the definite form of a word in -a ("simskola" → "simskolan"): Snowball strips "-or"
  and "-orna" but not "-an", so "simskolan" would not find "simskola";
- the dropped e of -el, -er, -en words, both ways ("gångtunnlarna" → "gångtunnel",
  "gångtunnel" → "gångtunnl", which "gångtunnlar" stems to);
- the last part of a compound whose parts both occur in the portal ("gångtunnlarna" →
  "tunnlarna", "skolluncher" → "luncher"): "tunnel" then finds the pedestrian tunnel;
- the word without å, ä and ö ("äldreomsorg" → "aldreomsorg"), for a keyboard without
  them.

What it does not catch is said in bench/RESULTS.md ("Sök").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("swedish")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOLD = str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE")
_VOWELS = set("aeiouyåäöé")
# A stem ending in two consonants the last of which is l, n or r: "tunnl", "cykl".
_SYNCOPATED = re.compile(r"[^aeiouyåäöé]([lnr])$")
_UNSYNCOPATED = re.compile(r"[^aeiouyåäöé]e([lnr])$")
MIN_PART = 4  # letters of the shorter part a compound is split into (3 for the head)


def words(text: str) -> list[str]:
    """The words of a text, lower case, hyphenated parts apart."""
    return [w for m in WORD.findall(text.casefold()) for w in m.split("-") if w]


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def fold(word: str) -> str:
    return word.translate(_FOLD)


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
    folded = fold(word)
    if folded != word:
        out.add(folded)
    out.discard(word)
    return frozenset(out)


class Compounds:
    """Splits compounds into parts known from the portal's own words."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.stems = {stem(w) for w in vocabulary if len(w) >= 3}
        self._memo: dict[str, set[str]] = {}

    def tails(self, word: str) -> set[str]:
        """The last parts of `word` after a first part that is a word of the portal
        (with or without a linking s): every last part that is a word of the portal too
        ("bygglovsärenden" → "ärenden"), and the longest one however rare
        ("gångtunnlarna" → "tunnlarna" when only "gång" is known)."""
        if word not in self._memo:
            self._memo[word] = self._tails(word)
        return self._memo[word]

    def _tails(self, word: str) -> set[str]:
        out: set[str] = set()
        if not 3 + MIN_PART <= len(word) <= 40:
            return out
        for cut in range(3, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            if not (self._known(head) or (head.endswith("s") and self._known(head[:-1]))):
                continue
            rare = not out and len(tail) > MIN_PART and not tail.startswith("s")
            if stem(tail) in self.stems or rare:
                out.add(tail)
        return out

    def _known(self, head: str) -> bool:
        return len(head) >= 3 and (head in self.stems or stem(head) in self.stems)


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
