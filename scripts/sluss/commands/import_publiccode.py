"""`sluss import publiccode`: a draft innovation from a publiccode.yml."""

from __future__ import annotations

import sys
from pathlib import Path

from sluss.content.check import check_repository
from sluss.content.fetch import FetchError, read_source
from sluss.content.publiccode_import import PubliccodeError, import_publiccode

EXIT_OK, EXIT_REFUSED = 0, 1


def run(root: Path, source: str, dry_run: bool = False) -> int:
    """Read `source` (a file or an address) and write its draft, or say why not."""
    try:
        raw = read_source(source)
    except FetchError as exc:
        print(f"sluss: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    repo = check_repository(root)
    try:
        done = import_publiccode(repo, raw, source, write=not dry_run)
    except PubliccodeError as exc:
        print(f"sluss: {source}: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    rel = done.path.relative_to(repo.root).as_posix()
    made = done.draft
    language = "svenska" if made.language == "sv" else "engelska"
    if dry_run:
        print(f"sluss: skulle skriva {rel} (--dry-run: inget skrevs)")
        print(made.text)
    else:
        print(f"sluss: skapade utkastet {rel} (beskrivningen på {language})")
    for problem in made.warnings:
        print(f"  obs: filen följer inte standarden här: {problem}")
    print("Fyll i själv: " + ", ".join(made.to_fill))
    return EXIT_OK
