"""The content model, defined once.

Collections, fields, types, vocabularies and their Swedish and English labels
live here as data. The checker, the JSON Schema export, the site generator and
(later) the web-editor configuration, the field reference and `sluss new` all
derive from these declarations; nothing else may list fields again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Text:
    """A user-facing text in Swedish (first) and English."""

    sv: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


class Kind(Enum):
    STRING = "string"  # one line of plain text
    TEXT = "text"  # free text, may span lines
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601; Europe/Stockholm when no offset
    URL = "url"
    EMAIL = "email"
    CODE = "code"  # SCB municipality code: four digits, a string
    LICENSE = "license"  # SPDX identifier
    TAG = "tag"
    PATH = "path"  # a file inside the repository
    CHOICE = "choice"  # one value of a vocabulary
    REF = "ref"  # the id of an item of another collection
    LIST = "list"
    OBJECT = "object"


@dataclass(frozen=True)
class When:
    """A condition on a sibling field: `field` has one of `values`."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    label: Text
    help: Text
    example: object = None
    required: bool = False
    required_when: When | None = None
    vocabulary: str | None = None  # for CHOICE
    ref: str | None = None  # collection name, for REF
    # For REF: the name of the link seen from the target (`challenge` of an idea is
    # `ideas` of the challenge). Pages follow links both ways; see RELATIONS.
    inverse: str | None = None
    item: Field | None = None  # element type, for LIST
    fields: tuple[Field, ...] = ()  # members, for OBJECT
    min: float | None = None  # length for strings and lists, value for numbers
    max: float | None = None
    https_only: bool = False  # for URL
    not_future: bool = False  # for DATE: an event that has happened
    not_before: str | None = None  # for DATE/DATETIME: a sibling field it may not precede
    not_after: str | None = None  # for DATE: a sibling date or date-time it may not follow
    after: str | None = None  # for DATETIME: a sibling field it must strictly follow
    unique: bool = False  # unique across the collection
    exactly_one_of: tuple[str, ...] = ()  # for OBJECT: members of which exactly one is given

    def member(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Collection:
    name: str  # folder name and stable machine name
    label: Text  # plural
    singular: Text
    slug_sv: str  # URL segment of its pages on the site
    fields: tuple[Field, ...]
    body: Text  # what the Markdown body should contain
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one field of each group

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def max_length(f: Field | None) -> int:
    """A field's length limit (`max`), for code that writes content the checker must
    accept (intake, imports): the limit is written once, here in the model."""
    if f is None or f.max is None:
        raise KeyError(f"no length limit: {f.name if f else 'no such field'}")
    return int(f.max)


def _t(sv: str, en: str) -> Text:
    return Text(sv, en)


# --- Vocabularies ----------------------------------------------------------
# `area` is not here: it is data in sluss.yml so a region can change it.

VOCABULARIES: dict[str, dict[str, Text]] = {
    "idea_status": {
        "submitted": _t("Inkommen", "Submitted"),
        "assessing": _t("Under bedömning", "Being assessed"),
        "testing": _t("Testas", "Being tested"),
        "implemented": _t("Införd", "Implemented"),
        "parked": _t("Vilande", "Parked"),
        "closed": _t("Avslutad", "Closed"),
    },
    "challenge_status": {
        "open": _t("Öppen", "Open"),
        "closed": _t("Stängd", "Closed"),
    },
    "stage": {
        "pilot": _t("Pilot", "Pilot"),
        "operation": _t("I drift", "In operation"),
        "discontinued": _t("Avvecklad", "Discontinued"),
    },
    "evidence_level": {
        "none": _t("Inget underlag ännu", "No evidence yet"),
        "observed": _t("Observerat", "Observed"),
        "measured": _t("Mätt", "Measured"),
        "evaluated": _t("Utvärderat", "Evaluated"),
        "research": _t("Forskningsstöd", "Research-based"),
    },
    "audience": {
        "leaders": _t("Chefer och ledare", "Managers and leaders"),
        "staff": _t("Medarbetare", "Staff"),
        "coordinators": _t("Innovationssamordnare", "Innovation coordinators"),
        "politicians": _t("Förtroendevalda", "Elected officials"),
        "citizens": _t("Invånare", "Citizens"),
    },
    "format": {
        "classroom": _t("Lärarlett på plats", "Classroom"),
        "online": _t("Digitalt", "Online"),
        "self-study": _t("Självstudier", "Self-study"),
        "blended": _t("Blandat", "Blended"),
    },
    "offer": {
        "funding": _t("Finansiering", "Funding"),
        "advice": _t("Rådgivning", "Advice"),
        "research": _t("Forskning", "Research"),
        "testbed": _t("Testbädd", "Testbed"),
        "network": _t("Nätverk", "Network"),
        "guidance": _t("Vägledning och metoder", "Guidance and methods"),
        "procurement": _t("Upphandling", "Procurement"),
        "training": _t("Utbildning", "Training"),
    },
    "phase": {
        "idea": _t("Idé", "Idea"),
        "assessment": _t("Bedömning", "Assessment"),
        "test": _t("Test", "Test"),
        "implementation": _t("Införande", "Implementation"),
        "spread": _t("Spridning", "Spread"),
    },
    # publiccode.yml's developmentStatus and softwareType (core/publiccode.py), for
    # an innovation that is software: the values are the standard's own.
    "development_status": {
        "concept": _t("Koncept", "Concept"),
        "development": _t("Under utveckling", "In development"),
        "beta": _t("Beta", "Beta"),
        "stable": _t("Stabil", "Stable"),
        "obsolete": _t("Utgången", "Obsolete"),
    },
    "software_type": {
        "standalone/web": _t("Webbtjänst", "Web application"),
        "standalone/mobile": _t("Mobilapp", "Mobile app"),
        "standalone/desktop": _t("Datorprogram", "Desktop application"),
        "standalone/backend": _t("Serverprogram", "Backend"),
        "standalone/iot": _t("Sakernas internet (IoT)", "Internet of things"),
        "standalone/other": _t("Annat fristående program", "Other standalone"),
        "addon": _t("Tillägg till ett annat program", "Add-on"),
        "library": _t("Programbibliotek", "Library"),
        "configurationFiles": _t("Konfigurationsfiler", "Configuration files"),
    },
    "scope": {
        "local": _t("Lokalt", "Local"),
        "regional": _t("Regionalt", "Regional"),
        "national": _t("Nationellt", "National"),
        "eu": _t("EU", "EU"),
    },
}

# Which sluice phase an idea is in, by status: the support actors of that
# phase are shown on the idea's page.
PHASE_OF_STATUS: dict[str, str] = {
    "submitted": "idea",
    "assessing": "assessment",
    "testing": "test",
    "implemented": "implementation",
}

# The assessment criteria, in the order the sluice weighs them.
ASSESSMENT_CRITERIA = ("need", "effect", "evidence", "legal", "cost", "feasibility")


# --- Reusable field shapes ---------------------------------------------------


def _contact(required: bool) -> Field:
    return Field(
        "contact",
        Kind.OBJECT,
        _t("Kontakt", "Contact"),
        _t(
            "Vem man vänder sig till: en funktionsbrevlåda och växeln.",
            "Who to contact: a function mailbox and the switchboard.",
        ),
        required=required,
        fields=(
            Field(
                "email",
                Kind.EMAIL,
                _t("E-post", "E-mail"),
                _t(
                    "En funktionsbrevlåda (i function_mailboxes eller på en kommuns domän)",
                    "A function mailbox (in function_mailboxes or at a municipality's domain)",
                ),
                example="innovation@skovde.se",
                required=True,
            ),
            Field(
                "name",
                Kind.STRING,
                _t("Namn", "Name"),
                _t("Namn, bara med personens samtycke", "Name, only with consent"),
                max=120,
            ),
            Field(
                "role",
                Kind.STRING,
                _t("Roll", "Role"),
                _t("Roll eller funktion", "Role or function"),
                example="Innovationssamordnare",
                max=120,
            ),
            Field(
                "phone",
                Kind.STRING,
                _t("Telefon", "Phone"),
                _t(
                    "Växeln eller en funktions nummer; ett mobilnummer bara om det står i "
                    "function_phones i sluss.yml (en funktions mobil, t.ex. en jourtelefon)",
                    "The switchboard or a function's number; a mobile number only if listed "
                    "under function_phones in sluss.yml (a function's mobile, e.g. a duty "
                    "phone)",
                ),
                example="0500-49 80 00",
                max=40,
            ),
        ),
    )


def _submitter() -> Field:
    """Who handed in an idea: personal data, kept in the file only with the sender's
    consent (the checker refuses a name or an address without `public: true`)."""
    return Field(
        "submitter",
        Kind.OBJECT,
        _t("Lämnad av", "Submitted by"),
        _t(
            "Idégivaren – bara om hen har samtyckt till att namn och e-post visas på portalen",
            "Who submitted the idea – only if they agreed to show name and e-mail on the portal",
        ),
        fields=(
            Field(
                "name",
                Kind.STRING,
                _t("Namn", "Name"),
                _t("Idégivarens namn", "The submitter's name"),
                example="Anna Andersson",
                max=120,
            ),
            Field(
                "email",
                Kind.EMAIL,
                _t("E-post", "E-mail"),
                _t("Idégivarens e-postadress", "The submitter's e-mail address"),
                example="anna.andersson@example.org",
            ),
            Field(
                "public",
                Kind.BOOL,
                _t("Får visas", "May be shown"),
                _t(
                    "Idégivarens samtycke till att namn och e-post visas: true bara om hen har "
                    "svarat ja",
                    "The submitter's consent to showing name and e-mail: true only if "
                    "they said yes",
                ),
                example=True,
            ),
        ),
    )


def _ref_list(
    name: str, target: str, inverse: str, label: Text, help: Text, required: bool = False
) -> Field:
    return Field(
        name,
        Kind.LIST,
        label,
        help,
        required=required,
        min=1 if required else None,
        item=Field(name, Kind.REF, label, help, ref=target, inverse=inverse),
    )


def _results(name: str, label: Text, help: Text, required_when: When | None = None) -> Field:
    return Field(
        name,
        Kind.LIST,
        label,
        help,
        required_when=required_when,
        min=1 if required_when else None,
        item=Field(
            name,
            Kind.OBJECT,
            label,
            help,
            fields=(
                Field(
                    "measure",
                    Kind.STRING,
                    _t("Mått", "Measure"),
                    _t("Vad som mättes", "What was measured"),
                    example="Beslutstid för ansökningar",
                    required=True,
                    max=200,
                ),
                Field(
                    "value",
                    Kind.STRING,
                    _t("Värde", "Value"),
                    _t("Resultatet, gärna före → efter", "The result, ideally before → after"),
                    example="7 dagar → 1 dag",
                    required=True,
                    max=200,
                ),
                Field(
                    "source",
                    Kind.STRING,
                    _t("Källa", "Source"),
                    _t("Var resultatet kommer ifrån", "Where the result comes from"),
                    max=300,
                ),
            ),
        ),
    )


def _links(name: str, label: Text, help: Text) -> Field:
    """A list of documents: each `{title, url}` or `{title, path}`."""
    return Field(
        name,
        Kind.LIST,
        label,
        help,
        item=Field(
            name,
            Kind.OBJECT,
            label,
            help,
            exactly_one_of=("url", "path"),
            fields=(
                Field(
                    "title",
                    Kind.STRING,
                    _t("Titel", "Title"),
                    _t("Dokumentets namn", "Document name"),
                    required=True,
                    min=2,
                    max=200,
                ),
                Field(
                    "url",
                    Kind.URL,
                    _t("Webbadress", "URL"),
                    _t("Länk till dokumentet (https)", "Link to the document (https)"),
                ),
                Field(
                    "path",
                    Kind.PATH,
                    _t("Sökväg", "Path"),
                    _t(
                        "Fil i förrådet, räknat från roten, t.ex. docs/material/rutin.md",
                        "File in the repository, from its root, e.g. docs/material/rutin.md",
                    ),
                ),
            ),
        ),
    )


COMMON_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Kind.STRING,
        _t("Titel", "Title"),
        _t("Kort och beskrivande rubrik, 3–120 tecken", "Short descriptive title, 3–120 chars"),
        required=True,
        min=3,
        max=120,
    ),
    Field(
        "summary",
        Kind.STRING,
        _t("Sammanfattning", "Summary"),
        _t(
            "En till två meningar i klartext, högst 280 tecken (visas i listor och flöden)",
            "One or two plain sentences, at most 280 chars (shown in lists and feeds)",
        ),
        required=True,
        min=10,
        max=280,
    ),
    Field(
        "tags",
        Kind.LIST,
        _t("Taggar", "Tags"),
        _t("Ämnesord med små bokstäver", "Lowercase keywords"),
        example=["välfärdsteknik"],
        item=Field("tags", Kind.TAG, _t("Tagg", "Tag"), _t("Ett ord", "One word"), max=40),
    ),
    Field(
        "draft",
        Kind.BOOL,
        _t("Utkast", "Draft"),
        _t(
            "true håller posten borta från allt publikt",
            "true keeps the item out of everything public",
        ),
    ),
)


