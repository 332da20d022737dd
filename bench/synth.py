"""A seeded synthetic content repository of N ideas, with its Git history.

    .venv/bin/python bench/synth.py DEST --ideas 10000 [--seed 1] [--warned 0.16]

What it makes, for N ideas: N/5 innovations, N/20 training items (courses and their
modules, with past and coming sessions), N/25 challenges (at least 8), the real 15
municipalities and the support actors of this repository, and the portal's own
configuration, theme and hand-written pages. Every file passes `sluss check` without a
warning.

`--warned SHARE` makes that share of the ideas carry exactly one warning, the kind
a contributor really causes: Markdown emphasis in the summary (`summary-markup`,
which shows the summary's line and column). Which ideas is decided by their number
alone, apart from the generator's random draws, so the files are otherwise those of
the clean repository of the same seed and N, and an idea keeps its warning through
every commit that rewrites it.

The history is about N/10 commits spread over ten years: each commit adds the ideas
submitted that fortnight and moves earlier ones on through the statuses (an
assessment appears when an idea goes to testing, a note when it is parked or
closed, an innovation when it is implemented); challenges, innovations, adopters and
courses arrive along the way; a few unreferenced ideas are renamed. Recent ideas are
therefore mostly submitted or being assessed, old ones implemented, parked or
closed – like a sluice that has run for years. Built with `git fast-import`: 10 000
ideas take a few seconds.

The same seed and N always give the same files and the same commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Not content: configuration, theme and hand-written pages come from this repository.
SHELL = (".gitignore", "mkdocs.yml", "sluss.yml", "docs", "overrides")
KEPT = ("municipalities", "support")  # real data, copied as they are
END = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)  # last commit; fixed, not "now"
YEARS = 10
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}

AREAS = (
    "care",
    "education",
    "social",
    "planning",
    "environment",
    "culture",
    "business",
    "administration",
    "democracy",
)
ACTIONS = (
    "Digitalt stöd för",
    "Enklare",
    "Gemensam",
    "Snabbare",
    "Tryggare",
    "Mobil tjänst för",
    "Sensorer för",
    "Samordnad",
    "Självservice för",
    "Automatiserad",
    "Delad",
    "Klimatsmart",
    "Förenklad",
    "Ny modell för",
    "Pilot med",
    "Karta över",
    "Påminnelser om",
    "Videomöten i",
    "Öppen data om",
    "Lokal",
)
OBJECTS = (
    "bokning av lokaler",
    "nyckelhantering i hemtjänsten",
    "ansökan om bygglov",
    "skolskjuts",
    "felanmälan av gatubelysning",
    "matsvinn i skolköket",
    "simundervisning",
    "tolkbokning",
    "föreningsbidrag",
    "nattlig tillsyn",
    "läxhjälp",
    "snöröjning",
    "avfallshämtning",
    "färdtjänst",
    "biblioteksbesök",
    "ekonomiskt bistånd",
    "hemsjukvård",
    "arbetsmarknadsinsatser",
    "integration av nyanlända",
    "kollektivtrafik på landsbygden",
    "energiuppföljning i skolor",
    "rekrytering av vikarier",
    "schemaläggning",
    "medborgardialog",
    "ungas fritid",
    "trygghetsvandringar",
    "äldres ensamhet",
    "fallprevention",
    "läkemedelshantering",
    "vattenläckor",
    "parkskötsel",
    "cykelvägar",
    "lokalvård",
    "inköp och upphandling",
    "arkivering",
    "diarieföring",
    "kulturskolan",
    "idrottsanläggningar",
    "besöksnäring",
    "företagsetablering",
    "serveringstillstånd",
    "livsmedelskontroll",
    "solenergi",
    "dagvatten",
    "återbruk av möbler",
    "måltider i äldreomsorgen",
    "hörselhjälpmedel",
    "digitala möten för politiker",
    "språkstöd i förskolan",
    "skolfrånvaro",
)
PLACES = (
    "på landsbygden",
    "i hemtjänsten",
    "i förskolan",
    "i grundskolan",
    "på gymnasiet",
    "på särskilt boende",
    "i stadskärnan",
    "för föreningar",
    "för nyanlända",
    "för äldre",
    "för unga",
    "för företagare",
    "över kommungränsen",
    "i hela Skaraborg",
    "på biblioteket",
    "i kontaktcenter",
)
WHO = (
    "en undersköterska",
    "en lärare",
    "en handläggare",
    "en invånare",
    "en bibliotekarie",
    "en fritidsledare",
    "en enhetschef",
    "en planerare",
    "ett kommunalråd",
    "en elev",
    "en förening",
    "en företagare",
    "en vaktmästare",
    "en socialsekreterare",
)
PROBLEMS = (
    "tar för lång tid",
    "kostar mer än det behöver",
    "når inte alla som behöver det",
    "bygger på papper och telefonsamtal",
    "ger ojämn kvalitet mellan enheterna",
    "leder till onödiga resor",
    "gör att invånare får vänta",
    "syns inte för dem som kunde använda det",
    "belastar personalen på kvällar och helger",
    "skapar dubbelarbete mellan förvaltningarna",
)
EFFECTS = (
    "kortare väntetider",
    "färre resor",
    "lägre kostnader",
    "nöjdare invånare",
    "mer tid för kärnuppdraget",
    "bättre arbetsmiljö",
    "mindre klimatpåverkan",
    "färre fel",
    "jämlikare service",
    "bättre underlag för beslut",
)
TAGS = (
    "digitalisering",
    "välfärdsteknik",
    "hemtjänst",
    "skola",
    "förskola",
    "samverkan",
    "klimat",
    "energi",
    "landsbygd",
    "trygghet",
    "tillgänglighet",
    "e-tjänst",
    "automatisering",
    "delaktighet",
    "folkhälsa",
    "kompetensförsörjning",
    "integration",
    "unga",
    "äldre",
    "kultur",
    "idrott",
    "föreningsliv",
    "näringsliv",
    "kollektivtrafik",
    "vatten",
    "avfall",
    "återbruk",
    "måltider",
    "upphandling",
    "öppna-data",
    "ai",
    "sensorer",
    "arbetsmiljö",
    "bibliotek",
    "bygglov",
    "kontaktcenter",
)
COURSE_TOPICS = (
    "Förändringsledarskap i praktiken",
    "Att leda innovation i vardagen",
    "Tjänstedesign för kommuner",
    "Nyttorealisering",
    "Innovationsupphandling",
    "Att pröva idéer i små steg",
    "Medborgardialog som metod",
    "Välfärdsteknik från idé till drift",
)
LOCATIONS = ("Stadshuset", "Stadsbiblioteket", "Kulturhuset", "Gymnasieskolan", "Digitalt")
SUPPORT_PHASES = ("vinnova", "rise", "almi-vast", "skr", "digg", "innovatum")
DOCUMENTS = tuple(
    f"docs/material/{p.name}" for p in sorted((ROOT / "docs" / "material").glob("*.md"))
)

# How an idea moves on: (next status, probability); time in a status is drawn
# per idea (days). Implemented ideas are the ones that become innovations.
NEXT = {
    "submitted": (("assessing", 0.9), ("closed", 0.1)),
    "assessing": (("testing", 0.5), ("parked", 0.2), ("closed", 0.3)),
    "testing": (("implemented", 0.7), ("closed", 0.3)),
    "parked": (("assessing", 0.3), ("closed", 0.7)),
}
DAYS_IN = {
    "submitted": (14, 150),
    "assessing": (60, 420),
    "testing": (120, 600),
    "parked": (180, 900),
}


@dataclass
class Idea:
    n: int
    id: str
    title: str
    municipality: str
    area: str
    submitted: dt.date
    need: str | None
    challenge: str | None
    tags: list[str]
    partners: list[str]
    related: list[str]
    body: str
    status: str = "submitted"
    status_date: dt.date | None = None
    assessment: dict[str, object] | None = None
    status_note: str | None = None
    innovation: str | None = None
    referenced: bool = False
    warned: bool = False


@dataclass
class Repo:
    """The state of every content file, written out as each commit changes it."""

    rng: random.Random
    municipalities: dict[str, str]  # id -> function mailbox
    support: list[str]
    warned: float = 0.0  # the share of ideas with one warning
    files: dict[str, bytes] = field(default_factory=dict)
    changed: dict[str, bytes | None] = field(default_factory=dict)  # None = deleted

    def put(self, path: str, text: str) -> None:
        data = text.encode()
        if self.files.get(path) != data:
            self.files[path] = data
            self.changed[path] = data

    def rename(self, old: str, new: str) -> None:
        self.files[new] = self.files.pop(old)
        self.changed[old] = None
        self.changed[new] = self.files[new]


def slug(text: str, limit: int = 48) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].rstrip("-")


def front_matter(data: dict[str, object]) -> str:
    dumped = yaml.dump(
        data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    return f"---\n{dumped}---\n"


def sentences(rng: random.Random, subject: str, count: int) -> str:
    out = []
    for _ in range(count):
        out.append(
            rng.choice(
                (
                    f"I dag {rng.choice(PROBLEMS)} när det gäller {subject}.",
                    f"Förslaget väntas ge {rng.choice(EFFECTS)} och {rng.choice(EFFECTS)}.",
                    f"Idén kom från {rng.choice(WHO)} som ser problemet varje vecka.",
                    f"Liknande lösningar har prövats {rng.choice(PLACES)} med goda resultat.",
                    f"Arbetet med {subject} berör flera förvaltningar och behöver samordnas.",
                    f"Ett första test kan göras {rng.choice(PLACES)} under några månader.",
                    f"Kostnaden är liten jämfört med {rng.choice(EFFECTS)} som kan nås.",
                    "Frågor om dataskydd och informationssäkerhet behöver utredas tidigt.",
                    f"Medarbetarna {rng.choice(PLACES)} vill vara med och forma lösningen.",
                )
            )
        )
    return " ".join(out)


def idea_text(idea: Idea) -> str:
    # A contributor's emphasis: the summary is shown as plain text, so it warns.
    example = "ett **syntetiskt** exempel" if idea.warned else "ett syntetiskt exempel"
    data: dict[str, object] = {
        "title": idea.title,
        "summary": f"{idea.title} – {example} för prestandamätning, nummer {idea.n}.",
        "municipality": idea.municipality,
    }
    if idea.partners:
        data["partners"] = idea.partners
    data |= {"area": idea.area, "status": idea.status, "submitted": idea.submitted}
    optional = ("status_date", "challenge", "need", "assessment", "status_note")
    for key in (*optional, "innovation", "related"):
        if value := getattr(idea, key):
            data[key] = value
    data["tags"] = idea.tags
    return front_matter(data) + idea.body


def new_idea(repo: Repo, n: int, when: dt.date, challenges: list[str], ideas: list[Idea]) -> Idea:
    rng = repo.rng
    subject = rng.choice(OBJECTS)
    title = f"{rng.choice(ACTIONS)} {subject} {rng.choice(PLACES)}"
    municipality = rng.choice(sorted(repo.municipalities))
    others = [m for m in sorted(repo.municipalities) if m != municipality]
    partners = sorted(rng.sample(others, rng.randint(1, 2))) if rng.random() < 0.06 else []
    challenge = rng.choice(challenges) if challenges and rng.random() < 0.55 else None
    need = None if challenge else f"Det {rng.choice(PROBLEMS)} med {subject} {rng.choice(PLACES)}."
    related: list[str] = []
    if ideas and rng.random() < 0.05:
        target = rng.choice(ideas[-200:])
        related, target.referenced = [target.id], True
    body = (
        f"## Bakgrund\n\n{sentences(rng, subject, rng.randint(2, 4))}\n\n"
        f"## Förslag\n\n{sentences(rng, subject, rng.randint(2, 4))}\n\n"
        f"## Vad behövs?\n\n{sentences(rng, subject, rng.randint(1, 3))}\n"
    )
    return Idea(
        n=n,
        warned=is_warned(n, repo.warned),
        id=f"{slug(title)}-{n}",
        title=title,
        municipality=municipality,
        area=rng.choice(AREAS),
        submitted=when,
        need=need,
        challenge=challenge,
        tags=sorted(set(rng.sample(TAGS, rng.randint(1, 3)))),
        partners=partners,
        related=related,
        body=body,
    )


def is_warned(n: int, share: float) -> bool:
    """Whether idea number `n` carries the warning: its own draw, not the generator's."""
    return share > 0 and random.Random(f"warned-{n}").random() < share


