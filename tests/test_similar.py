"""Similar ideas: quality on a labelled set of pairs, the index against brute force,
the pages' "Liknande" lists and the checker's warning.

Measured on tests/data/similar_pairs.yml (67 pairs: 34 similar, 33 different, many
of them hard), sample content of 2026-11-27:

| threshold | used for | precision | recall |
|---|---|---:|---:|
| 0.20 (PAGE_THRESHOLD) | "Liknande" on pages | 1.00 (33 of 33) | 0.97 (33 of 34) |
| 0.25 (WARN_THRESHOLD) | `sluss check` warning | 1.00 (31 of 31) | 0.91 (31 of 34) |
| 0.25 | … rewrites only (`new/…` pairs) | 1.00 (21 of 21) | 1.00 (21 of 21) |

The closest "different" pair scores 0.19, the weakest rewrite 0.30; the three similar
pairs the warning misses are pairs of sample ideas on one theme (0.18–0.21); two of
them the pages still show. The tests assert a margin below these figures (pages: precision and
recall ≥ 0.9; warning: precision ≥ 0.95, recall ≥ 0.85, rewrites ≥ 0.9), so small
changes of the sample texts pass while a real loss of quality fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from sluss.content.check import check_repository
from sluss.content.repository import Repository
from sluss.content.similar import (
    PAGE_THRESHOLD,
    WARN_THRESHOLD,
    SimilarityIndex,
    fields_of,
    similar_idea_warnings,
    words,
)
from sluss.site.portal import Portal

from support import FIXTURES, ROOT, TODAY, materialise

PAIRS = Path(__file__).parent / "data" / "similar_pairs.yml"
CASE = "similar-idea"


@pytest.fixture(scope="module")
def repo() -> Repository:
    return check_repository(ROOT, today=TODAY)


@pytest.fixture(scope="module")
def labelled(repo: Repository) -> tuple[SimilarityIndex, list[tuple[str, str, str]]]:
    data: dict[str, Any] = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    docs = [
        (f"{name}/{item.id}", fields_of(item.data, item.body))
        for name in ("ideas", "innovations")
        for item in repo.items[name].values()
    ]
    docs += [(f"new/{key}", text) for key, text in data["texts"].items()]
    return SimilarityIndex(docs), [tuple(p) for p in data["pairs"]]


def precision_recall(
    index: SimilarityIndex, pairs: list[tuple[str, str, str]], threshold: float
) -> tuple[float, float]:
    found = [(index.score(a, b) >= threshold, label == "similar") for a, b, label in pairs]
    true_positive = sum(f and s for f, s in found)
    predicted = sum(f for f, _ in found)
    actual = sum(s for _, s in found)
    return true_positive / max(predicted, 1), true_positive / max(actual, 1)


def test_labelled_set_is_big_enough_and_balanced(labelled: Any) -> None:
    index, pairs = labelled
    labels = [label for _, _, label in pairs]
    assert len(pairs) >= 40
    assert {"similar", "different"} == set(labels)
    assert min(labels.count("similar"), labels.count("different")) >= 15
    assert len({(a, b) for a, b, _ in pairs}) == len(pairs), "a pair is listed twice"
    for a, b, _ in pairs:
        assert a in index.position and b in index.position, (a, b)


def test_quality_for_pages(labelled: Any) -> None:
    precision, recall = precision_recall(*labelled, PAGE_THRESHOLD)
    print(f"\nLiknande (≥ {PAGE_THRESHOLD}): precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.9 and recall >= 0.9


def test_quality_for_the_warning(labelled: Any) -> None:
    index, pairs = labelled
    precision, recall = precision_recall(index, pairs, WARN_THRESHOLD)
    rewrites = [p for p in pairs if p[0].startswith("new/") and p[2] == "similar"]
    _, rewrite_recall = precision_recall(index, rewrites, WARN_THRESHOLD)
    print(
        f"\nwarning (≥ {WARN_THRESHOLD}): precision {precision:.2f}, recall {recall:.2f}, "
        f"rewrites found {rewrite_recall:.2f}"
    )
    assert precision >= 0.95 and recall >= 0.85 and rewrite_recall >= 0.9


def test_index_finds_what_brute_force_finds(labelled: Any) -> None:
    """The pruned search returns the exact top matches on a corpus of this size."""
    index, _ = labelled
    for key in index.keys:
        exact = sorted(
            ((other, round(index.score(key, other), 4)) for other in index.keys if other != key),
            key=lambda ks: (-ks[1], ks[0]),
        )
        expected = [(k, s) for k, s in exact if s >= PAGE_THRESHOLD][:5]
        assert index.similar(key, 5, PAGE_THRESHOLD) == expected, key


def test_swedish_words_stop_words_and_compounds() -> None:
    assert words("Hemtjänsten och NATTPATRULLEN på Öland, 2026!") == [
        "hemtjänsten",
        "nattpatrullen",
        "öland",
    ]
    assert words("Se https://www.skovde.se/bygglov och [länk](https://x.se/a)") == ["se", "länk"]
    index = SimilarityIndex(
        [
            ("a", {"title": "Nattillsyn med kamera"}),
            ("b", {"title": "Tillsyn på natten", "body": "Nattlig tillsyn av brukare."}),
            ("c", {"title": "Gångbuss till skolan"}),
            ("d", {"title": "Solkarta för tak"}),
        ]
    )
    # `nattillsyn` shares `natt` and `tillsyn` with b although no whole word is shared.
    assert index.score("a", "b") > 0.2
    assert index.score("a", "c") == 0.0


def test_scores_are_symmetric(labelled: Any) -> None:
    index, pairs = labelled
    for a, b, _ in pairs:
        assert index.score(a, b) == pytest.approx(index.score(b, a))


def test_similar_entries_on_pages(repo: Repository) -> None:
    portal = Portal(repo, dt.date(2026, 11, 18))
    shown = 0
    for entry in [*portal.ideas, *portal.innovations]:
        found = portal.similar.entries(entry)
        assert len(found) <= 5
        assert all(score >= PAGE_THRESHOLD for _, score in found)
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
        keys = {(e.collection, e.id) for e, _ in found}
        assert (entry.collection, entry.id) not in keys
        assert all(not e.data.get("draft") for e, _ in found)
        if entry.collection == "ideas":
            innovation = portal.relations.one(entry, "innovation")
            related = portal.relations.linked(entry, "related")
            linked = [*related, *([innovation] if innovation else [])]
            assert not {(e.collection, e.id) for e in linked} & keys, entry.id
        shown += bool(found)
    assert shown > 0


def _line(d: Any) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.level}[{d.code}]: {d.message('sv')}"


def test_warning_names_the_similar_idea_elsewhere(tmp_path: Path) -> None:
    """The fixture case as `sluss check --similar` reports it."""
    root = materialise(FIXTURES / CASE, tmp_path / CASE)
    found = list(check_repository(root, today=TODAY, similar=True).diagnostics)
    expected = [
        line
        for line in (FIXTURES / CASE / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", " "))
    ]
    assert [_line(d) for d in found] == expected
    first = next(d for d in found if d.code == "similar-idea")
    assert "related: [digitala-las]" in first.hint("sv")
    assert first.message("en").startswith("A similar idea already exists in Skövde: ")


def test_no_warning_on_the_sample_content(repo: Repository) -> None:
    assert similar_idea_warnings(repo) == []


def test_a_repeated_idea_in_another_municipality_is_warned(tmp_path: Path) -> None:
    """Writing a new idea that repeats an existing one elsewhere gives the warning."""
    root = materialise(FIXTURES / "clean", tmp_path / "clean")
    original = (root / "ideas" / "sms-paminnelse-bygglov.md").read_text(encoding="utf-8")
    copy = original.replace("municipality: skovde", "municipality: hjo").replace(
        "title: Sms-påminnelse om bygglov", "title: Sms om saknade handlingar för bygglov"
    )
    (root / "ideas" / "sms-om-bygglov.md").write_text(copy, encoding="utf-8")
    warnings = similar_idea_warnings(check_repository(root, today=TODAY))
    assert [(d.path, d.code) for d in warnings] == [
        ("ideas/sms-om-bygglov.md", "similar-idea"),
        ("ideas/sms-paminnelse-bygglov.md", "similar-idea"),
    ]
    assert "ideas/sms-paminnelse-bygglov.md)" in warnings[0].message("sv")


def test_broken_ideas_never_crash_the_warning(tmp_path: Path) -> None:
    root = materialise(FIXTURES / CASE, tmp_path / CASE)
    path = root / "ideas" / "nyckelfria-dorrar.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: submitted", "status: [submitted]"), encoding="utf-8")
    (root / "ideas" / "tom.md").write_text("---\nstatus: submitted\n---\n", encoding="utf-8")
    (root / "ideas" / "trasig.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    warnings = similar_idea_warnings(check_repository(root, today=TODAY))
    assert {d.path for d in warnings} == {"ideas/utkast-las.md"}
