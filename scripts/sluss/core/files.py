"""Writing generated files: only those whose bytes changed, each replaced whole.

A watching preview server rebuilds every page whose file is touched, so an unchanged
file is left alone. Plain `os` calls on strings: at 10 000 ideas a build writes
15 000 files, and `pathlib` objects and a `mkdir` per file cost more than the writing.

A file is written beside its place under a hidden name and then renamed over it, so a
full disk or a kill never leaves half a file; the failure is a `WriteFailed`, which says
in Swedish what could not be written, where, and how much room the files need.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Mapping
from pathlib import Path

TEMPORARY = ".sluss-tmp"  # a file being written: `.<name>.sluss-tmp` beside it


def write_changed(folder: Path, files: Mapping[str, str | bytes]) -> int:
    """Write each file under `folder` (text as UTF-8, byte for byte: CRLF and BOM kept)
    unless it already holds exactly that; return how many were written. Raises
    WriteFailed when the disk refuses (full, read-only, no permission)."""
    prefix = f"{folder}{os.sep}"
    written = 0
    folders: set[str] = set()
    for rel, content in sorted(files.items()):
        target = prefix + rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            with open(target, "rb") as old:
                if old.read() == data:
                    continue
        except OSError:
            pass  # not there yet
        parent, name = os.path.split(target)
        temporary = os.path.join(parent, f".{name}{TEMPORARY}")
        try:
            if parent not in folders:
                os.makedirs(parent, exist_ok=True)
                folders.add(parent)
            with open(temporary, "wb") as new:
                new.write(data)
            os.replace(temporary, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            needed = sum(len(c.encode() if isinstance(c, str) else c) for c in files.values())
            raise WriteFailed(exc, Path(target), needed) from exc
        written += 1
    return written


# --- when the disk says no ------------------------------------------------------------------

DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def is_disk_error(exc: BaseException) -> bool:
    """A full, read-only or forbidden disk: the machine's problem, not a bug."""
    return isinstance(exc, OSError) and exc.errno in DISK_ERRORS


def tree_size(path: Path | None) -> int:
    """Bytes in the files under `path` (0 when it is not there)."""
    if path is None:
        return 0
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def size_text(size: int) -> str:
    """A size as a Swedish reader writes it: 820 kB, 1,5 MB, 17 MB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    megabytes = size / 1_000_000
    text = f"{megabytes:.1f}" if megabytes < 10 else f"{megabytes:.0f}"
    return f"{text.replace('.', ',')} MB"


def disk_message(exc: OSError, where: Path, place: Path | None = None, room: str = "") -> str:
    """What failed (`place`, else the error's file, else `where`) and where, in Swedish;
    for a full disk, `room`: a sentence on how much room is needed."""
    if place is None:
        place = Path(exc.filename) if isinstance(exc.filename, str) and exc.filename else where
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        text = f"sluss: disken är full – {place} kunde inte skrivas."
        if room:
            text += f" {room}"
        return f"{text} Frigör utrymme på disken där {where} ligger och försök igen."
    if exc.errno == errno.EROFS:
        return (
            f"sluss: disken är skrivskyddad – {place} kunde inte skrivas. "
            f"Välj en mapp som går att skriva i, eller gör disken skrivbar."
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"sluss: behörighet saknas – {place} kunde inte skrivas. "
            f"Kontrollera att du får skriva i {where}."
        )
    return f"sluss: {place} kunde inte skrivas ({exc.strerror or exc})."


class WriteFailed(Exception):
    """A generated file could not be written: nothing half-written is left behind."""

    def __init__(self, error: OSError, path: Path, needed: int) -> None:
        super().__init__(str(error))
        self.error, self.path, self.needed = error, path, needed

    def message(self) -> str:
        room = f"De genererade filerna behöver omkring {size_text(self.needed)}."
        return disk_message(self.error, self.path.parent, self.path, room)
