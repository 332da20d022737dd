"""`sluss new`: a new content file written from the model, ready to fill in."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sluss.content.new_item import (
    NewItemError,
    find_collection,
    initial_values,
    new_item,
    to_fill_in,
)
from sluss.core.text import today_in_sweden


def run(root: Path, collection: str, title: str, municipalities: Sequence[str]) -> int:
    """`sluss new`: write the file, say what to do next; the exit code."""
    try:
        # The checker's "today" is the machine's date; a new item must not be "in the future".
        path = new_item(root, collection, title, municipalities, today_in_sweden())
    except NewItemError as exc:
        print(f"sluss: {exc.message}", file=sys.stderr)
        return exc.exit_code
    rel = path.relative_to(root).as_posix()
    print(f"sluss: skapade {rel}")
    target = find_collection(collection)
    values = initial_values(target, title, municipalities, today_in_sweden())
    empty = to_fill_in(target, values)
    if empty:
        print(f"Fyll i: {', '.join(empty)} – och skriv brödtexten under rubrikerna.")
    print("Kör sedan `sluss check`: den visar rad för rad vad som återstår.")
    return 0
