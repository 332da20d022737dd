"""Similar ideas and innovations across municipalities, from their Swedish text.

A document is its title, summary, need and body. Words are lowercased, Swedish
stop words dropped and the rest stemmed with Snowball's Swedish stemmer; a
compound whose parts both occur in the corpus (`nattillsyn` → `natt` +
`tillsyn`) also counts its parts, since Swedish writes as one word what other
languages split. Terms are weighted by TF-IDF (the title counts most) and
documents compared by cosine.

Finding the matches of one document never scans all documents: an inverted
index lists, per term, the documents that use it, strongest first. A query
walks only its own strongest terms and the head of each of their lists, so
the work per query is bounded and a corpus of 10 000 ideas costs linear time
(see bench/bench_similar.py). The few candidates found are then scored exactly.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sluss.content.repository import Repository
from sluss.core.diagnostics import Diagnostic, diag
from sluss.core.swedish import split_compound, stem

# How much one word counts in each field: a shared title word says more than a body word.
# Tags only come with other portals' items (site/network.py), which carry no body or need.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "summary": 2.0,
    "need": 2.0,
    "tags": 2.0,
    "body": 1.0,
}
# Scores measured on tests/data/similar_pairs.yml (see tests/test_similar.py).
# "Liknande" on a page: precision 1.0, recall 0.97 on the labelled set.
PAGE_THRESHOLD = 0.2
# `sluss check`: above the closest "different" pair (0.19), below every rewrite (≥ 0.30).
WARN_THRESHOLD = 0.25
# Candidates whose partial score is below this share of the threshold are not scored.
PARTIAL_SHARE = 0.4
# Ideas still at the start of the sluice: the ones a warning can save duplicate work for.
NEW_STATUSES = frozenset({"submitted", "assessing"})

# Snowball's Swedish stop list plus a few function words it lacks.
STOP_WORDS = frozenset(
    """
    alla allt andra annan annat att av bara blev bli blir blivit både de dem den denna deras
    dess dessa det detta dig din dina ditt du där då efter ej eller en er era ert ett från
    få får för genom ha hade han hans har henne hennes hon honom hur här i icke inga ingen
    inom inte jag ju kan kommer kunde kunna man med mellan men mer mig min mina mitt mot
    mycket många ni nu när någon något några och om också oss på samma sedan sig sin sina
    sitta själv ska skall skulle som så sådan sådana sådant till under upp ut utan vad var
    vara varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt
    än är åt över
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_WORD = re.compile(r"[^\W\d_]{2,}")
_URL = re.compile(r"https?://\S+|\]\([^)]*\)")


def words(text: str) -> list[str]:
    """Lowercase words of letters (å, ä, ö included), links and stop words left out."""
    return [w for w in _WORD.findall(_URL.sub(" ", text.lower())) if w not in STOP_WORDS]


class SimilarityIndex:
    """TF-IDF vectors of documents and an impact-ordered inverted index over them.

    `docs` are `(key, fields)` pairs; `fields` maps field names of FIELD_WEIGHTS to
    text. `query_terms` and `postings` bound the work of one query (its strongest
    terms, and the head of each term's list); real matches share rare, strong terms,
    which sit at the head of short lists.
    """

    def __init__(
        self,
        docs: Iterable[tuple[str, Mapping[str, str]]],
        *,
        query_terms: int = 24,
        postings: int = 80,
    ) -> None:
        self.query_terms = query_terms
        self.postings = postings
        self.keys: list[str] = []
        raw: list[list[tuple[str, float]]] = []  # (word, field weight) per document
        for key, fields in docs:
            self.keys.append(key)
            raw.append(
                [
                    (w, weight)
                    for name, weight in FIELD_WEIGHTS.items()
                    for w in words(str(fields.get(name) or ""))
                ]
            )
        self.position = {key: i for i, key in enumerate(self.keys)}
        counts = [_term_counts(doc) for doc in raw]
        counts = _with_compound_parts(counts, {w for doc in raw for w, _ in doc})
        self.vectors = _tf_idf(counts)
        self.index: dict[str, list[tuple[float, int]]] = {}
        for i, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                self.index.setdefault(term, []).append((weight, i))
        for posting in self.index.values():
            posting.sort(key=lambda wi: (-wi[0], wi[1]))
            del posting[postings:]  # only the head of a list is ever read
        # Made on a document's first query: an index of a large network is queried by
        # a few of its documents only (site/network.py).
        self._strongest: dict[int, list[tuple[str, float]]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def strongest(self, position: int) -> list[tuple[str, float]]:
        """The document's `query_terms` heaviest terms, which its queries walk."""
        terms = self._strongest.get(position)
        if terms is None:
            ranked = sorted(self.vectors[position].items(), key=lambda tw: (-tw[1], tw[0]))
            terms = self._strongest[position] = ranked[: self.query_terms]
        return terms

    def score(self, a: str, b: str) -> float:
        """The cosine of two indexed documents (0 … 1)."""
        return _dot(self.vectors[self.position[a]], self.vectors[self.position[b]])

    def similar(
        self,
        key: str,
        limit: int = 5,
        threshold: float = PAGE_THRESHOLD,
        only: Callable[[str], bool] | None = None,
    ) -> list[tuple[str, float]]:
        """The closest documents to `key` at or above `threshold`, best first; `only`,
        if given, keeps the candidates whose key it accepts (before the shortlist, so
        that documents left out never crowd out those asked for)."""
        me = self.position[key]
        found: dict[int, float] = {}
        get = found.get
        for term, weight in self.strongest(me):
            for other_weight, other in self.index[term]:
                found[other] = get(other, 0.0) + weight * other_weight
        found.pop(me, None)
        if only is not None:
            found = {i: score for i, score in found.items() if only(self.keys[i])}
        # The partial sums (a lower bound of the cosine) rank the candidates; the best few
        # are scored exactly. A match above the threshold has at least a share of its
        # score in the query's strongest terms, so far weaker candidates are not scored.
        floor = threshold * PARTIAL_SHARE
        strong = [(-score, i) for i, score in found.items() if score >= floor]
        shortlist = [i for _, i in heapq.nsmallest(max(4 * limit, 20), strong)]
        vector = self.vectors[me]
        scored = [(self.keys[i], _dot(vector, self.vectors[i])) for i in shortlist]
        scored = [(k, round(s, 4)) for k, s in scored if s >= threshold]
        scored.sort(key=lambda ks: (-ks[1], ks[0]))
        return scored[:limit]


def _term_counts(doc: list[tuple[str, float]]) -> dict[str, float]:
    counts: dict[str, float] = {}
    for word, weight in doc:
        term = stem(word)
        counts[term] = counts.get(term, 0.0) + weight
    return counts


def _with_compound_parts(
    counts: list[dict[str, float]], vocabulary: set[str]
) -> list[dict[str, float]]:
    """Add the parts of compounds whose parts are words of the corpus, at half weight."""
    stems = {stem(w) for w in vocabulary}
    left_forms = vocabulary | stems
    cache: dict[str, tuple[str, str] | None] = {}
    out = []
    for doc in counts:
        whole = dict(doc)
        for term, weight in doc.items():
            if term not in cache:
                cache[term] = split_compound(term, left_forms, stems)
            for part in cache[term] or ():
                whole[part] = whole.get(part, 0.0) + weight / 2
        out.append(whole)
    return out


def _tf_idf(counts: list[dict[str, float]]) -> list[dict[str, float]]:
    """Sublinear term frequency × inverse document frequency, each vector of length 1."""
    n = len(counts)
    df: Counter[str] = Counter()
    for doc in counts:
        df.update(doc.keys())
    idf = {term: math.log(n / d) for term, d in df.items() if d < n}
    vectors = []
    for doc in counts:
        vector = {t: _tf(c) * idf[t] for t, c in doc.items() if t in idf}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items() if w > 0})
    return vectors


