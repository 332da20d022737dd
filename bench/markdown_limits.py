"""How long the site's Markdown renderer takes on hostile bodies, to choose the limits
of `sluss.content.markdown_limits`.

Python-Markdown's inline patterns rescan the rest of a paragraph at each opener they
cannot close (`[`, `![`, `<`, `*`, `` ` ``…), so a long run of openers is quadratic, and
its block parser recurses once per level of nesting. This renders growing runs with
the extensions `mkdocs.yml` configures (and those MkDocs adds itself), each in a child
process with a time limit, and prints seconds per size:

    .venv/bin/python bench/markdown_limits.py            # every shape
    .venv/bin/python bench/markdown_limits.py '[' '*'    # some shapes
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
TIME_LIMIT = 20.0  # seconds: a size that takes longer ends that shape's row

# Each shape: a name and the body of n units.
SHAPES: dict[str, Callable[[int], str]] = {
    "[": lambda n: "[" * n,
    "![": lambda n: "![" * n,
    "<": lambda n: "<" * n,
    "*": lambda n: "*" * n,
    "_": lambda n: "_" * n,
    "`": lambda n: "`" * n,
    "{": lambda n: "{" * n,
    "&": lambda n: "&" * n,
    "[a](": lambda n: "[a](" * n,
    "*a": lambda n: "*a" * n,
    "<a ": lambda n: "<a " * n,
    "> nesting": lambda n: "".join(">" * k + " a\n" for k in range(1, n + 1)),
    "> flat": lambda n: ">" * n + " a\n",
    "list nesting": lambda n: "".join("    " * k + "- a\n" for k in range(n)),
    "words": lambda n: "ord " * n,  # the floor: plain text of the same length
}
SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
NESTING_SIZES = (10, 20, 50, 100, 200, 300)


def renderer():  # type: ignore[no-untyped-def]
    """Python-Markdown as MkDocs configures it from the site's `mkdocs.yml`."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(CHECKOUT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )


def render_seconds(body: str) -> float:
    md = renderer()
    start = time.perf_counter()
    md.convert(body)
    return time.perf_counter() - start


def _child(body: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        out.put(f"{render_seconds(body):.2f}")
    except RecursionError:
        out.put("RecursionError")


def timed(body: str) -> str:
    """Seconds to render `body`, 'RecursionError', or '>20' when it runs too long."""
    out: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_child, args=(body, out))
    child.start()
    child.join(TIME_LIMIT)
    if child.is_alive():
        child.kill()
        child.join()
        return f">{TIME_LIMIT:.0f}"
    return str(out.get()) if not out.empty() else "crashed"


def row(name: str) -> str:
    sizes = NESTING_SIZES if "nesting" in name else SIZES
    cells = []
    for n in sizes:
        result = timed(SHAPES[name](n))
        cells.append(f"{n}: {result}")
        if not result[0].isdigit():
            break
    return f"| `{name}` | " + " · ".join(cells) + " |"


def main(names: list[str]) -> None:
    sys.path.insert(0, str(CHECKOUT / "bench"))
    from machine import describe

    print(f"Rendering seconds by size (units), {describe()}\n")
    print("| shape | size: seconds |\n|---|---|")
    for name in names or list(SHAPES):
        print(row(name), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