def move(repo: Repo, idea: Idea, status: str, when: dt.date) -> None:
    rng = repo.rng
    idea.status, idea.status_date = status, when
    if status in ("testing", "implemented") and not idea.assessment:
        idea.assessment = {
            **{c: rng.randint(2, 5) for c in ("need", "effect", "evidence")},
            **{c: rng.randint(1, 5) for c in ("legal", "cost", "feasibility")},
            "date": when,
            "decision": "Pröva idén i liten skala och följ upp effekten efter tre månader.",
        }
    if status in ("parked", "closed"):
        idea.status_note = rng.choice(
            (
                "Idén vilar tills budgeten för nästa år är beslutad.",
                "En liknande lösning finns redan upphandlad i regionen.",
                "Behovet visade sig vara mindre än väntat efter bedömningen.",
                "Testet gav inte den effekt som krävdes för att gå vidare.",
            )
        )
    elif status != "parked":
        idea.status_note = None


def challenge_text(repo: Repo, n: int, cid: str, opened: dt.date, closed: bool) -> str:
    rng = repo.rng
    subject = rng.choice(OBJECTS)
    problem = rng.choice(PROBLEMS)
    data: dict[str, object] = {
        "title": f"Arbetet med {subject} {problem}",
        "summary": f"Flera kommuner ser att arbetet med {subject} {problem}. Utmaning nummer {n}.",
        "municipalities": sorted(rng.sample(sorted(repo.municipalities), rng.randint(1, 4))),
        "area": rng.choice(AREAS),
        "status": "closed" if closed else "open",
        "opened": opened,
    }
    if closed:
        data["closes"] = opened + dt.timedelta(days=rng.randint(120, 500))
    data["evidence"] = [
        {"measure": f"Ärenden om {subject} per månad", "value": str(rng.randint(20, 900))}
    ]
    data["tags"] = sorted(set(rng.sample(TAGS, 2)))
    body = f"## Utmaningen\n\n{sentences(rng, subject, 3)}\n\n## Vilka berörs?\n\n"
    return front_matter(data) + body + sentences(rng, subject, 2) + "\n"