def _software() -> Field:
    """An innovation that is software, as publiccode.yml describes it: `sluss` exports
    it as slussen/data/publiccode/<id>.yml and `sluss import publiccode` fills it."""

    def choice(name: str, label: Text, help: Text, vocabulary: str) -> Field:
        return Field(name, Kind.CHOICE, label, help, required=True, vocabulary=vocabulary)

    return Field(
        "software",
        Kind.OBJECT,
        _t("Programvara", "Software"),
        _t(
            "Om innovationen är ett program: källkod, licens och skede (publiccode.yml)",
            "If the innovation is software: source code, licence and status (publiccode.yml)",
        ),
        fields=(
            Field(
                "repository",
                Kind.URL,
                _t("Källkod", "Repository"),
                _t("Adressen till källkodens förråd (https)", "The source repository (https)"),
                example="https://github.com/kommun/felanmalan",
                required=True,
                https_only=True,
            ),
            Field(
                "license",
                Kind.LICENSE,
                _t("Licens", "Licence"),
                _t("Programmets SPDX-id, t.ex. EUPL-1.2", "The software's SPDX id, e.g. EUPL-1.2"),
                example="EUPL-1.2",
                required=True,
            ),
            Field(
                "platforms",
                Kind.LIST,
                _t("Plattformar", "Platforms"),
                _t("Var programmet körs: web, windows, mac, linux, ios, android", "Where it runs"),
                required=True,
                min=1,
                item=Field(
                    "platforms",
                    Kind.STRING,
                    _t("Plattform", "Platform"),
                    _t("En plattform, t.ex. web", "A platform, e.g. web"),
                    example="web",
                    max=40,
                ),
            ),
            choice(
                "development_status",
                _t("Utvecklingsskede", "Development status"),
                _t("concept, development, beta, stable eller obsolete", "As publiccode.yml"),
                "development_status",
            ),
            choice(
                "software_type",
                _t("Typ av program", "Software type"),
                _t("Till exempel standalone/web för en webbtjänst", "e.g. standalone/web"),
                "software_type",
            ),
            Field(
                "landing_url",
                Kind.URL,
                _t("Programmets webbplats", "Landing page"),
                _t("Sidan som presenterar programmet, om den finns", "The software's own page"),
                https_only=True,
            ),
            Field(
                "documentation",
                Kind.URL,
                _t("Dokumentation", "Documentation"),
                _t("Adressen till användar- eller driftdokumentation", "Documentation address"),
                https_only=True,
            ),
        ),
    )


