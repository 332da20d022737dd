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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sluss.content.check import check_item
from sluss.content.load import Item, parse_text
from sluss.content.new_item import scalar
from sluss.content.repository import Repository
from sluss.content.scan import find_mobile_numbers, find_personal_numbers
from sluss.content.similar import SimilarityIndex, fields_of
from sluss.core import idea_mail
from sluss.core.diagnostics import format_text
from sluss.core.text import STOCKHOLM, slugify

SUMMARY_MAX = 280  # the model's limit for `summary`
NEED_MAX = 1000  # the model's limit for `need`
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


class IntakeError(Exception):
    """Why a message gives no idea file: a Swedish message for the coordinator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the form's answers ------------------------------------------------------------------

# A mail program's quoting (`> `, `>> `) before a line; a line's no-break spaces are spaces.
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


@dataclass
class Answers:
    """The answers of one message, and where each line stood in it (for messages)."""

    values: dict[str, str] = field(default_factory=dict)
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # (line, key, text)


def _same_line(line: str, wanted: str) -> bool:
    return " ".join(line.casefold().split()) == " ".join(wanted.casefold().split())


def _unquoted(line: str, depth: int) -> str:
    """The line without up to `depth` quoting marks, its spaces plain, stripped."""
    line = line.translate(_SPACES)
    for _ in range(depth):
        line, found = _QUOTE.subn("", line, count=1)
        if not found:
            break
    return line.strip()


def _quote_depth(line: str) -> int:
    return line.translate(_SPACES).split("==", 1)[0].count(">")


def form_block(text: str) -> Iterator[tuple[int, str]]:
    """(line number in the message, text) of each line between the start and end lines."""
    lines = text.splitlines()
    start = next(
        (k for k, line in enumerate(lines) if _same_line(_unquoted(line, 99), idea_mail.START)),
        None,
    )
    if start is None:
        raise IntakeError(_not_from_form(idea_mail.START))
    depth = _quote_depth(lines[start])
    for k in range(start + 1, len(lines)):
        line = _unquoted(lines[k], depth)
        if _same_line(line, idea_mail.END):
            return
        yield k + 1, line
    raise IntakeError(_not_from_form(idea_mail.END))


def _not_from_form(missing: str) -> str:
    return f'Meddelandet kommer inte från formuläret Lämna en idé: raden "{missing}" saknas.'


_LABELS = [
    re.compile(rf"^{re.escape(a.label)}[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
    for a in idea_mail.ANSWERS
]


def read_answers(text: str) -> Answers:
    """The answers in the form's block. Labels are looked for in the form's order, so a
    label's word inside an earlier answer's text is read as text; a one-line answer's
    wrapped lines are joined with a space, a long answer keeps its lines."""
    answers = Answers()
    parts: dict[str, list[str]] = {}
    current = -1
    for number, line in form_block(text):
        for k in range(current + 1, len(_LABELS)):
            m = _LABELS[k].match(line)
            if m:
                current, line = k, m.group(1)
                parts[idea_mail.ANSWERS[k].key] = []
                break
        if current < 0:
            continue  # text before the first label: not an answer
        key = idea_mail.ANSWERS[current].key
        parts[key].append(line)
        answers.lines.append((number, key, line))
    for answer in idea_mail.ANSWERS:
        written = parts.get(answer.key, [])
        if answer.long:
            value = re.sub(r"\n{3,}", "\n\n", "\n".join(written)).strip()
        else:
            value = " ".join(" ".join(written).split())
        answers.values[answer.key] = value
    return answers


def require_answers(answers: Answers) -> None:
    for answer in idea_mail.ANSWERS:
        if answer.required and not answers.values.get(answer.key):
            raise IntakeError(
                f'Svaret på "{answer.label}" är tomt i meddelandet – det krävs för en idé. '
                "Be avsändaren fylla i det och skicka formuläret igen."
            )


def refuse_personal_numbers(answers: Answers) -> None:
    """No personnummer, samordningsnummer or mobile number in any answer: the portal is
    public, and the message's line says where to remove it."""
    for number, key, line in answers.lines:
        label = idea_mail.BY_KEY[key].label
        found = [kind for _, kind in find_personal_numbers(line)]
        found += ["mobilnummer" for _ in find_mobile_numbers(line)]
        if found:
            raise IntakeError(
                f'Rad {number} i meddelandets text (svaret på "{label}") innehåller ett '
                f"{found[0]}, som inte får publiceras. Ta bort det ur meddelandet och kör "
                "sluss intake igen."
            )


def consented(answers: Answers) -> bool:
    """Only an explicit yes is consent; an empty, unclear or changed answer is not."""
    return answers.values.get("public", "").casefold().strip(" .!") == idea_mail.YES


# --- choices: the id in brackets, or the name ------------------------------------------------

_CHOICE = re.compile(r"^(.*?)\s*\[([^\[\]]*)\]$")
LIST_NAMES_UP_TO = 20


def _fold(text: str) -> str:
    """Case, diacritics and spacing ignored: `SKÖVDE`, `skovde`, `Skövde ` are one."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def resolve(value: str, options: dict[str, list[str]], unknown: str) -> str:
    """The id of the option `value` names: by the id in brackets, else by a name.
    `unknown` begins the message when none matches ("Okänd kommun")."""
    m = _CHOICE.match(value)
    name, ident = (m.group(1), m.group(2).strip()) if m else (value, "")
    if ident in options:
        return ident
    wanted = _fold(name)
    for option, names in options.items():
        if wanted in {_fold(n) for n in (option, *names)}:
            return option
    shown = [f"{names[0] if names else option} [{option}]" for option, names in options.items()]
    more = ", …" if len(shown) > LIST_NAMES_UP_TO else ""
    raise IntakeError(
        f'{unknown} "{value}" i meddelandet – välj en av: '
        f"{', '.join(shown[:LIST_NAMES_UP_TO]) or '(inga finns)'}{more}."
    )


@dataclass(frozen=True)
class Choices:
    municipality: str
    area: str
    challenge: str | None


def choices(repo: Repository, answers: Answers) -> Choices:
    values = answers.values
    challenge = values.get("challenge", "")
    none = not challenge or _fold(challenge) == _fold(idea_mail.NO_CHALLENGE)
    municipalities = _names(repo, "municipalities", "name", "title")
    areas = {ident: [term.sv, term.en] for ident, term in repo.config.areas.items()}
    return Choices(
        resolve(values["municipality"], municipalities, "Okänd kommun"),
        resolve(values["area"], areas, "Okänt område"),
        None if none else resolve(challenge, _names(repo, "challenges", "title"), "Okänd utmaning"),
    )


def _names(repo: Repository, collection: str, *keys: str) -> dict[str, list[str]]:
    items = sorted(repo.items.get(collection, {}).items())
    return {
        ident: [str(item.data[k]) for k in keys if item.data.get(k)]
        for ident, item in items
        if item.readable and not item.draft
    }


# --- the idea file ---------------------------------------------------------------------------


def today_in_sweden(now: dt.datetime | None = None) -> dt.date:
    return (now or dt.datetime.now(dt.UTC)).astimezone(STOCKHOLM).date()


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
