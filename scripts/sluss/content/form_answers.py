"""The answers of a "Lämna en idé" message, read back from its text.

The form writes its answers between a start and an end line, one label a line (see
`core/idea_mail.py`). A mail program may quote them (`> `), wrap long lines, turn spaces
into no-break spaces or end lines with CRLF; the reader takes all of that. The choices
(municipality, area, challenge) are found by the id in brackets, else by their name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from sluss.content.repository import Repository
from sluss.content.scan import find_mobile_numbers, find_personal_numbers
from sluss.core import idea_mail


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