def _area() -> Field:
    return Field(
        "area",
        Kind.CHOICE,
        _t("Verksamhetsområde", "Area"),
        _t("Område enligt ordlistan i sluss.yml", "Area from the vocabulary in sluss.yml"),
        required=True,
        vocabulary="area",
    )


def _municipality(name: str, inverse: str, label: Text, help: Text, required: bool = True) -> Field:
    return Field(
        name, Kind.REF, label, help, required=required, ref="municipalities", inverse=inverse
    )


_MUNICIPALITY_LABEL = _t("Kommun", "Municipality")

MUNICIPALITIES = Collection(
    "municipalities",
    _t("Kommuner", "Municipalities"),
    _t("Kommun", "Municipality"),
    "kommuner",
    body=_t(
        "Hur den lokala slussen fungerar i kommunen.",
        "How the local sluice works in the municipality.",
    ),
    fields=(
        *COMMON_FIELDS,
        Field(
            "name",
            Kind.STRING,
            _t("Kortnamn", "Short name"),
            _t(
                "Namnet utan ”kommun”, t.ex. Skövde (i listor och tabeller)",
                "Name without 'kommun'",
            ),
            example="Skövde",
            min=2,
            max=40,
        ),
        Field(
            "code",
            Kind.CODE,
            _t("Kommunkod", "Municipality code"),
            _t("SCB:s fyrsiffriga kommunkod inom citattecken", "SCB's 4-digit code, quoted"),
            example="1496",
            required=True,
            unique=True,
        ),
        Field(
            "website",
            Kind.URL,
            _t("Webbplats", "Website"),
            _t("Kommunens webbplats (https)", "The municipality's website (https)"),
            example="https://www.skovde.se",
            required=True,
            https_only=True,
        ),
        _contact(required=True),
        Field(
            "response_days",
            Kind.INT,
            _t("Svarstid", "Response time"),
            _t(
                "Inom hur många dagar samordnaren svarar på en ny idé; visas för den som "
                "lämnar en idé",
                "Within how many days the coordinator answers a new idea",
            ),
            example=14,
            min=1,
            max=90,
        ),
    ),
)

