"""The message that the "Lämna en idé" form writes and `sluss intake` reads back.

One definition for both ends: the form page embeds these labels (its script writes
the message with them) and the intake command parses by them, so the two cannot
drift apart. The message is plain text a person can read and edit in any mail
program: a start line, one labelled answer per field, an end line. Anything before
the start line or after the end line (a greeting, a signature, a quoted reply) is
not part of the answers.

    == Lämna en idé (formulär sluss-ide 1) ==
    Titel: Digitala nycklar i hemtjänsten
    Kommun: Skövde [skovde]
    Område: Vård och omsorg [care]
    Utmaning: Ingen vald
    Problem eller behov:
    Personalen lägger mycket tid på att hämta nycklar …
    Idén:
    Digitala lås …
    Vad blir bättre och för vem:
    Brukarna får hjälp snabbare …
    Namn: Anna Andersson
    E-post: anna@example.org
    Namn och e-post får visas på portalen: nej
    == Slut på formuläret ==

A one-line answer follows its label on the same line; a long answer starts on the
line after its label and runs to the next label. Mail programs wrap long lines, so a
reader joins a one-line answer's wrapped lines with a space. A choice carries its id
in square brackets after the visible name, so a reader need not match names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sluss.core.model import IDEAS, max_length

FORM_ID = "sluss-ide 1"
START = f"== Lämna en idé (formulär {FORM_ID}) =="
END = "== Slut på formuläret =="
NO_CHALLENGE = "Ingen vald"
YES, NO = "ja", "nej"


TITLE_MAX = max_length(IDEAS.field("title"))


@dataclass(frozen=True)
class Answer:
    key: str  # the name in the form and in `answers`
    label: str  # as written in the message, before the colon
    long: bool = False  # a long answer starts on the next line
    required: bool = False
    # How the form asks for it (idea-form.js builds its fields from these): the kind of
    # control, the hint under the label, and the error when a required answer is empty.
    control: str = "text"  # text, email, select, textarea or checkbox
    hint: str = ""
    missing: str = ""
    part: str = "idea"  # the form's group: the idea, or how to reply (optional)
    max: int | None = None  # the longest answer (the model's limit)


ANSWERS = (
    Answer(
        "title",
        "Titel",
        required=True,
        hint=f"En kort rubrik på idén, högst {TITLE_MAX} tecken.",
        missing="Skriv en titel på idén.",
        max=TITLE_MAX,
    ),
    Answer(
        "municipality",
        "Kommun",
        required=True,
        control="select",
        hint="Den kommun som idén gäller. Dit skickas mejlet.",
        missing="Välj den kommun som idén gäller.",
    ),
    Answer("area", "Område", required=True, control="select", missing="Välj ett område."),
    Answer(
        "challenge",
        "Utmaning",
        control="select",
        hint="Svarar idén på en utmaning som kommunerna har beskrivit? Välj den här.",
    ),
    Answer(
        "need",
        "Problem eller behov",
        long=True,
        required=True,
        control="textarea",
        hint="Vilket problem löser idén? Vem drabbas, och hur märks det?",
        missing="Beskriv problemet eller behovet som idén löser.",
    ),
    Answer(
        "idea",
        "Idén",
        long=True,
        required=True,
        control="textarea",
        hint="Vad vill du pröva?",
        missing="Beskriv idén.",
    ),
    Answer(
        "benefit",
        "Vad blir bättre och för vem",
        long=True,
        required=True,
        control="textarea",
        hint="Vad skulle bli bättre om idén genomfördes, och för vem?",
        missing="Beskriv vad som blir bättre och för vem.",
    ),
    Answer("name", "Namn", part="reply"),
    Answer("email", "E-post", control="email", hint="Så att kommunen kan svara dig.", part="reply"),
    Answer("public", "Namn och e-post får visas på portalen", control="checkbox", part="reply"),
)
BY_KEY = {a.key: a for a in ANSWERS}


def choice(name: str, ident: str) -> str:
    """A choice as the message writes it: `Skövde [skovde]`."""
    return f"{name} [{ident}]"


def compose(answers: dict[str, str]) -> str:
    """The message body for `answers` (keys of ANSWERS; missing ones left empty).
    The form's script writes the same text (tests/test_idea_form.py holds them equal)."""
    lines = [START]
    for answer in ANSWERS:
        value = answers.get(answer.key, "").strip()
        if answer.long:
            lines += [f"{answer.label}:", value]
        else:
            lines.append(f"{answer.label}: {' '.join(value.split())}".rstrip())
    lines.append(END)
    return "\n".join(lines) + "\n"


def subject(title: str) -> str:
    """The message's subject line."""
    return f"Ny idé: {' '.join(title.split())}"[:150]
