"""Benchmark `sluss.content.similar`: index 10 000 ideas, find the top 5 of every one.

    .venv/bin/python bench/bench_similar.py [--sizes 2500 5000 10000] [--runs 3]

The synthetic ideas recombine the sentences of the sample ideas and innovations
(titles, summaries, needs, body sentences). Real ideas also bring words of their
own, so some words are joined into Swedish-style compounds (`hemtjänst` +
`planering`), which gives the corpus the long tail of rare words a real one has.
One idea in twenty is a rewrite of another (shuffled sentences, half the body,
some words swapped): the benchmark reports how many of those the pruned search
finds among the top 5, so speed is never bought with lost matches.

Growth factor: time at 2N over time at N. About 2 is linear; 4 would be quadratic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from machine import describe  # noqa: E402
from sluss.content.check import check_repository  # noqa: E402
from sluss.content.similar import WARN_THRESHOLD, SimilarityIndex, fields_of  # noqa: E402

Doc = dict[str, str]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def pools(root: Path) -> dict[str, list[str]]:
    """Sentences of the sample content, per field."""
    repo = check_repository(root, today=dt.date(2026, 11, 27))
    out: dict[str, list[str]] = {"title": [], "summary": [], "need": [], "body": []}
    for name in ("ideas", "innovations"):
        for item in repo.items[name].values():
            fields = fields_of(item.data, item.body)
            for key, text in fields.items():
                lines = [ln for ln in text.splitlines() if ln and not ln.startswith(("#", "*"))]
                out[key] += [s for ln in lines for s in SENTENCE.split(ln) if len(s) > 20]
            out["title"].append(fields["title"])
    return out


def compound(text: str, vocabulary: list[str], rng: random.Random) -> str:
    """Join some words with another word of the corpus, as Swedish does."""
    words = text.split()
    for i, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and rng.random() < 0.1:
            words[i] = word.lower() + rng.choice(vocabulary)
    return " ".join(words)


def synthetic(count: int, seed: int = 7) -> tuple[list[tuple[str, Doc]], list[tuple[str, str]]]:
    rng = random.Random(seed)
    pool = pools(ROOT)
    vocabulary = sorted(
        {w.lower() for s in pool["body"] for w in s.split() if w.isalpha() and len(w) > 4}
    )
    docs: list[tuple[str, Doc]] = []
    planted: list[tuple[str, str]] = []  # (rewrite, original)
    for i in range(count):
        key = f"ide-{i:05d}"
        if i >= 20 and rng.random() < 0.05:
            original_key, original = docs[rng.randrange(len(docs))]
            sentences = SENTENCE.split(original["body"])
            rng.shuffle(sentences)
            title_words = original["title"].split()
            rng.shuffle(title_words)
            doc = {
                "title": " ".join(title_words),
                "summary": original["need"],
                "need": original["summary"],
                "body": compound(
                    " ".join(sentences[: max(2, len(sentences) // 2)]), vocabulary, rng
                ),
            }
            planted.append((key, original_key))
        else:
            doc = {
                "title": compound(rng.choice(pool["title"]), vocabulary, rng),
                "summary": compound(rng.choice(pool["summary"]), vocabulary, rng),
                "need": compound(rng.choice(pool["need"]), vocabulary, rng),
                "body": " ".join(
                    compound(rng.choice(pool["body"]), vocabulary, rng)
                    for _ in range(rng.randint(3, 7))
                ),
            }
        docs.append((key, doc))
    return docs, planted


def measure(count: int, runs: int) -> dict[str, float]:
    docs, planted = synthetic(count)
    builds, queries = [], []
    index = SimilarityIndex(docs)
    for _ in range(runs):
        # CPU time of this process: the machine may be shared, wall time would measure that.
        start = time.process_time()
        index = SimilarityIndex(docs)
        built = time.process_time()
        results = {key: index.similar(key, 5, WARN_THRESHOLD) for key in index.keys}
        done = time.process_time()
        builds.append(built - start)
        queries.append(done - built)
    found = sum(original in [k for k, _ in results[rewrite]] for rewrite, original in planted)
    # What a scan of every document would cost: exact scores for a sample of queries.
    sample = index.keys[:: max(1, count // 100)]
    start = time.process_time()
    for key in sample:
        vector = index.vectors[index.position[key]]
        sorted(
            (sum(w * other.get(t, 0.0) for t, w in vector.items()) for other in index.vectors),
            reverse=True,
        )[:6]
    brute = (time.process_time() - start) / len(sample) * count
    return {
        "docs": count,
        "build": statistics.median(builds),
        "query": statistics.median(queries),
        "brute": brute,
        "terms": len(index.index),
        "planted": len(planted),
        "found": found,
    }


def machine() -> str:
    return describe()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"- Date: {dt.date.today().isoformat()}\n- Machine: {machine()}\n")
    print(
        "| ideas | distinct terms | build index | top 5 for all | per idea | "
        "growth (all) | full scan, estimated | rewrites found |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    previous = None
    for size in args.sizes:
        r = measure(size, args.runs)
        total = r["build"] + r["query"]
        growth = f"{total / previous:.2f}×" if previous else "–"
        previous = total
        print(
            f"| {size:,} | {r['terms']:,.0f} | {r['build']:.2f} s | {r['query']:.2f} s | "
            f"{r['query'] / size * 1000:.2f} ms | {growth} | {r['brute']:.0f} s | "
            f"{r['found']:.0f} of {r['planted']:.0f} |".replace(",", "\u00a0")
        )


if __name__ == "__main__":
    main()