CHALLENGES = Collection(
    "challenges",
    _t("Utmaningar", "Challenges"),
    _t("Utmaning", "Challenge"),
    "utmaningar",
    body=_t(
        "Utmaningen, vilka som berörs och underlaget som visar att den är verklig.",
        "The challenge, who is affected, and the evidence that it is real.",
    ),
    fields=(
        *COMMON_FIELDS,
        _ref_list(
            "municipalities",
            "municipalities",
            "challenges",
            _t("Kommuner", "Municipalities"),
            _t("En eller flera kommuner (gemensam utmaning)", "One or more municipalities"),
            required=True,
        ),
        _area(),
        Field(
            "status",
            Kind.CHOICE,
            _t("Status", "Status"),
            _t("open eller closed", "open or closed"),
            required=True,
            vocabulary="challenge_status",
        ),
        Field(
            "opened",
            Kind.DATE,
            _t("Öppnad", "Opened"),
            _t("Datum då utmaningen publicerades", "Date the challenge was published"),
            required=True,
            not_future=True,
        ),
        Field(
            "closes",
            Kind.DATE,
            _t("Stänger", "Closes"),
            _t("Sista dag för idéer, inte före opened", "Last day for ideas, not before opened"),
            not_before="opened",
        ),
        _results(
            "evidence",
            _t("Underlag", "Evidence"),
            _t(
                "Mått som visar att utmaningen är verklig", "Measures showing the challenge is real"
            ),
        ),
    ),
)

_SCORE_HELP = {
    "need": _t("Hur allvarlig utmaningen är (1–5)", "How serious the challenge is (1–5)"),
    "effect": _t(
        "Förväntad nytta för invånare eller verksamhet (1–5)",
        "Expected gain for citizens or operations (1–5)",
    ),
    "evidence": _t("Hur väl underbyggd idén är (1–5)", "How well-founded the idea is (1–5)"),
    "legal": _t("Rättssäkerhet, 5 = inga frågetecken (1–5)", "Legal certainty, 5 = no concerns"),
    "cost": _t("Kostnadseffektivitet (1–5)", "Cost-effectiveness (1–5)"),
    "feasibility": _t("Genomförbarhet (1–5)", "Feasibility (1–5)"),
}
_SCORE_LABEL = {
    "need": _t("Behov", "Need"),
    "effect": _t("Effekt", "Effect"),
    "evidence": _t("Underlag", "Evidence"),
    "legal": _t("Rättssäkerhet", "Legal certainty"),
    "cost": _t("Kostnad", "Cost"),
    "feasibility": _t("Genomförbarhet", "Feasibility"),
}

