"""`sluss intake`: messages from the "Lämna en idé" form, as mail programs save them,
made idea files that pass the checker; every refusal says why and writes nothing.

The messages in tests/fixtures/mail/ are written as each program saves them: Thunderbird
(format=flowed, quoted-printable UTF-8), Outlook (CRLF, multipart/alternative, Latin-1
declared with windows-1252 characters, a folded RFC 2047 subject), Apple Mail (base64,
quoted charset), Gmail (base64 parts, `<div dir="ltr">`, the form quoted in a reply), an
HTML-only message, an mbox of two, and a body pasted from a mail program's window.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import sys
from email import policy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sluss.commands import intake as command
from sluss.content.check import check_repository
from sluss.content.form_answers import IntakeError, read_answers, resolve
from sluss.content.intake import NEED_MAX, SUMMARY_MAX, intake, shorten
from sluss.content.mail import MailError, decode, html_to_text, read_letter, unflow
from sluss.content.repository import Repository
from sluss.core.idea_mail import END, START, choice, compose
from sluss.outputs.pages import Renderer
from sluss.site.portal import Portal

from support import ROOT, copy_portal, run_sluss

MAIL = ROOT / "tests" / "fixtures" / "mail"

ANSWERS = {
    "title": "Fler bänkar längs promenadstråket vid sjön",
    "municipality": choice("Skövde", "skovde"),
    "area": choice("Samhällsbyggnad", "planning"),
    "challenge": "Ingen vald",
    "need": "Äldre orkar inte gå hela slingan runt sjön eftersom det saknas ställen att vila på.",
    "idea": "Sätt upp bänkar med armstöd var tredje hundra meter längs stråket.",
    "benefit": "Äldre och personer med funktionsnedsättning kan promenera längre och oftare.",
    "name": "Anna Andersson",
    "email": "anna.andersson@example.org",
    "public": "ja",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_portal(tmp_path / "repo")


def ideas(root: Path) -> dict[str, bytes]:
    """Every file in ideas/, hidden ones too: a refusal must leave it as it was."""
    return {p.name: p.read_bytes() for p in sorted((root / "ideas").iterdir())}


def run(
    root: Path, capsys: pytest.CaptureFixture[str], source: Path | str, **options: bool
) -> tuple[int, str, str]:
    code = command.run(root, str(source), **options)
    out, err = capsys.readouterr()
    return code, out, err


def message(tmp_path: Path, answers: dict[str, str] | None = None, **changes: str) -> Path:
    path = tmp_path / "meddelande.txt"
    path.write_text(compose({**(answers or ANSWERS), **changes}), encoding="utf-8")
    return path


def new_idea(root: Path, before: dict[str, bytes]) -> tuple[str, dict[str, Any], str]:
    """The one file intake added: its name, front matter and body."""
    (name,) = set(ideas(root)) - set(before)
    text = (root / "ideas" / name).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return name, yaml.safe_load(front), body


def diagnostics_of(root: Path, name: str) -> list[str]:
    repo = check_repository(root, similar=True)
    return [f"{d.code}: {d.message('sv')}" for d in repo.diagnostics if d.path == f"ideas/{name}"]


# --- messages as mail programs save them ------------------------------------------------


def test_thunderbird_flowed_quoted_printable(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ideas(root)
    code, out, _ = run(root, capsys, MAIL / "thunderbird.eml")
    assert code == 0, out
    name, data, body = new_idea(root, before)
    assert name == "belysning-och-speglar-i-gangtunneln-under-jarnvagen-vid-resecentrum-i-skara.md"
    assert data["title"] == (
        "Belysning och speglar i gångtunneln under järnvägen vid resecentrum i Skara"
    )  # wrapped by format=flowed, joined again
    assert (data["municipality"], data["area"]) == ("skara", "planning")
    assert data["challenge"] == "trygga-gangtunnlar" and "need" not in data
    # Consent given: the sender's own webmail address is published, and passes the checker.
    assert data["submitter"] == {
        "name": "Anna Larsson",
        "email": "anna.larsson@gmail.com",
        "public": True,
    }
    assert "Anna Larsson" not in body  # the signature after the end line is not an answer
    assert "Svara till" not in out
    assert diagnostics_of(root, name) == []


def test_outlook_latin1_declared_windows_1252_written(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = read_letter((MAIL / "outlook.eml").read_bytes())
    assert letter.subject == "Ny idé: Matlådor från skolköket till äldre som bor hemma"
    before = ideas(root)
    code, out, _ = run(root, capsys, MAIL / "outlook.eml")
    assert code == 0
    name, data, _ = new_idea(root, before)
    assert data["municipality"] == "falkoping"  # by its name: the sender removed the id
    assert data["need"] == (
        "Äldre som bor hemma äter ensamma och för lite – många får ”matlådor” som inte smakar."
    )
    assert "challenge" not in data and "submitter" not in data
    # No consent: the coordinator is told whom to answer, the file never holds it.
    assert "Svara till: Bertil Svensson <bertil.svensson@falkoping.se>" in out
    text = (root / "ideas" / name).read_text(encoding="utf-8")
    assert "Bertil" not in text and "bertil" not in text
    assert "\r" not in text
    assert diagnostics_of(root, name) == []


def test_apple_mail_base64_area_by_name(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ideas(root)
    code, out, _ = run(root, capsys, MAIL / "apple.eml")
    assert code == 0
    _, data, _ = new_idea(root, before)
    assert data["title"] == "Lånecyklar för nyanlända vid SFI"  # after a no-break space
    assert (data["municipality"], data["area"]) == ("tidaholm", "business")  # "naringsliv …"
    # The form has no name or address: the message's sender is whom to answer.
    assert "Svara till: Sara Ek <sara.ek@icloud.com>" in out


def test_gmail_quoted_and_wrapped(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ideas(root)
    code, _, _ = run(root, capsys, MAIL / "gmail.eml")
    assert code == 0
    _, data, body = new_idea(root, before)
    assert data["title"] == (
        "Skolgårdens odlingslådor sköts av grannarna under sommarlovet så att inget vissnar"
    )
    assert data["submitter"]["email"] == "karin.holm@hjo.se"
    assert "Hej, jag skickar" not in body and ">" not in body


def test_gmail_html_part_reads_as_its_plain_part() -> None:
    message = email.message_from_bytes((MAIL / "gmail.eml").read_bytes(), policy=policy.default)
    plain, markup = (p.get_content() for p in message.walk() if p.get_content_maintype() == "text")
    assert '<div dir="ltr">' in markup
    assert read_answers(html_to_text(markup)).values == read_answers(plain).values


def test_html_only_message(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    letter = read_letter((MAIL / "html-only.eml").read_bytes())
    assert "kör inte" not in letter.text and "color" not in letter.text  # script, style
    before = ideas(root)
    code, _, _ = run(root, capsys, MAIL / "html-only.eml")
    assert code == 0
    name, data, body = new_idea(root, before)
    assert data["need"].endswith("hemma & skolan hinner inte.")  # entities decoded
    assert "<" not in data["summary"] and "betalt som sommarjobb" in data["summary"]
    assert "&lt;b>betalt&lt;/b>" in body  # the sender's tag kept as text, never as markup
    assert diagnostics_of(root, name) == []


def test_mbox_with_two_messages(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = ideas(root)
    code, out, _ = run(root, capsys, MAIL / "tva.mbox")
    assert code == 0
    assert "sluss: 2 av 2 meddelanden blev idéer." in out
    added = sorted(set(ideas(root)) - set(before))
    assert added == [
        "digital-anslagstavla-for-foreningar-i-biblioteket.md",
        "gemensam-bilpool-for-kommunens-forvaltningar.md",
    ]
    body = (root / "ideas" / added[0]).read_text(encoding="utf-8")
    assert "\nFrom och med nästa år" in body  # the mbox's ">From" quoting undone


def test_mbox_names_the_message_that_failed(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = compose({**ANSWERS, "title": "En annan idé om parker"}).replace(END, "")
    mbox = tmp_path / "inkorg.mbox"
    mbox.write_text(
        f"From - Mon Dec 07 08:00:00 2026\nSubject: Ny idé\n\n{compose(ANSWERS)}\n"
        f"From - Mon Dec 07 09:00:00 2026\nSubject: Ny idé\n\n{broken}\n",
        encoding="utf-8",
    )
    before = ideas(root)
    code, out, err = run(root, capsys, mbox)
    assert code == 1
    written = "ideas/fler-bankar-langs-promenadstraket-vid-sjon.md"
    assert f'meddelande 1 av 2 ("Ny idé"): skapade {written}' in out
    refused = f'Meddelandet kommer inte från formuläret Lämna en idé: raden "{END}" saknas.'
    assert f'meddelande 2 av 2 ("Ny idé"): {refused}' in err
    assert "sluss: 1 av 2 meddelanden blev idéer." in out
    assert len(ideas(root)) == len(before) + 1


@pytest.mark.parametrize("fixture", ["inklistrad.txt", "outlook.eml"])
def test_pasted_on_standard_input(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fixture: str
) -> None:
    """Only the body, copied from a mail program's window (CRLF), or a whole message."""
    stdin = io.TextIOWrapper(io.BytesIO((MAIL / fixture).read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    before = ideas(root)
    code, out, _ = run(root, capsys, "-")
    assert code == 0, out
    name, _, _ = new_idea(root, before)
    assert f"sluss: standard in: skapade ideas/{name}" in out
    assert diagnostics_of(root, name) == []


# --- the idea file ------------------------------------------------------------------------


def test_round_trip_compose_intake_check(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    challenge = choice("Otrygga gång- och cykeltunnlar", "trygga-gangtunnlar")
    before = ideas(root)
    code, _, _ = run(root, capsys, message(tmp_path, challenge=challenge))
    assert code == 0
    name, data, body = new_idea(root, before)
    assert name == "fler-bankar-langs-promenadstraket-vid-sjon.md"
    assert data == {
        "title": ANSWERS["title"],
        "summary": ANSWERS["idea"],
        "municipality": "skovde",
        "area": "planning",
        "status": "submitted",
        "submitted": data["submitted"],
        "challenge": "trygga-gangtunnlar",
        "submitter": {"name": "Anna Andersson", "email": ANSWERS["email"], "public": True},
    }
    assert abs(data["submitted"] - dt.date.today()) <= dt.timedelta(days=1)  # Stockholm's day
    assert ("\n" + body).split("\n## ") == [
        "",
        f"Problemet\n\n{ANSWERS['need']}\n",
        f"Idén\n\n{ANSWERS['idea']}\n",
        f"Vad blir bättre och för vem\n\n{ANSWERS['benefit']}\n",
    ]
    assert diagnostics_of(root, name) == []
    page = idea_page(root, name)
    assert (
        "Lämnad av\n:   Anna Andersson, [anna.andersson@example.org]"
        "(mailto:anna.andersson@example.org)\n"
    ) in page


def idea_page(root: Path, name: str) -> str:
    portal = Portal(check_repository(root), dt.date.today())
    entry = next(e for e in portal.entries["ideas"] if e.item.id == name.removesuffix(".md"))
    return Renderer(portal).item_page(entry)


def test_without_consent_no_personal_data_in_file(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ideas(root)
    code, out, _ = run(root, capsys, message(tmp_path, public="nej"))
    assert code == 0
    name, data, _ = new_idea(root, before)
    text = (root / "ideas" / name).read_text(encoding="utf-8")
    assert "submitter" not in data and "Andersson" not in text and "anna" not in text
    assert "Svara till: Anna Andersson <anna.andersson@example.org>" in out
    assert "Lämnad av" not in idea_page(root, name)


def test_long_texts_cut_to_the_models_limits(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    idea = " ".join(f"Förslagets{k} del{k} beskrivs här." for k in range(60))
    need = " ".join(f"Behovets{k} sida{k} beskrivs här." for k in range(120))
    before = ideas(root)
    code, _, err = run(root, capsys, message(tmp_path, idea=idea, need=need))
    assert code == 0, err
    name, data, body = new_idea(root, before)
    for value, full, limit in (
        (data["summary"], idea, SUMMARY_MAX),
        (data["need"], need, NEED_MAX),
    ):
        assert len(value) <= limit and value.endswith("…")
        kept = value.removesuffix("…")
        assert full.startswith(kept) and full[len(kept)] in " ."  # cut between words
    assert need in body  # the whole text stays in the body
    assert diagnostics_of(root, name) == []


def test_shorten_keeps_short_texts() -> None:
    assert shorten("  En  kort\ntext ", 280) == "En kort text"


def test_same_title_gets_a_number_never_overwrites(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(root, capsys, message(tmp_path))
    other = {
        **ANSWERS,
        "need": "Skolbarnen saknar cykelställ vid idrottshallen och cyklarna blir stulna.",
        "idea": "Låsbara cykelgarage som bokas med mobilen vid alla skolor och hallar.",
        "benefit": "Fler barn cyklar till träningen och färre cyklar blir stulna.",
    }
    first = (root / "ideas" / "fler-bankar-langs-promenadstraket-vid-sjon.md").read_bytes()
    code, out, _ = run(root, capsys, message(tmp_path, other))
    assert code == 0
    assert "skapade ideas/fler-bankar-langs-promenadstraket-vid-sjon-2.md" in out
    assert (root / "ideas" / "fler-bankar-langs-promenadstraket-vid-sjon.md").read_bytes() == first


def test_duplicate_refused_unless_forced(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(root, capsys, message(tmp_path))
    before = ideas(root)
    resent = message(tmp_path, benefit=ANSWERS["benefit"] + " Tack!")
    code, _, err = run(root, capsys, resent)
    assert code == 1
    assert (
        'Idén finns redan: den är nästan densamma som "Fler bänkar längs promenadstråket vid '
        'sjön" (ideas/fler-bankar-langs-promenadstraket-vid-sjon.md, likhet' in err
    )
    assert "Kör med --force om det ändå är en ny idé." in err
    assert ideas(root) == before
    code, out, _ = run(root, capsys, resent, force=True)
    assert code == 0 and "-sjon-2.md" in out


def test_dry_run_prints_and_writes_nothing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = ideas(root)
    code, out, _ = run(root, capsys, message(tmp_path), dry_run=True)
    assert code == 0 and ideas(root) == before
    assert "(--dry-run: inget skrevs)" in out and f"title: {ANSWERS['title']}" in out


# --- hostile contents -----------------------------------------------------------------------


def test_script_in_answers_is_text_on_the_page(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = "<script>alert(1)</script>"
    before = ideas(root)
    code, _, err = run(
        root,
        capsys,
        message(
            tmp_path,
            title=f"Bänkar {script}",
            idea=f"Bänkar {script} längs hela stråket.",
            name=f"Anna {script}",
        ),
    )
    assert code == 0, err
    name, data, body = new_idea(root, before)
    assert "<script" not in body and "&lt;script>" in body
    assert "<" not in data["summary"]
    assert diagnostics_of(root, name) == []
    page = idea_page(root, name)
    assert "<script" not in page and "Lämnad av\n:   Anna &lt;script&gt;" in page


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({"idea": "Bänkar längs stråket.\n{: onclick=alert(1) }"}, "onclick="),
        ({"idea": 'Se <img src=x onerror="alert(1)"> här, och bänkar.'}, None),
        ({"benefit": "[Klicka här](javascript:alert(1)) för fler bänkar."}, "javascript:"),
    ],
)
def test_hostile_markdown_refused_or_inert(
    root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: dict[str, str],
    found: str | None,
) -> None:
    """What the escaping cannot make inert, the repository's checker refuses."""
    before = ideas(root)
    code, _, err = run(root, capsys, message(tmp_path, **change))
    if found is None:  # escaped: the tag is text
        assert code == 0
        name, _, body = new_idea(root, before)
        assert "<img" not in body and "<img" not in idea_page(root, name)
        return
    assert code == 1
    assert "Idéfilen skulle inte klara kontrollen, så inget skrevs:" in err and found in err
    assert ideas(root) == before


# --- refusals: a clear message, nothing written ------------------------------------------------

PERSONNUMMER = "19121212-1212"


def refusal_cases() -> list[Any]:
    def form(**changes: str) -> bytes:
        return compose({**ANSWERS, **changes}).encode()

    return [
        pytest.param(
            b"Hej!\nJag har en id\xc3\xa9 om cyklar.\n",
            f'Meddelandet kommer inte från formuläret Lämna en idé: raden "{START}" saknas.',
            id="no-form",
        ),
        pytest.param(
            form().replace(END.encode(), b""),
            f'Meddelandet kommer inte från formuläret Lämna en idé: raden "{END}" saknas.',
            id="no-end",
        ),
        pytest.param(form(idea="  "), 'Svaret på "Idén" är tomt i meddelandet', id="empty"),
        pytest.param(
            form(municipality="Stockholm [stockholm]"),
            'Okänd kommun "Stockholm [stockholm]" i meddelandet – välj en av: Essunga [essunga]',
            id="municipality",
        ),
        pytest.param(
            form(area="Rymdfart"),
            'Okänt område "Rymdfart" i meddelandet – välj en av: Vård och omsorg [care]',
            id="area",
        ),
        pytest.param(
            form(challenge="Snöröjning [snorojning]"),
            'Okänd utmaning "Snöröjning [snorojning]" i meddelandet – välj en av:',
            id="challenge",
        ),
        pytest.param(
            form(idea=f"Bänkar. Mitt personnummer är {PERSONNUMMER}."),
            'Rad 9 i meddelandets text (svaret på "Idén") innehåller ett personnummer, som '
            "inte får publiceras. Ta bort det ur meddelandet och kör sluss intake igen.",
            id="personnummer",
        ),
        pytest.param(
            form(benefit="Ring mig på 070-123 45 67 om bänkarna."),
            'Rad 11 i meddelandets text (svaret på "Vad blir bättre och för vem") innehåller ett '
            "mobilnummer",
            id="mobile",
        ),
        pytest.param(
            form(name=f"Anna {PERSONNUMMER}"),
            'Rad 12 i meddelandets text (svaret på "Namn") innehåller ett personnummer',
            id="personnummer-in-name",
        ),
        pytest.param(
            form(title="Bänkar " * 30),
            'error[too-long]: "title" är för lång (209 tecken, högst 120)',
            id="checker-title-length",
        ),
        pytest.param(
            b"x" * 1_100_000, "meddelandet är 1.1 MB – större än gränsen 1 MB", id="too-large"
        ),
        pytest.param(
            b"PK\x03\x04\x00\x00binary\x00junk", "meddelandet innehåller binära data", id="binary"
        ),
        pytest.param(
            b"Subject: x\nContent-Type: text/plain; charset=utf-8\n"
            b"Content-Transfer-Encoding: base64\n\nAAECAwQFBgc=\n",
            "meddelandet innehåller binära data (styrtecken)",
            id="binary-inside",
        ),
    ]


@pytest.mark.parametrize(("data", "expected"), refusal_cases())
def test_refusal(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, expected: str
) -> None:
    source = tmp_path / "meddelande.eml"
    source.write_bytes(data)
    before = ideas(root)
    code, out, err = run(root, capsys, source)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err and out == ""
    assert ideas(root) == before  # nothing written, no temporary file left


def test_unreadable_file_is_usage(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(root, capsys, root / "finns-inte.eml")
    assert code == 2 and "kan inte läsa" in err


def test_cli(root: Path) -> None:
    result = run_sluss("intake", MAIL / "apple.eml", "--root", root, "--dry-run", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "title: Lånecyklar för nyanlända vid SFI" in result.stdout
    usage = run_sluss("intake", cwd=root)
    assert usage.returncode == 2


# --- the parts ----------------------------------------------------------------------------------


def test_unflow() -> None:
    assert unflow("Ett långt \nsvar.\n-- \nAnna") == "Ett långt svar.\n-- \nAnna"
    assert unflow("Ett lång\nt svar", delsp=False) == "Ett lång\nt svar"
    assert unflow("Ett lång \nt svar", delsp=True) == "Ett långt svar"


def test_pasted_message_after_an_empty_line() -> None:
    whole = (MAIL / "apple.eml").read_bytes()
    assert read_letter(b"\n\n" + whole).sender == "Sara Ek <sara.ek@icloud.com>"


def test_html_to_text() -> None:
    markup = "<div>A&amp;B<br>C&nbsp;D</div><script>x()</script><p>E <i>F</i></p>"
    assert html_to_text(markup) == "A&B\nC D\n\nE F\n"


def test_decode_latin1_as_windows_1252() -> None:
    assert decode("– ”ja”".encode("cp1252"), "ISO-8859-1") == "– ”ja”"
    assert decode("Idé".encode(), None) == "Idé"
    assert decode("Idé".encode("cp1252"), None) == "Idé"
    assert decode("Idé".encode(), "x-okänd") == "Idé"


def test_resolve_by_id_then_name() -> None:
    options = {"skovde": ["Skövde", "Skövde kommun"], "hjo": ["Hjo"]}
    assert resolve("Hjo [skovde]", options, "Okänd kommun") == "skovde"  # the id decides
    assert resolve("SKOVDE KOMMUN", options, "Okänd kommun") == "skovde"
    assert resolve("hjo [fel]", options, "Okänd kommun") == "hjo"


def test_labels_case_insensitive_quoted_and_wrapped() -> None:
    text = (
        f"> {START}\n>  TITEL : Bänkar vid\n> sjön\n"
        "> kommun: Hjo [hjo]\n> område:\u00a0Utbildning\n"
        "> Problem eller behov:\n> Rad ett.\n>\n> Rad två.\n"
        f"> Idén:\n> En idé.\n> Vad blir bättre och för vem:\n> Alla.\n> {END}\n"
    )
    values = read_answers(text).values
    assert values["title"] == "Bänkar vid sjön"
    assert values["municipality"] == "Hjo [hjo]" and values["area"] == "Utbildning"
    assert values["need"] == "Rad ett.\n\nRad två."


# --- whatever arrives: a refusal, never a traceback -------------------------------------------


@pytest.fixture(scope="module")
def sample_repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    return check_repository(copy_portal(tmp_path_factory.mktemp("intake") / "repo"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=st.text(), key=st.sampled_from(["title", "need", "idea", "name", "public"]))
def test_any_answer_gives_an_idea_or_a_refusal(
    sample_repo: Repository, answer: str, key: str
) -> None:
    text = compose({**ANSWERS, key: answer})
    try:
        done = intake(sample_repo, text, write=False, force=True)
    except IntakeError as exc:
        assert exc.message
        return
    assert "<" not in done.text.split("\n---\n", 1)[1]  # the body holds no markup


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"Subject: x\n", b"From x\n"]))
def test_any_bytes_give_text_or_a_refusal(data: bytes, prefix: bytes) -> None:
    try:
        letter = read_letter(prefix + data)
        read_answers(letter.text)
    except (MailError, IntakeError) as exc:
        assert exc.message
