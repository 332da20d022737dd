"""`sluss new`: a new content file written from the model, ready to fill in.

Every field the checker will ask for is in the file, with a Swedish comment
(the model's label and help text, the allowed values) on what to write. What
the author must decide is left empty, so `sluss check` names each of those
fields on its own line; a placeholder text would pass as content and hide it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import yaml

from sluss.core.config import load_config
from sluss.core.kinds import KINDS
from sluss.core.model import (
    COLLECTIONS,
    STATUS_FIELD,
    VOCABULARIES,
    Collection,
    Field,
    Kind,
    Vocabularies,
)
from sluss.core.text import slugify, today_in_sweden

EXIT_EXISTS, EXIT_USAGE = 1, 2
COMMENT_COLUMN = 30
LIST_IDS_UP_TO = 20  # longer id lists are not spelled out in a comment


class NewItemError(Exception):
    """A problem the contributor can fix: a Swedish message and the exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


# --- what goes into a new file -------------------------------------------------------


def find_collection(name: str) -> Collection:
    """A collection by folder name or by its Swedish or English name (`idé`, `idea`)."""
    wanted = slugify(name)
    for c in COLLECTIONS.values():
        names = (c.name, c.slug_sv, c.singular.sv, c.label.sv, c.singular.en, c.label.en)
        if wanted in {slugify(n) for n in names}:
            return c
    choices = ", ".join(f"{c.name} ({c.singular.sv.lower()})" for c in COLLECTIONS.values())
    raise NewItemError(f'okänd samling "{name}" – välj en av: {choices}')


def starting_value(collection: Collection, f: Field) -> str | None:
    """Where every item of a collection starts: the first term of its status vocabulary."""
    if STATUS_FIELD.get(collection.name) != f.name or not f.vocabulary:
        return None
    return next(iter(VOCABULARIES.get(f.vocabulary, {})), None)


def dated_today(f: Field) -> bool:
    """A required date of the item itself (submitted, opened, started) starts as today."""
    return f.kind is Kind.DATE and f.required


def one_of_names(collection: Collection) -> set[str]:
    return {name for group in collection.one_of for name in group}


def applies(f: Field, values: dict[str, object]) -> bool:
    """Whether a field belongs in a new item: required, or required under a condition
    that the new item meets or whose deciding field the author has still to choose."""
    if f.required:
        return True
    if f.required_when is None:
        return False
    decided = values.get(f.required_when.field)
    return decided is None or decided in f.required_when.values


def initial_values(
    collection: Collection, title: str, municipalities: Sequence[str], today: dt.date | None
) -> dict[str, object]:
    """The values `sluss new` can fill in itself; every other field starts empty
    (also the title and the dates when none is given)."""
    values: dict[str, object] = {}
    for f in collection.fields:
        start = starting_value(collection, f)
        if f.name == "title":
            values[f.name] = title or None
        elif start is not None:
            values[f.name] = start
        elif dated_today(f):
            values[f.name] = today
        elif f.kind is Kind.REF and f.ref == "municipalities" and municipalities:
            values[f.name] = municipalities[0]
        elif _is_ref_list(f, "municipalities") and municipalities:
            values[f.name] = list(municipalities)
    return values


def _is_ref_list(f: Field, target: str) -> bool:
    return f.kind is Kind.LIST and f.item is not None and f.item.ref == target


def takes_municipality(collection: Collection) -> bool:
    return any(
        (f.kind is Kind.REF and f.ref == "municipalities") or _is_ref_list(f, "municipalities")
        for f in collection.fields
        if f.required
    )


# --- rendering --------------------------------------------------------------------------