def innovation_text(repo: Repo, idea: Idea, started: dt.date, adopters: list[dict]) -> str:
    rng = repo.rng
    level = rng.choice(("observed", "measured", "measured", "evaluated"))
    data: dict[str, object] = {
        "title": idea.title,
        "summary": f"{idea.title}: testad och dokumenterad så att fler kommuner kan använda den.",
        "owner": idea.municipality,
        "area": idea.area,
        "stage": "operation" if idea.status == "implemented" else "pilot",
        "started": started,
        "idea": idea.id,
    }
    if idea.challenge:
        data["challenge"] = idea.challenge
    data["evidence"] = {
        "level": level,
        "results": [
            {
                "measure": "Tid per ärende",
                "value": f"{rng.randint(20, 60)} → {rng.randint(5, 19)} minuter",
                "source": "Uppföljning efter sex månader (syntetisk)",
            }
        ],
    }
    data["costs"] = {
        "setup_sek": rng.randrange(20_000, 900_000, 5_000),
        "yearly_sek": rng.randrange(0, 200_000, 5_000),
    }
    if adopters:
        data["adopters"] = adopters
    data["reuse"] = {
        "how": "Rutiner, mallar och erfarenheter delas med kommuner som vill införa lösningen.",
        "requirements": ["Beslut i ansvarig nämnd", "En utsedd kontaktperson"],
        "documents": [{"title": "Checklista", "path": rng.choice(DOCUMENTS)}],
        "license": "CC-BY-4.0",
    }
    data["support"] = sorted(rng.sample(repo.support, 2))
    data["contact"] = {"email": repo.municipalities[idea.municipality], "role": "Samordnare"}
    data["tags"] = idea.tags
    subject = idea.title.lower()
    body = (
        f"## Vad är det?\n\n{sentences(rng, subject, 3)}\n\n"
        f"## Resultat hittills\n\n{sentences(rng, subject, 2)}\n\n"
        f"## Lärdomar\n\n{sentences(rng, subject, 2)}\n"
    )
    return front_matter(data) + body