IDEAS = Collection(
    "ideas",
    _t("Idéer", "Ideas"),
    _t("Idé", "Idea"),
    "ideer",
    body=_t(
        "Bakgrund, förslaget och vad som hänt hittills.",
        "Background, the proposal and what has happened so far.",
    ),
    one_of=(("challenge", "need"),),
    fields=(
        *COMMON_FIELDS,
        _municipality(
            "municipality",
            "ideas",
            _MUNICIPALITY_LABEL,
            _t("Kommunen som hanterar idén", "The municipality handling the idea"),
        ),
        _ref_list(
            "partners",
            "municipalities",
            "partner_ideas",
            _t("Samverkande kommuner", "Partner municipalities"),
            _t("Andra kommuner som deltar (gemensam idé)", "Other municipalities taking part"),
        ),
        _area(),
        Field(
            "status",
            Kind.CHOICE,
            _t("Status", "Status"),
            _t("Var idén befinner sig i slussen", "Where the idea is in the sluice"),
            required=True,
            vocabulary="idea_status",
        ),
        Field(
            "submitted",
            Kind.DATE,
            _t("Inkommen", "Submitted"),
            _t("Datum då idén lämnades in", "Date the idea was submitted"),
            required=True,
            not_future=True,
        ),
        Field(
            "status_date",
            Kind.DATE,
            _t("Status ändrad", "Status changed"),
            _t("Datum för senaste statusändringen", "Date of the latest status change"),
            not_future=True,
            not_before="submitted",
        ),
        Field(
            "challenge",
            Kind.REF,
            _t("Utmaning", "Challenge"),
            _t("Utmaningen som idén svarar på (id)", "The challenge the idea answers (id)"),
            ref="challenges",
            inverse="ideas",
        ),
        Field(
            "need",
            Kind.TEXT,
            _t("Behov", "Need"),
            _t(
                "Det verkliga problemet idén löser – inte bara att den är lätt att genomföra",
                "The real problem it answers – not just that it is easy to do",
            ),
            min=10,
            max=1000,
        ),
        Field(
            "assessment",
            Kind.OBJECT,
            _t("Bedömning", "Assessment"),
            _t(
                "Poäng 1–5 per kriterium, datum och beslut; krävs från status testing",
                "Scores 1–5 per criterion, date and decision; required from status testing",
            ),
            required_when=When("status", ("testing", "implemented")),
            fields=(
                *(
                    Field(
                        c,
                        Kind.INT,
                        _SCORE_LABEL[c],
                        _SCORE_HELP[c],
                        example=3,
                        required=True,
                        min=1,
                        max=5,
                    )
                    for c in ASSESSMENT_CRITERIA
                ),
                Field(
                    "date",
                    Kind.DATE,
                    _t("Bedömd", "Assessed"),
                    _t("Datum för bedömningen", "Date of the assessment"),
                    required=True,
                    not_future=True,
                ),
                Field(
                    "decision",
                    Kind.TEXT,
                    _t("Beslut", "Decision"),
                    _t("Vad som beslutades och varför", "What was decided and why"),
                    required=True,
                    min=3,
                    max=2000,
                ),
            ),
        ),
        Field(
            "status_note",
            Kind.TEXT,
            _t("Motivering", "Status note"),
            _t(
                "Varför idén är vilande eller avslutad; krävs för parked och closed",
                "Why the idea is parked or closed; required for parked and closed",
            ),
            required_when=When("status", ("parked", "closed")),
            min=3,
            max=2000,
        ),
        Field(
            "innovation",
            Kind.REF,
            _t("Blev innovation", "Became innovation"),
            _t("Innovationen som idén blev (id)", "The innovation the idea became (id)"),
            ref="innovations",
            inverse="idea",  # written both ways: the innovation's `idea` names the idea
        ),
        _contact(required=False),
        _submitter(),
        _ref_list(
            "related",
            "ideas",
            "related",  # one relation both ways: naming an idea relates it to this one
            _t("Relaterade idéer", "Related ideas"),
            _t("Andra idéer som hör ihop med denna (id)", "Other ideas linked to this one"),
        ),
    ),
)

