"""`sluss intake`: ideas from messages sent by the "Lämna en idé" form."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from sluss.content.check import check_repository
from sluss.content.form_answers import IntakeError
from sluss.content.intake import intake
from sluss.content.mail import MAX_INPUT_BYTES, MailError, read_letter, split_input
from sluss.content.repository import Repository

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def run(root: Path, source: str, force: bool = False, dry_run: bool = False) -> int:
    """Each message of `source` (a file, or `-` for standard input) as an idea file."""
    try:
        data = _read(source)
    except OSError as exc:
        print(f"sluss: kan inte läsa {source}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except MailError as exc:
        print(f"sluss: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    messages = split_input(data)
    if not messages:
        print(f"sluss: {_name(source)} är tom – inget meddelande att läsa", file=sys.stderr)
        return EXIT_REFUSED
    repo = check_repository(root)
    failed = 0
    for number, raw in enumerate(messages, 1):
        where = _name(source)
        if len(messages) > 1:
            where += f", meddelande {number} av {len(messages)}"
        if not _one(repo, raw, where, force, dry_run, several=len(messages) > 1):
            failed += 1
    if len(messages) > 1:
        print(f"sluss: {len(messages) - failed} av {len(messages)} meddelanden blev idéer.")
    return EXIT_REFUSED if failed else EXIT_OK


def _one(
    repo: Repository, raw: bytes, where: str, force: bool, dry_run: bool, several: bool
) -> bool:
    """One message: write its idea and say so, or say why not."""
    try:
        letter = read_letter(raw)
    except MailError as exc:
        print(f"sluss: {where}: {exc.message}", file=sys.stderr)
        return False
    if several and letter.subject:  # which one of an mbox's messages, as the inbox shows it
        where += f' ("{letter.subject}")'
    try:
        done = intake(repo, letter.text, sender=letter.sender, force=force, write=not dry_run)
    except IntakeError as exc:
        print(f"sluss: {where}: {exc.message}", file=sys.stderr)
        return False
    rel = done.path.relative_to(repo.root).as_posix()
    if dry_run:
        print(f"sluss: {where}: skulle skriva {rel} (--dry-run: inget skrevs)")
        print(done.text)
    else:
        print(f"sluss: {where}: skapade {rel}")
    if done.reply_to:
        print(f"Svara till: {done.reply_to} (står inte i filen: inget samtycke till att visas)")
    return True


def _read(source: str) -> bytes:
    """The input's bytes, at most the limit (read one more to know it is over)."""
    stream: BinaryIO
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        with open(source, "rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise MailError(f"{_name(source)} är större än {MAX_INPUT_BYTES // 1_000_000} MB")
    return data


def _name(source: str) -> str:
    return "standard in" if source == "-" else source
