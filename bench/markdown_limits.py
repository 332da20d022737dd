"""How long the site's Markdown renderer takes on hostile bodies, to choose the limits
of `sluss.content.markdown_limits`.

Python-Markdown's inline patterns rescan the rest of a paragraph at each opener they
cannot close (`[`, `![`, `<`, `*`, `` ` ``…), so a long run of openers is quadratic, and
its block parser recurses once per level of nesting. This renders growing runs with
the extensions `mkdocs.yml` configures (and those MkDocs adds itself), each in a child
process with a time limit, and prints seconds per size:

    .venv/bin/python bench/markdown_limits.py            # every shape
    .venv/bin/python bench/markdown_limits.py '[' '*'    # some shapes
    .venv/bin/python bench/markdown_limits.py --at-limits  # the slowest body that passes

`--at-limits` makes the slowest body `sluss check` lets through (every limit of
`sluss.content.markdown_limits` reached, prose up to the 1 MB file limit), checks that
it passes, and times it rendered alone and in a whole `sluss build` of the sample.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
TIME_LIMIT = 90.0  # seconds: a size that takes longer ends that shape's row

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
    "<div markdown> nesting": lambda n: "<div markdown>\n" * n + "x\n" + "</div>\n" * n,
    "words": lambda n: "ord " * n,  # the floor: plain text of the same length
}
SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
NESTING_SIZES = (10, 20, 50, 100, 200, 300, 400)


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


def at_limits() -> str:
    """A body at every limit: openers of each kind in as many paragraphs at the
    paragraph limit as the body's limit allows, the deepest list, then prose."""
    from sluss.content import markdown_limits as limits

    def paragraphs(unit: str, chars: str, used: int = 0) -> list[str]:
        per, whole = limits.PER_PARAGRAPH[chars], limits.PER_BODY[chars] - used
        return [unit * per] * (whole // per) + [unit * (whole % per)]

    # The open tags first, before everything else: each makes the HTML parser read the
    # rest of the document.
    open_tags = limits.MAX_UNCLOSED_TAGS_PER_BODY
    parts = ["x <a " * open_tags]
    parts += paragraphs("![a", "[") + paragraphs("<b> ", "<", used=open_tags)
    parts += [p[: len(p) // 2] for p in paragraphs("*a_a", "*_")]  # 2 markers a unit
    parts.append("".join("    " * k + "- nivå\n" for k in range(limits.MAX_NESTING)))
    body = "\n\n".join(parts) + "\n\n"
    room = 1_000_000 - len(body.encode()) - 2_000  # the front matter, under 1 MB in all
    return body + _prose(room)


def _prose(size: int) -> str:
    """Plain paragraphs of about `size` bytes: what a long, harmless body costs."""
    paragraph = "Idén beskrivs här i detalj, med bakgrund, förslag och vad som hänt. " * 12
    return (paragraph + "\n\n") * (size // len((paragraph + "\n\n").encode()))


def time_at_limits() -> None:
    import subprocess
    import tempfile

    from hostile_files import GOOD
    from machine import copy_portal
    from sluss.content.check import check_repository

    body = at_limits()
    prose = _prose(len(body.encode()))
    with tempfile.TemporaryDirectory() as folder:
        root = copy_portal(Path(folder) / "portal")
        builds = []
        for text in ("", prose, body):
            (root / "ideas" / "vid-gransen.md").unlink(missing_ok=True)
            if text:
                (root / "ideas" / "vid-gransen.md").write_text(GOOD + "---\n" + text, "utf-8")
                found = check_repository(root).diagnostics
                assert not found, [d.message("sv") for d in found]
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "sluss.cli", "build"], cwd=root, capture_output=True
            )
            assert done.returncode == 0, done.stderr.decode()[-2000:]
            builds.append(time.perf_counter() - start)
    size = len((GOOD + "---\n" + body).encode())
    print(f"body at every limit: {size} bytes, passes `sluss check`")
    alone, as_prose = render_seconds(body), render_seconds(prose)
    print(f"rendered alone: {alone:.2f} s (as much prose: {as_prose:.2f} s)")
    print(
        f"sluss build of the sample: {builds[0]:.1f} s; with as much prose: {builds[1]:.1f} s; "
        f"with it: {builds[2]:.1f} s (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"20 000 `[` (refused now): {timed('[' * 20_000)} s")


def main(names: list[str]) -> None:
    sys.path.insert(0, str(CHECKOUT / "bench"))
    from machine import describe

    if names == ["--at-limits"]:
        print(describe())
        time_at_limits()
        return
    print(f"Rendering seconds by size (units), {describe()}\n")
    print("| shape | size: seconds |\n|---|---|")
    for name in names or list(SHAPES):
        print(row(name), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