INNOVATIONS = Collection(
    "innovations",
    _t("Innovationer", "Innovations"),
    _t("Innovation", "Innovation"),
    "innovationer",
    body=_t(
        "Vad innovationen är, hur den fungerar, resultat och lärdomar.",
        "What it is, how it works, results and lessons.",
    ),
    fields=(
        *COMMON_FIELDS,
        _municipality(
            "owner",
            "innovations",
            _t("Ägare", "Owner"),
            _t("Kommunen som utvecklade innovationen", "The municipality that developed it"),
        ),
        _area(),
        Field(
            "stage",
            Kind.CHOICE,
            _t("Skede", "Stage"),
            _t("pilot, operation eller discontinued", "pilot, operation or discontinued"),
            required=True,
            vocabulary="stage",
        ),
        Field(
            "started",
            Kind.DATE,
            _t("Startade", "Started"),
            _t("Datum då arbetet startade", "Date the work started"),
            required=True,
            not_future=True,
        ),
        Field(
            "idea",
            Kind.REF,
            _t("Idé", "Idea"),
            _t("Idén bakom innovationen (id)", "The idea behind it (id)"),
            ref="ideas",
            inverse="innovation",  # written both ways: the idea's `innovation` names it
        ),
        Field(
            "challenge",
            Kind.REF,
            _t("Utmaning", "Challenge"),
            _t("Utmaningen den svarar på (id)", "The challenge it answers (id)"),
            ref="challenges",
            inverse="innovations",
        ),
        Field(
            "evidence",
            Kind.OBJECT,
            _t("Evidens", "Evidence"),
            _t("Evidensnivå och resultat", "Evidence level and results"),
            required=True,
            fields=(
                Field(
                    "level",
                    Kind.CHOICE,
                    _t("Evidensnivå", "Evidence level"),
                    _t("Hur väl resultaten är belagda", "How well the results are established"),
                    required=True,
                    vocabulary="evidence_level",
                ),
                _results(
                    "results",
                    _t("Resultat", "Results"),
                    _t(
                        "Uppmätta resultat; krävs utom vid nivå none", "Results; needed unless none"
                    ),
                    required_when=When("level", ("observed", "measured", "evaluated", "research")),
                ),
            ),
        ),
        Field(
            "costs",
            Kind.OBJECT,
            _t("Kostnader", "Costs"),
            _t("Vad det kostar att starta och driva", "What it costs to start and run"),
            fields=(
                Field(
                    "setup_sek",
                    Kind.INT,
                    _t("Startkostnad (kr)", "Setup cost (SEK)"),
                    _t("Engångskostnad i kronor, heltal", "One-off cost in SEK, an integer"),
                    example=150000,
                    min=0,
                ),
                Field(
                    "yearly_sek",
                    Kind.INT,
                    _t("Årlig kostnad (kr)", "Yearly cost (SEK)"),
                    _t("Löpande kostnad per år i kronor", "Running cost per year in SEK"),
                    example=40000,
                    min=0,
                ),
                Field(
                    "note",
                    Kind.TEXT,
                    _t("Kommentar", "Note"),
                    _t("Vad som ingår", "What is included"),
                    max=1000,
                ),
            ),
        ),
        Field(
            "adopters",
            Kind.LIST,
            _t("Andra kommuner som använder den", "Adopting municipalities"),
            _t("Kommuner som återanvänder innovationen", "Municipalities that reuse it"),
            item=Field(
                "adopters",
                Kind.OBJECT,
                _t("Användare", "Adopter"),
                _t("En kommun som återanvänder innovationen", "A municipality reusing it"),
                fields=(
                    _municipality(
                        "municipality",
                        "adoptions",
                        _MUNICIPALITY_LABEL,
                        _t("Kommunens id", "Municipality id"),
                    ),
                    Field(
                        "stage",
                        Kind.CHOICE,
                        _t("Skede", "Stage"),
                        _t("Hur långt kommunen kommit", "How far the municipality has come"),
                        required=True,
                        vocabulary="stage",
                    ),
                    Field(
                        "since",
                        Kind.DATE,
                        _t("Sedan", "Since"),
                        _t("Datum då kommunen började", "Date the municipality started"),
                        required=True,
                        not_future=True,
                    ),
                ),
            ),
        ),
        Field(
            "reuse",
            Kind.OBJECT,
            _t("Återanvändning", "Reuse"),
            _t("Hur en annan kommun gör för att återanvända", "How another municipality reuses it"),
            required=True,
            fields=(
                Field(
                    "how",
                    Kind.TEXT,
                    _t("Så gör ni", "How"),
                    _t("Stegen för att komma igång", "The steps to get started"),
                    required=True,
                    min=10,
                    max=3000,
                ),
                Field(
                    "requirements",
                    Kind.LIST,
                    _t("Förutsättningar", "Requirements"),
                    _t("Vad som behövs", "What is needed"),
                    item=Field(
                        "requirements",
                        Kind.STRING,
                        _t("Förutsättning", "Requirement"),
                        _t("En förutsättning", "One requirement"),
                        max=300,
                    ),
                ),
                _links(
                    "documents",
                    _t("Dokument", "Documents"),
                    _t("Rutiner, mallar och avtal att återanvända", "Routines and templates"),
                ),
                Field(
                    "license",
                    Kind.LICENSE,
                    _t("Licens", "Licence"),
                    _t("SPDX-id, t.ex. CC-BY-4.0", "SPDX id, e.g. CC-BY-4.0"),
                    example="CC-BY-4.0",
                ),
            ),
        ),
        _software(),
        _ref_list(
            "support",
            "support",
            "innovations",
            _t("Stöd som använts", "Support used"),
            _t("Aktörer i stödsystemet som hjälpte till (id)", "Support actors that helped"),
        ),
        Field(
            "legal",
            Kind.OBJECT,
            _t("Juridik", "Legal"),
            _t("Dataskydd och konsekvensbedömning", "Data protection and DPIA"),
            fields=(
                Field(
                    "gdpr",
                    Kind.TEXT,
                    _t("Dataskydd", "Data protection"),
                    _t("Hur personuppgifter hanteras", "How personal data is handled"),
                    max=2000,
                ),
                Field(
                    "dpia",
                    Kind.BOOL,
                    _t("Konsekvensbedömning gjord", "DPIA done"),
                    _t("true om en konsekvensbedömning gjorts", "true if a DPIA was done"),
                ),
            ),
        ),
        _contact(required=True),
    ),
)