def training_text(repo: Repo, n: int, course: str | None, when: dt.date) -> str:
    rng = repo.rng
    topic = rng.choice(COURSE_TOPICS)
    title = f"{topic}, omgång {n}" if course is None else f"Modul {n % 4 + 1}: {topic.lower()}"
    sessions = []
    for k in range(rng.randint(1, 3)):
        start = dt.datetime.combine(when + dt.timedelta(days=30 + 60 * k), dt.time(9, 0))
        if k == 2:  # some courses have a session still to come
            start = dt.datetime(2027, 1 + n % 12, 1 + n % 27, 9, 0)
        municipality = rng.choice(sorted(repo.municipalities))
        sessions.append(
            {
                "start": start.strftime("%Y-%m-%dT%H:%M"),
                "end": (start + dt.timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"),
                "location": f"{rng.choice(LOCATIONS)}, {municipality.capitalize()}",
                "municipality": municipality,
                "seats": rng.randint(12, 40),
            }
        )
    data: dict[str, object] = {
        "title": title,
        "summary": f"{topic}: en utbildning för chefer och medarbetare, syntetiskt nummer {n}.",
    }
    if course:
        data["course"] = course
    data |= {
        "audience": sorted(rng.sample(("leaders", "staff", "coordinators"), rng.randint(1, 2))),
        "format": rng.choice(("classroom", "online", "blended")),
        "hours": rng.choice((3, 6, 12, 24)),
        "objectives": ["Kunna leda ett förändringsarbete i sin egen verksamhet"],
        "trainers": ["Processledare, Skaraborgs kommunalförbund"],
        "sessions": sessions,
        "tags": ["ledarskap", "innovation"],
    }
    # Sessions are written as plain datetimes (YAML timestamps without a zone).
    text = front_matter(data)
    text = re.sub(r"'(\d{4}-\d\d-\d\dT\d\d:\d\d)'", r"\1", text)
    return text + f"## Innehåll\n\n{sentences(rng, topic.lower(), 3)}\n"


def commits(
    ideas: int, seed: int, warned: float = 0.0
) -> Iterator[tuple[dt.datetime, str, dict[str, bytes | None]]]:
    """(time, message, changed files) per commit, oldest first."""
    rng = random.Random(seed)
    municipalities, support = real_data()
    repo = Repo(rng, municipalities, support, warned)
    count = max(10, ideas // 10)
    start = END - dt.timedelta(days=365 * YEARS)
    step = (END - start) / count
    n_challenges = max(8, ideas // 25)
    n_innovations = ideas // 5
    n_training = max(2, ideas // 20)
    made: list[Idea] = []
    challenges: list[str] = []
    moves: dict[int, list[tuple[Idea, str]]] = {}  # commit -> planned status changes
    innovations = 0
    courses: list[str] = []
    training = 0
    for k in range(count):
        when = start + step * k + dt.timedelta(minutes=rng.randrange(600))
        day = when.date()
        messages = []
        # Challenges: most early, some later.
        due_challenges = n_challenges * min(1.0, 2 * (k + 1) / count)
        while len(challenges) < int(due_challenges):
            cid = f"utmaning-{len(challenges) + 1:04d}"
            closed = rng.random() < 0.3 and k < count * 0.7
            text = challenge_text(repo, len(challenges), cid, day, closed)
            repo.put(f"challenges/{cid}.md", text)
            challenges.append(cid)
            messages.append(f"Ny utmaning: {cid}")
        # New ideas, evenly over the commits.
        while len(made) < ideas * (k + 1) // count:
            idea = new_idea(repo, len(made) + 1, day, challenges, made)
            made.append(idea)
            repo.put(f"ideas/{idea.id}.md", idea_text(idea))
            plan(rng, idea, k, step, count, moves)
        if len(made) > 0:
            messages.append(f"{len(made)} idéer")
        # Planned status changes for this commit.
        for idea, status in moves.pop(k, []):
            move(repo, idea, status, day)
            if status == "implemented" and innovations < n_innovations:
                innovations += 1
                add_innovation(repo, idea, day, innovations)
            repo.put(f"ideas/{idea.id}.md", idea_text(idea))
        # Training: courses and their modules, spread over the years.
        while training < n_training * (k + 1) // count:
            training += 1
            if training % 5 == 1 or not courses:
                tid = f"kurs-{training:04d}"
                repo.put(f"training/{tid}.md", training_text(repo, training, None, day))
                courses.append(tid)
            else:
                tid = f"{courses[-1]}-modul-{training:04d}"
                repo.put(f"training/{tid}.md", training_text(repo, training, courses[-1], day))
        # Now and then an idea nobody refers to gets a better file name.
        if k % 40 == 39:
            rename(repo, made, moves)
        if k == count - 1:  # innovations still owed: pilots from ideas in testing
            for idea in [i for i in made if i.status == "testing" and not i.innovation]:
                if innovations >= n_innovations:
                    break
                innovations += 1
                add_innovation(repo, idea, day, innovations)
                repo.put(f"ideas/{idea.id}.md", idea_text(idea))
        changed, repo.changed = repo.changed, {}
        yield when, "; ".join(messages) or "Uppdatering", changed


def plan(
    rng: random.Random,
    idea: Idea,
    k: int,
    step: dt.timedelta,
    count: int,
    moves: dict[int, list[tuple[Idea, str]]],
) -> None:
    """Draw the idea's whole future now; changes after the last commit never happen."""
    status, at = "submitted", k
    while status in NEXT:
        low, high = DAYS_IN[status]
        at += max(1, round(dt.timedelta(days=rng.randint(low, high)) / step))
        if at >= count:
            return
        status = _draw(rng, NEXT[status])
        moves.setdefault(at, []).append((idea, status))


def _draw(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    r, total = rng.random(), 0.0
    for choice, p in choices:
        total += p
        if r < total:
            return choice
    return choices[-1][0]


def add_innovation(repo: Repo, idea: Idea, day: dt.date, n: int) -> None:
    rng = repo.rng
    iid = f"innovation-{n:05d}-{slug(idea.title, 30)}"
    idea.innovation, idea.referenced = iid, True
    others = [m for m in sorted(repo.municipalities) if m != idea.municipality]
    adopters = [
        {
            "municipality": m,
            "stage": rng.choice(("pilot", "operation")),
            "since": min(END.date(), day + dt.timedelta(days=rng.randint(30, 400))),
        }
        for m in sorted(rng.sample(others, rng.choice((0, 0, 1, 2, 4))))
    ]
    repo.put(f"innovations/{iid}.md", innovation_text(repo, idea, day, adopters))


def rename(repo: Repo, made: list[Idea], moves: dict[int, list[tuple[Idea, str]]]) -> None:
    planned = {id(i) for pending in moves.values() for i, _ in pending}
    for idea in repo.rng.sample(made, min(20, len(made))):
        if idea.referenced or id(idea) in planned or idea.id.endswith("-b"):
            continue
        old = f"ideas/{idea.id}.md"
        idea.id += "-b"
        repo.rename(old, f"ideas/{idea.id}.md")
        return


def real_data() -> tuple[dict[str, str], list[str]]:
    mailboxes = {}
    for path in sorted((ROOT / "municipalities").glob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        mailboxes[path.stem] = data["contact"]["email"]
    return mailboxes, sorted(p.stem for p in (ROOT / "support").glob("*.md"))


def shell_files() -> dict[str, bytes]:
    """The portal's own tracked files that are not generated content."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--", *SHELL, *KEPT],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return {p: (ROOT / p).read_bytes() for p in listed.split("\0") if p and (ROOT / p).is_file()}


def import_file(path: str, data: bytes | None) -> bytes:
    if data is None:
        return f"D {path}\n".encode()
    return f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n"


def stream(ideas: int, seed: int, warned: float = 0.0) -> Iterator[bytes]:
    first = True
    for k, (when, message, changed) in enumerate(commits(ideas, seed, warned)):
        text = message.encode()
        stamp = int(when.timestamp())
        yield (
            (
                f"commit refs/heads/main\nmark :{k + 1}\n"
                f"committer Syntetisk <bench@example.invalid> {stamp} +0000\n"
                f"data {len(text)}\n"
            ).encode()
            + text
            + b"\n"
        )
        if k:
            yield f"from :{k}\n".encode()
        if first:
            changed = {**shell_files(), **changed}
            first = False
        for path in sorted(changed, key=lambda p: (changed[p] is not None, p)):
            yield import_file(path, changed[path])


def make(dest: Path, ideas: int, seed: int = 1, warned: float = 0.0) -> Path:
    """Create the repository at `dest` (which must not exist yet) and check it out.

    `warned`: the share of ideas whose summary carries one warning (0 to 1).
    """
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"synth: {dest} finns redan och är inte tom")
    if not 0 <= warned <= 1:
        raise SystemExit(f"synth: --warned {warned} ligger inte mellan 0 och 1")
    fast_import(dest, stream(ideas, seed, warned))
    return dest


def fast_import(dest: Path, chunks: Iterable[bytes]) -> None:
    """A new repository at `dest` from a `git fast-import` stream, branch main checked out."""
    subprocess.run(["git", "-c", "init.defaultBranch=main", "init", "-q", str(dest)], check=True)
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet"], cwd=dest, stdin=subprocess.PIPE, env=ENV
    )
    assert importer.stdin is not None
    for chunk in chunks:
        importer.stdin.write(chunk)
    importer.stdin.close()
    if importer.wait() != 0:
        raise SystemExit("synth: git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=dest, check=True, env=ENV)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--ideas", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--warned", type=float, default=0.0, metavar="SHARE", help="share of ideas with a warning"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    make(args.dest, args.ideas, args.seed, args.warned)
    counts = {
        name: len(list((args.dest / name).glob("*.md")))
        for name in ("ideas", "innovations", "training", "challenges", "municipalities", "support")
    }
    log = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=args.dest, capture_output=True, text=True
    )
    print(
        f"synth: {args.dest}: "
        + ", ".join(f"{n} {name}" for name, n in counts.items())
        + f"; {log.stdout.strip()} commits; {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