def _tf(count: float) -> float:
    """Sublinear: the tenth mention adds less than the second. Below 1 (a lone compound
    part at half weight) it stays linear, so it never turns negative."""
    return 1 + math.log(count) if count >= 1 else count


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # The shared terms come from a set intersection (in C), whose order depends on string
    # hashing; fsum is exact whatever the order, so every build gives the same scores.
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def fields_of(data: Mapping[str, Any], body: str) -> dict[str, str]:
    return {
        "title": str(data.get("title") or ""),
        "summary": str(data.get("summary") or ""),
        "need": str(data.get("need") or ""),
        "body": body,
    }


def key_of(collection: str, item_id: str) -> str:
    return f"{collection}/{item_id}"


# --- the checker's warning -------------------------------------------------------------


def similar_idea_warnings(
    repo: Repository, threshold: float = WARN_THRESHOLD, limit: int = 3
) -> list[Diagnostic]:
    """A warning on each new idea that closely resembles an idea of another municipality.

    New: status submitted or assessing, drafts included (the contributor is writing
    it now). Compared with the published ideas of every other municipality, at any
    status: an idea tested or implemented elsewhere is the best thing to find. Pairs
    that already know each other (`related`, or a shared municipality through
    `partners`) are not reported.
    """
    ideas = {i.id: i for i in repo.items.get("ideas", {}).values() if i.readable}
    index = SimilarityIndex((i.id, fields_of(i.data, i.body)) for i in ideas.values())
    municipalities = repo.items.get("municipalities", {})
    out = []
    for idea in ideas.values():
        status = idea.data.get("status")
        if not isinstance(status, str) or status not in NEW_STATUSES:
            continue  # also a status of the wrong type, which the checker reports
        found = 0
        # A window wider than `limit`: matches in the idea's own municipality are skipped.
        for other_id, _ in index.similar(idea.id, 4 * limit + 8, threshold):
            other = ideas[other_id]
            if other.draft or _acquainted(idea.data, other.data, idea.id, other.id):
                continue
            where = municipalities.get(str(other.data.get("municipality")))
            name = other.data.get("municipality")
            if where is not None:
                name = where.data.get("name") or where.data.get("title") or name
            pos = idea.pos(("title",))
            title = str(other.data.get("title") or other.id)
            out.append(
                diag(
                    idea.path,
                    pos.line,
                    pos.column,
                    "similar-idea",
                    municipality=name,
                    title=title,
                    file=other.path,
                    id=other.id,
                )
            )
            found += 1
            if found == limit:
                break
    out.sort(key=Diagnostic.sort_key)
    return out


def _acquainted(a: Mapping[str, Any], b: Mapping[str, Any], a_id: str, b_id: str) -> bool:
    def municipalities(data: Mapping[str, Any]) -> set[str]:
        partners = data.get("partners")
        return {str(data.get("municipality"))} | {
            str(p) for p in (partners if isinstance(partners, list) else [])
        }

    def related(data: Mapping[str, Any]) -> list[Any]:
        value = data.get("related")
        return value if isinstance(value, list) else []

    return bool(municipalities(a) & municipalities(b)) or b_id in related(a) or a_id in related(b)