TRAINING = Collection(
    "training",
    _t("Utbildningar", "Training"),
    _t("Utbildning", "Training item"),
    "utbildning",
    body=_t(
        "Innehåll, upplägg och för vem utbildningen passar.",
        "Content, set-up and who the training is for.",
    ),
    fields=(
        *COMMON_FIELDS,
        Field(
            "course",
            Kind.REF,
            _t("Del av kurs", "Part of course"),
            _t("Kursen som modulen hör till (id)", "The course this module belongs to (id)"),
            ref="training",
            inverse="modules",
        ),
        Field(
            "audience",
            Kind.LIST,
            _t("Målgrupp", "Audience"),
            _t("Vilka utbildningen riktar sig till", "Who the training is for"),
            required=True,
            min=1,
            item=Field(
                "audience",
                Kind.CHOICE,
                _t("Målgrupp", "Audience"),
                _t("En målgrupp", "One audience"),
                vocabulary="audience",
            ),
        ),
        Field(
            "format",
            Kind.CHOICE,
            _t("Form", "Format"),
            _t("Hur utbildningen ges", "How it is given"),
            required=True,
            vocabulary="format",
        ),
        Field(
            "hours",
            Kind.NUMBER,
            _t("Timmar", "Hours"),
            _t("Omfattning i timmar", "Length in hours"),
            example=6,
            min=0.1,
            max=2000,
        ),
        Field(
            "objectives",
            Kind.LIST,
            _t("Lärandemål", "Learning objectives"),
            _t("Vad deltagarna kan efteråt", "What participants can do afterwards"),
            required=True,
            min=1,
            item=Field(
                "objectives",
                Kind.STRING,
                _t("Lärandemål", "Objective"),
                _t("Ett lärandemål", "One objective"),
                min=3,
                max=300,
            ),
        ),
        Field(
            "trainers",
            Kind.LIST,
            _t("Utbildare", "Trainers"),
            _t("Vem som leder utbildningen", "Who leads the training"),
            item=Field(
                "trainers",
                Kind.STRING,
                _t("Utbildare", "Trainer"),
                _t("Namn eller roll", "Name or role"),
                max=200,
            ),
        ),
        _links(
            "materials",
            _t("Material", "Materials"),
            _t("Material för deltagarna", "Materials for participants"),
        ),
        Field(
            "sessions",
            Kind.LIST,
            _t("Tillfällen", "Sessions"),
            _t("Datum och plats för utbildningstillfällen", "Dates and places of sessions"),
            item=Field(
                "sessions",
                Kind.OBJECT,
                _t("Tillfälle", "Session"),
                _t("Ett utbildningstillfälle", "One session"),
                fields=(
                    Field(
                        "start",
                        Kind.DATETIME,
                        _t("Start", "Start"),
                        _t("Start, t.ex. 2027-02-10T09:00", "Start, e.g. 2027-02-10T09:00"),
                        example="2027-02-10T09:00",
                        required=True,
                    ),
                    Field(
                        "end",
                        Kind.DATETIME,
                        _t("Slut", "End"),
                        _t("Slut, efter start", "End, after start"),
                        example="2027-02-10T16:00",
                        required=True,
                        after="start",
                    ),
                    Field(
                        "location",
                        Kind.STRING,
                        _t("Plats", "Location"),
                        _t("Lokal och ort, eller Digitalt", "Venue and town, or Online"),
                        required=True,
                        max=200,
                    ),
                    _municipality(
                        "municipality",
                        "sessions",
                        _MUNICIPALITY_LABEL,
                        _t("Kommunen där tillfället hålls", "Where it is held"),
                        required=False,
                    ),
                    Field(
                        "registration",
                        Kind.URL,
                        _t("Anmälan", "Registration"),
                        _t("Länk till anmälan (https)", "Registration link (https)"),
                        https_only=True,
                    ),
                    Field(
                        "seats",
                        Kind.INT,
                        _t("Platser", "Seats"),
                        _t("Antal platser", "Number of seats"),
                        min=1,
                    ),
                    Field(
                        "registration_deadline",
                        Kind.DATE,
                        _t("Sista anmälningsdag", "Registration deadline"),
                        _t(
                            "Sista dag att anmäla sig, senast dagen då tillfället börjar",
                            "Last day to register, at the latest the day the session starts",
                        ),
                        example="2027-02-01",
                        not_after="start",
                    ),
                    Field(
                        "full",
                        Kind.BOOL,
                        _t("Fullbokat", "Full"),
                        _t(
                            "true när alla platser är tagna; anmälan visas då inte",
                            "true when every seat is taken; sign-up is then not shown",
                        ),
                    ),
                ),
            ),
        ),
    ),
)

