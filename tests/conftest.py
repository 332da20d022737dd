"""Shared helpers for the checker's tests: where things are, and fixture repositories."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "check"
SLUSS = ROOT / ".venv" / "bin" / "sluss"
TODAY = dt.date(2026, 11, 27)  # the fixtures' "today": dates after it are in the future

if str(ROOT / "scripts") not in sys.path:  # also works without `pip install -e .`
    sys.path.insert(0, str(ROOT / "scripts"))

# Files of a fixture case that describe it rather than belong to its repository.
CASE_META = ("expected.txt", "setup.txt")


def materialise(case: Path, dest: Path) -> Path:
    """Copy a fixture case to `dest` and run its `setup.txt`; return the repository root.

    `setup.txt` makes what a portable Git checkout cannot hold, one action a line:
    `copy SRC -> DST`, `symlink LINK -> TARGET` (TARGET as written), `pad PATH BYTES`.
    """
    shutil.copytree(case, dest, symlinks=True, ignore=shutil.ignore_patterns(*CASE_META))
    setup = case / "setup.txt"
    lines = setup.read_text(encoding="utf-8").splitlines() if setup.exists() else []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        action, _, rest = line.partition(" ")
        if action == "copy":
            src, dst = (part.strip() for part in rest.split("->"))
            shutil.copyfile(dest / src, dest / dst)
        elif action == "symlink":
            link, target = (part.strip() for part in rest.split("->"))
            os.symlink(target, dest / link)
        elif action == "pad":
            path, size = rest.split()
            with (dest / path).open("ab") as f:
                f.write(b"Fyllnad.\n" * (int(size) // 9 + 1))
        else:
            raise ValueError(f"{setup}: unknown action {action!r}")
    return dest
