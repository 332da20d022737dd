"""Swedish words: Snowball's stemmer and the splitting of compounds.

Swedish writes as one word what other languages split ("nattillsyn", "bygglovsärenden").
Both the similar-items index (content/similar.py) and the search index (outputs/search.py)
take compounds apart into parts that are words of the portal's own text.
"""

from __future__ import annotations

import functools

import snowballstemmer  # type: ignore[import-untyped]

_STEMMER = snowballstemmer.stemmer("swedish")
MIN_PART = 3  # shortest part of a compound worth counting on its own
LINKING = ("s", "e", "a", "u")  # fogemorfem: bygglov|s|frågor, gat|u|belysning
MAX_COMPOUND = 60  # no Swedish compound is longer; each cut costs a slice


@functools.lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """Snowball's Swedish stem (the same words come back all the time: cached)."""
    return str(_STEMMER.stemWord(word))


def split_compound(
    term: str, left_forms: set[str], stems: set[str], rare_right: bool = False
) -> tuple[str, str] | None:
    """`nattillsyn` → (`natt`, `tillsyn`): a stem cut into a known first part (a word or
    stem in `left_forms`) and a last part that is a stem in `stems`; the longest known
    first part wins. With `rare_right`, a last part no other text uses will do, after a
    known first part (`gångtunnl` → `gång`, `tunnl`), when no known last part fits."""
    if len(term) > MAX_COMPOUND:
        return None
    for known_right in (True, False) if rare_right else (True,):
        for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
            left, right = term[:cut], term[cut:]
            if known_right and right not in stems:
                continue
            if not known_right and (len(right) <= MIN_PART or right.startswith("s")):
                continue  # "s" starts a linking s more often than a word
            for part in _left_candidates(left, right):
                if part in left_forms and len(part) >= MIN_PART:
                    return stem(part), right
    return None


def _left_candidates(left: str, right: str) -> list[str]:
    candidates = [left]
    if left.endswith(LINKING) and len(left) > MIN_PART:
        candidates.append(left[:-1])  # bygglovs|fråg → bygglov
    if left[-1] == right[0]:
        candidates.append(left + left[-1])  # nat|tillsyn → natt (three t:s become two)
    return candidates