SUPPORT = Collection(
    "support",
    _t("Stödaktörer", "Support actors"),
    _t("Stödaktör", "Support actor"),
    "stod",
    body=_t(
        "Vad aktören erbjuder och när en kommun bör vända sig dit.",
        "What the actor offers and when to turn to it.",
    ),
    fields=(
        *COMMON_FIELDS,
        Field(
            "offers",
            Kind.LIST,
            _t("Erbjuder", "Offers"),
            _t("Vilka slags stöd aktören ger", "What kinds of support it gives"),
            required=True,
            min=1,
            item=Field(
                "offers",
                Kind.CHOICE,
                _t("Erbjudande", "Offer"),
                _t("Ett slags stöd", "One kind of support"),
                vocabulary="offer",
            ),
        ),
        Field(
            "phases",
            Kind.LIST,
            _t("Faser", "Phases"),
            _t("Faser i slussen där aktören hjälper", "Sluice phases where it helps"),
            required=True,
            min=1,
            item=Field(
                "phases",
                Kind.CHOICE,
                _t("Fas", "Phase"),
                _t("En fas", "One phase"),
                vocabulary="phase",
            ),
        ),
        Field(
            "scope",
            Kind.CHOICE,
            _t("Räckvidd", "Scope"),
            _t("local, regional, national eller eu", "local, regional, national or eu"),
            required=True,
            vocabulary="scope",
        ),
        Field(
            "areas",
            Kind.LIST,
            _t("Verksamhetsområden", "Areas"),
            _t(
                "Områden aktören särskilt arbetar med; tomt betyder alla",
                "Areas the actor works with in particular; empty means all",
            ),
            item=Field(
                "areas",
                Kind.CHOICE,
                _t("Verksamhetsområde", "Area"),
                _t("Område enligt ordlistan i sluss.yml", "Area from the vocabulary in sluss.yml"),
                vocabulary="area",
            ),
        ),
        Field(
            "website",
            Kind.URL,
            _t("Webbplats", "Website"),
            _t("Aktörens webbplats (https)", "The actor's website (https)"),
            required=True,
            https_only=True,
        ),
        _contact(required=False),
    ),
)

COLLECTIONS: dict[str, Collection] = {
    c.name: c for c in (MUNICIPALITIES, CHALLENGES, IDEAS, INNOVATIONS, TRAINING, SUPPORT)
}

# Status-like fields whose changes make an item's timeline.
STATUS_FIELD: dict[str, str] = {"ideas": "status", "challenges": "status", "innovations": "stage"}


@dataclass(frozen=True)
class Vocabularies:
    """The built-in vocabularies plus those configured in sluss.yml."""

    terms: Mapping[str, Mapping[str, Text]] = field(default_factory=lambda: VOCABULARIES)

    def label(self, vocabulary: str, value: str, lang: str = "sv") -> str:
        text = self.terms.get(vocabulary, {}).get(value)
        return text(lang) if text else value

    def values(self, vocabulary: str) -> tuple[str, ...]:
        return tuple(self.terms.get(vocabulary, {}))


def walk_fields(fields: tuple[Field, ...], prefix: str = "") -> list[tuple[str, Field]]:
    """Every field with its dotted path (`assessment.need`, `sessions[].start`)."""
    out: list[tuple[str, Field]] = []
    for f in fields:
        path = f"{prefix}{f.name}"
        out.append((path, f))
        if f.kind is Kind.OBJECT:
            out.extend(walk_fields(f.fields, path + "."))
        elif f.kind is Kind.LIST and f.item is not None and f.item.kind is Kind.OBJECT:
            out.extend(walk_fields(f.item.fields, path + "[]."))
    return out


@dataclass(frozen=True)
class Relation:
    """A reference field as a link between items, declared once by its `inverse`.

    Items of `source` name items of `target` at `path` (a field path of `walk_fields`:
    `challenge`, `partners`, `adopters[].municipality`); seen from the target, the
    link is called `inverse`. When `inverse` is itself this relation (`related`) or a
    field of the target naming the source back (`idea` ↔ `innovation`), the link is
    written at both ends and either end shows it."""

    source: str
    path: str
    target: str
    inverse: str

    @property
    def paired(self) -> bool:
        """Written at both ends: the target has a reference field `inverse` whose own
        inverse is this field."""
        return any(
            r.source == self.target
            and r.path == self.inverse
            and r.target == self.source
            and r.inverse == self.path
            for r in RELATIONS
        )


def _relations() -> tuple[Relation, ...]:
    found = []
    for collection in COLLECTIONS.values():
        for path, f in walk_fields(collection.fields):
            ref = f.item if f.kind is Kind.LIST and f.item is not None else f
            if ref.kind is Kind.REF and ref.ref and ref.inverse:
                found.append(Relation(collection.name, path, ref.ref, ref.inverse))
    return tuple(found)


# Every link between collections, in the order of COLLECTIONS and their fields.
RELATIONS: tuple[Relation, ...] = _relations()