def scalar(value: object) -> str:
    """One YAML value on one line, quoted only where YAML needs it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...")


class _Writer:
    """Front-matter lines, each field with its comment at one column."""

    def __init__(self, vocab: Vocabularies, ids: dict[str, list[str]]) -> None:
        self.vocab = vocab
        self.ids = ids
        self.lines: list[str] = []

    def field(self, f: Field, value: object, indent: str, note: str = "") -> None:
        head = f"{indent}{f.name}:" + (f" {scalar(value)}" if value is not None else "")
        comment = f"# {f.label.sv}: {f.help.sv}{note}"
        self.lines.append(f"{head.ljust(COMMENT_COLUMN - 1)} {comment}")
        for extra in self.explain(f):
            self.lines.append(f"{indent}#   {extra}")

    def explain(self, f: Field) -> list[str]:
        """Comment lines under a field: allowed values, ids, how to write a list."""
        element = f.item if f.kind is Kind.LIST and f.item is not None else f
        out: list[str] = []
        if element.kind is Kind.CHOICE and element.vocabulary:
            terms = self.vocab.terms.get(element.vocabulary, {})
            out.append("Tillåtna värden: " + ", ".join(f"{v} ({t.sv})" for v, t in terms.items()))
        elif element.kind is Kind.REF and element.ref:
            target = COLLECTIONS[element.ref]
            known = self.ids.get(element.ref, [])
            where = f"Id för en {target.singular.sv.lower()} = filnamnet utan .md i {element.ref}/"
            if 0 < len(known) <= LIST_IDS_UP_TO:
                where += ": " + ", ".join(known)
            out.append(where)
        elif KINDS[f.kind].comment:  # how to write it, where that is not plain
            out.append(KINDS[f.kind].comment)
        if f.kind is Kind.LIST and element.kind is Kind.OBJECT:
            out.append("En post per rad som börjar med -, till exempel:")
            out.extend(_object_example(element))
        elif f.kind is Kind.LIST:
            out.append("En lista: [a, b] eller en rad per värde som börjar med -")
        return out

    def object(self, f: Field, indent: str, note: str) -> None:
        self.field(f, None, indent, note)
        members = [m for m in f.fields if applies(m, {})]
        for m in members:
            self.field(m, None, indent + "  ", _condition(m))


def _object_example(f: Field) -> list[str]:
    lines = []
    for i, member in enumerate(m for m in f.fields if m.required or m.example is not None):
        example = member.example if member.example is not None else "…"
        lines.append(("- " if i == 0 else "  ") + f"{member.name}: {scalar(example)}")
    return lines


def _condition(f: Field) -> str:
    if f.required_when is None:
        return "" if f.required else " (frivilligt)"
    values = list(f.required_when.values)
    either = ", ".join(values[:-1]) + " eller " + values[-1] if len(values) > 1 else values[0]
    return f" (krävs när {f.required_when.field} är {either})"


def template(
    collection: Collection,
    vocab: Vocabularies,
    title: str,
    municipalities: Sequence[str] = (),
    today: dt.date | None = None,
    ids: dict[str, list[str]] | None = None,
) -> str:
    """The text of a new file of `collection`: front matter to fill in, then the body.
    Without `today` the dates are left to fill in too (a template that outlives a day)."""
    values = initial_values(collection, title, municipalities, today)
    writer = _Writer(vocab, ids or {})
    either = one_of_names(collection)
    for f in collection.fields:
        if f.name in either:
            group = next(g for g in collection.one_of if f.name in g)
            note = f" (fyll i minst ett av {' och '.join(group)})"
        elif applies(f, values):
            note = _condition(f)
        else:
            continue
        if f.kind is Kind.OBJECT:
            writer.object(f, "", note)
        else:
            writer.field(f, values.get(f.name), "", note)
    optional = [
        f.name for f in collection.fields if f.name not in either and not applies(f, values)
    ]
    head = [
        "---",
        f"# Ny {collection.singular.sv.lower()}. Fyll i de tomma fälten enligt kommentarerna",
        "# och kör sedan `sluss check`; den pekar ut det som återstår. Kommentarerna får stå kvar.",
        "# Filnamnet är postens id: små bokstäver a–z, siffror och bindestreck, som titeln.",
    ]
    tail = [f"# Frivilliga fält (se Fältreferensen): {', '.join(optional)}"] if optional else []
    return "\n".join([*head, *writer.lines, *tail, "---", body_skeleton(collection)])


def sections(collection: Collection) -> list[str]:
    """Headings from the model's description of the body: "Bakgrund, förslaget och …"."""
    text = collection.body.sv.strip().rstrip(".")
    parts = [p.strip() for p in text.split(", ")]
    last, _, rest = parts[-1].rpartition(" och ")
    if last:
        parts[-1:] = [last, rest]
    return [p[:1].upper() + p[1:] for p in parts if p]


def body_skeleton(collection: Collection) -> str:
    lines = [
        f"<!-- Skriv brödtexten under rubrikerna: {collection.body.sv} "
        "Ta bort rubriker som inte passar. -->"
    ]
    for heading in sections(collection):
        lines += ["", f"## {heading}"]
    return "\n".join(lines) + "\n"


# --- the command ---------------------------------------------------------------------------


def _ids(root: Path) -> dict[str, list[str]]:
    return {
        name: sorted(p.stem for p in (root / name).glob("*.md"))
        for name in COLLECTIONS
        if (root / name).is_dir()
    }


def new_item(
    root: Path,
    collection: str,
    title: str,
    municipalities: Sequence[str] = (),
    today: dt.date | None = None,
) -> Path:
    """Write a new file of `collection` for `title`; raise `NewItemError` on a problem."""
    target = find_collection(collection)
    title = " ".join(title.split())
    slug = slugify(title)
    if slug == "namn" and "namn" not in title.lower():  # slugify's stand-in: no letters
        raise NewItemError('titeln behöver bokstäver eller siffror, t.ex. "Digitala nycklar"')
    rule = target.field("title")
    if rule and not (rule.min or 0) <= len(title) <= (rule.max or len(title)):
        raise NewItemError(
            f"titeln har {len(title)} tecken – {rule.help.sv[:1].lower()}{rule.help.sv[1:]}"
        )
    ids = _ids(root)
    if municipalities and not takes_municipality(target):
        raise NewItemError(f"{target.name} har inget kommunfält – ta bort --municipality")
    known = ids.get("municipalities", [])
    unknown = [m for m in municipalities if m not in known]
    if unknown:
        raise NewItemError(
            f'okänd kommun "{unknown[0]}" – välj bland: {", ".join(known) or "(inga kommuner)"}'
        )
    folder = root / target.name
    taken = next((p for p in sorted(folder.glob("*.md")) if slugify(p.stem) == slug), None)
    if taken is not None:
        raise NewItemError(
            f"{target.name}/{taken.name} finns redan – ge posten en annan titel "
            "eller redigera den befintliga filen",
            EXIT_EXISTS,
        )
    config, _ = load_config(root)
    text = template(
        target, config.vocabularies, title, municipalities, today or today_in_sweden(), ids
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        raise NewItemError(f"{target.name}/{path.name} finns redan", EXIT_EXISTS) from None
    return path


def to_fill_in(collection: Collection, values: dict[str, object]) -> list[str]:
    """What a new file leaves for the author, in file order (`reuse.how`, `challenge
    eller need`); fields required only under a condition are left to the checker."""
    out: list[str] = []
    for f in collection.fields:
        group = next((g for g in collection.one_of if g[0] == f.name), None)
        if group and all(values.get(name) is None for name in group):
            out.append(" eller ".join(group))
        elif f.required and values.get(f.name) is None:
            if f.kind is Kind.OBJECT:
                out += [f"{f.name}.{m.name}" for m in f.fields if m.required]
            else:
                out.append(f.name)
    return out
