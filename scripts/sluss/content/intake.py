"""`sluss intake`: an idea sent by the "Lämna en idé" form, made an `ideas/<slug>.md`.

The message's answers are read between the form's start and end lines (see
`core/idea_mail.py`), checked (required answers, known choices, no identity or mobile
numbers, no duplicate of an idea already in the bank), written as an idea file and
checked again by the repository's own checker before anything is written. The sender's
name and address go into the file only when the sender said yes to showing them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sluss.content.check import check_item
from sluss.content.form_answers import (
    Answers,
    Choices,
    IntakeError,
    choices,
    consented,
    read_answers,
    refuse_personal_numbers,
    require_answers,
)
from sluss.content.load import Item, parse_text
from sluss.content.new_item import scalar
from sluss.content.repository import Repository
from sluss.content.similar import SimilarityIndex, fields_of
from sluss.core.diagnostics import format_text
from sluss.core.model import IDEAS, max_length
from sluss.core.text import slugify, today_in_sweden

# The model's limits, so that what intake writes is what the checker accepts.
SUMMARY_MAX = max_length(IDEAS.field("summary"))
NEED_MAX = max_length(IDEAS.field("need"))
# Above this cosine an incoming idea is taken for one already in the bank (a message
# sent twice, or forwarded by a colleague: a copy with a word or two changed scores over
# 0.9). The same idea in another's words scores 0.3–0.72 on tests/data/similar_pairs.yml:
# that is a "similar idea" for `sluss check --similar` to point out, not a duplicate.
DUPLICATE_THRESHOLD = 0.8
SECTIONS = (
    ("need", "Problemet"),
    ("idea", "Idén"),
    ("benefit", "Vad blir bättre och för vem"),
)


# --- the idea file ---------------------------------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word with "…" when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…"


_TAG = re.compile(r"<[^<>]*>")


def plain_summary(idea: str) -> str:
    """The idea's text as the one-line summary the model asks for: no markup at all."""
    text = _TAG.sub(" ", idea)
    text = re.sub(r"\*\*|__|`", "", text).replace("](", "] (")
    return shorten(text.lstrip("# "), SUMMARY_MAX)


def body_text(text: str) -> str:
    """An answer as Markdown that cannot hold HTML: every `<` written as an entity, so
    `<script>` shows as text; Markdown's own dangers are the checker's to refuse."""
    return text.replace("<", "&lt;")


def idea_file(answers: Answers, chosen: Choices, today: dt.date, public: bool) -> str:
    values = answers.values
    front: list[tuple[str, object]] = [
        ("title", values["title"]),
        ("summary", plain_summary(values["idea"])),
        ("municipality", chosen.municipality),
        ("area", chosen.area),
        ("status", "submitted"),
        ("submitted", today),
    ]
    if chosen.challenge:
        front.append(("challenge", chosen.challenge))
    else:
        front.append(("need", shorten(values["need"], NEED_MAX)))
    lines = ["---", "# Inkommen via formuläret Lämna en idé, inläst med sluss intake."]
    lines += [f"{name}: {scalar(value)}" for name, value in front]
    submitter = [(k, values.get(k, "")) for k in ("name", "email")]
    if public and any(v for _, v in submitter):
        lines.append("submitter:   # idégivaren har svarat ja till att namn och e-post visas")
        lines += [f"  {k}: {scalar(v)}" for k, v in submitter if v]
        lines.append("  public: true")
    lines.append("---")
    for key, heading in SECTIONS:
        lines += [f"## {heading}", "", body_text(values[key]), ""]
    return "\n".join(lines)


# --- before writing: duplicates and the checker ------------------------------------------------

_NEW_KEY = " ny idé"  # no slug has a space: never an idea's id


def duplicates(repo: Repository, text: str) -> list[tuple[Item, float]]:
    """Ideas in the bank that the new idea repeats, closest first."""
    item, _ = parse_text(text, "ideas/ny.md", "ideas", "ny")
    if item is None:
        return []
    ideas = {i.id: i for i in repo.items.get("ideas", {}).values() if i.readable}
    docs = [(i.id, fields_of(i.data, i.body)) for i in ideas.values()]
    index = SimilarityIndex([*docs, (_NEW_KEY, fields_of(item.data, item.body))])
    return [(ideas[k], s) for k, s in index.similar(_NEW_KEY, 3, DUPLICATE_THRESHOLD)]


def refuse_duplicates(repo: Repository, text: str) -> None:
    found = duplicates(repo, text)
    if found:
        idea, score = found[0]
        title = idea.data.get("title") or idea.id
        raise IntakeError(
            f'Idén finns redan: den är nästan densamma som "{title}" ({idea.path}, '
            f"likhet {round(score * 100)} %). Kör med --force om det ändå är en ny idé."
        )


def free_slug(repo: Repository, folder: Path, title: str) -> str:
    """The title's slug, or with -2, -3 … when an idea has it: never overwrite."""
    taken = set(repo.items.get("ideas", {})) | {slugify(p.stem) for p in folder.glob("*.md")}
    slug = slugify(title)
    number = 2
    candidate = slug
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def checked_item(repo: Repository, text: str, slug: str, today: dt.date) -> Item:
    """The new file as the repository's checker reads it; `IntakeError` with the
    checker's messages if it has an error."""
    rel = f"ideas/{slug}.md"
    item, problems = parse_text(text, rel, "ideas", slug)
    errors = [*problems, *(check_item(repo, item, today) if item is not None else [])]
    if item is None or errors:
        raise IntakeError(
            "Idéfilen skulle inte klara kontrollen, så inget skrevs:\n" + format_text(errors, "sv")
        )
    return item


def write_new(path: Path, text: str) -> None:
    """Write `text` whole or not at all: into a hidden file beside, then renamed."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():  # appeared since the name was chosen
            raise IntakeError(f"{path.name} finns redan – inget skrevs. Kör sluss intake igen.")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- one message ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Intake:
    """An idea read from a message: its file, text, and who to reply to if not in it."""

    path: Path
    text: str
    reply_to: str  # the sender as the coordinator may reply, never written to the file


def intake(
    repo: Repository,
    message_text: str,
    *,
    sender: str = "",
    force: bool = False,
    write: bool = True,
    today: dt.date | None = None,
) -> Intake:
    """Read one message's form and write its idea; `IntakeError` says why not."""
    answers = read_answers(message_text)
    require_answers(answers)
    refuse_personal_numbers(answers)
    chosen = choices(repo, answers)
    day = today or today_in_sweden()
    public = consented(answers)
    text = idea_file(answers, chosen, day, public)
    if not force:
        refuse_duplicates(repo, text)
    folder = repo.root / "ideas"
    slug = free_slug(repo, folder, answers.values["title"])
    item = checked_item(repo, text, slug, day)
    path = folder / f"{slug}.md"
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        write_new(path, text)
        repo.items.setdefault("ideas", {})[slug] = item  # a second message sees this one
    return Intake(path, text, "" if public else reply_address(answers, sender))


def reply_address(answers: Answers, sender: str) -> str:
    """Who to reply to: the form's name and address, else the message's sender."""
    name, address = answers.values.get("name", ""), answers.values.get("email", "")
    if address:
        return f"{name} <{address}>" if name else address
    return " ".join(filter(None, [name, sender]))
