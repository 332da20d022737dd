"""Rules → diagnostics. Every rule derives from the declarations in `model`.

`check_repository` reads every file, validates each against its collection,
then checks what spans files (ids, unique values, references). Valid values
are normalised in place (quoted dates become dates, date-times get the
Stockholm time zone), so later stages see typed data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from math import isfinite
from pathlib import Path
from typing import Any

from sluss.content import scan
from sluss.content.body_links import theme_ids
from sluss.content.load import Item, Key, Pos, content_files, forget_resolved_tags, read_content
from sluss.content.markdown_limits import markdown_limits
from sluss.content.repository import Repository
from sluss.content.similar import similar_idea_warnings
from sluss.core.config import load_config
from sluss.core.diagnostics import ERROR, WARNING, Diagnostic, diag, with_severity
from sluss.core.kinds import BIDI_CONTROLS, EARLIEST_DATE, KINDS, LATEST_YEARS, latest_date
from sluss.core.model import COLLECTIONS, RELATIONS, Collection, Field, Kind, Text, Vocabularies
from sluss.core.text import (
    CODE,
    EMAIL,
    SLUG,
    SPDX,
    STOCKHOLM,
    TAG,
    TAG_LETTERS,
    slugify,
    today_in_sweden,
)

# Counties since 1998; codes of the dissolved ones (e.g. Skaraborg 16xx) are obsolete.
COUNTY_CODES = frozenset(
    {"01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14"}
    | {"17", "18", "19", "20", "21", "22", "23", "24", "25"}
)
CONTENT_SUFFIXES = (".markdown", ".mdown", ".mkd", ".txt")


def describe(value: object) -> Text:
    if value is None:
        return Text("tomt", "empty")
    if isinstance(value, bool):
        return Text(f"{str(value).lower()} (ja/nej)", f"{str(value).lower()} (yes/no)")
    if isinstance(value, int | float):
        return Text(f"talet {value}", f"the number {value}")
    if isinstance(value, dt.datetime):
        return Text(f"tidpunkten {value.isoformat()}", f"the date and time {value.isoformat()}")
    if isinstance(value, dt.date):
        return Text(f"datumet {value.isoformat()}", f"the date {value.isoformat()}")
    if isinstance(value, list):
        return KINDS[Kind.LIST].name
    if isinstance(value, dict):
        return KINDS[Kind.OBJECT].name
    return Text(f'texten "{_short(str(value))}"', f'the text "{_short(str(value))}"')


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _short(value: str, limit: int = 80) -> str:
    """A value quoted in a message: one line, no terminal control characters, not too long."""
    value = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def did_you_mean(value: str, candidates: Iterable[str], labels: dict[str, str]) -> Text:
    """' – menade du "x"?' when a candidate (or its label) is close, else ''."""
    lowered = value.lower()
    if lowered in labels:
        best = labels[lowered]
    else:
        pool = list(candidates) + list(labels)
        close = difflib.get_close_matches(lowered, pool, n=1, cutoff=0.6)
        if not close:
            return Text("", "")
        best = labels.get(close[0], close[0])
    return Text(f' – menade du "{best}"?', f' – did you mean "{best}"?')


@dataclass(slots=True)
class _Ref:
    item: Item
    key: Key
    field: Field
    value: str


class _Checker:
    def __init__(self, repo: Repository, today: dt.date) -> None:
        self.repo = repo
        self.today = today
        self.vocab: Vocabularies = repo.config.vocabularies
        self.refs: list[_Ref] = []
        self.unique: dict[tuple[str, str, str], Item] = {}
        self.out = repo.diagnostics
        self.root = repo.root.resolve()
        self.paths: dict[str, tuple[bool, bool]] = {}  # path: value → (outside, missing)

    # --- one file --------------------------------------------------------------

    def item(self, item: Item) -> None:
        collection = COLLECTIONS[item.collection]
        self.fields(item, collection.fields, item.data, (), collection)
        for group in collection.one_of:
            if not any(item.data.get(name) not in (None, "", []) for name in group):
                self.out.append(diag(item.path, 1, 1, "challenge-or-need"))
        if not item.body or item.body.isspace():
            self.out.append(
                diag(item.path, item.body_line - 1, 1, "body-empty", body=collection.body)
            )
        self.out.extend(scan.personal_numbers(item))
        self.out.extend(scan.dangerous_markup(item))
        config = self.repo.config
        self.out.extend(
            scan.personal_contacts(item, config.function_mailboxes, config.function_phones)
        )
        self.out.extend(scan.summary_markup(item))
        self.out.extend(scan.body_bidi_overrides(item))
        self.out.extend(low_need_for_testing(item, self.repo.config.rules.min_need_for_testing))
        self.out.extend(markdown_limits(item))
        self.out.extend(theme_ids(item))
        self.submitter_consent(item)

    def submitter_consent(self, item: Item) -> None:
        """A submitter's name or address is personal data: published only with consent."""
        submitter = scan.submitter_details(item.data)
        if submitter is not None and submitter.get("public") is not True:
            key = ("submitter", "public") if "public" in submitter else ("submitter",)
            self.report(item, key, "submitter-without-consent")

    def fields(
        self,
        item: Item,
        fields: tuple[Field, ...],
        data: dict[str, Any],
        key: Key,
        collection: Collection | None,
    ) -> None:
        known = _KNOWN[id(fields)]
        for name in data:
            if name not in known:
                labels = {f.label.sv.lower(): f.name for f in fields} | {
                    f.label.en.lower(): f.name for f in fields
                }
                pos = item.key_pos((*key, name))
                self.out.append(
                    diag(
                        item.path,
                        pos.line,
                        pos.column,
                        "unknown-field",
                        field=name,
                        did_you_mean=did_you_mean(name, known, labels),
                        allowed=", ".join(known),
                    )
                )
        for name, f, rule, needed in _PLANS[id(fields)]:
            value = data.get(name)
            if value is None or value == "":
                if needed:
                    self.missing(item, f, data, key)
                continue
            result = rule(self, item, f, value, (*key, name), data)
            if result is not None:
                data[name] = result  # normalised

    def missing(self, item: Item, f: Field, data: dict[str, Any], key: Key) -> None:
        if f.required:
            pos = self.missing_pos(item, f, key)
            self.out.append(
                diag(
                    item.path,
                    pos.line,
                    pos.column,
                    "missing-field",
                    field=f.name,
                    label=f.label,
                    help=f.help,
                )
            )
        elif f.required_when and data.get(f.required_when.field) in f.required_when.values:
            pos = self.missing_pos(item, f, key)
            self.out.append(
                diag(
                    item.path,
                    pos.line,
                    pos.column,
                    "required-when",
                    field=f.name,
                    label=f.label,
                    help=f.help,
                    when=f.required_when.field,
                    value=data.get(f.required_when.field),
                )
            )

    def missing_pos(self, item: Item, f: Field, key: Key) -> Pos:
        written = (*key, f.name)  # `title:` with no value is reported on its own line
        if written in item.keys:
            return item.keys[written]
        return item.key_pos(key) if key else item.pos(())

    def report(self, item: Item, key: Key, code: str, **args: object) -> None:
        pos = item.pos(key)
        self.out.append(diag(item.path, pos.line, pos.column, code, **args))

    def wrong_type(self, item: Item, f: Field, value: object, key: Key) -> None:
        kind = KINDS[f.kind]
        example = f.example if f.example is not None else kind.syntax
        if isinstance(example, list):
            example = "[" + ", ".join(str(e) for e in example) + "]"
        self.report(
            item,
            key,
            "wrong-type",
            field=f.name,
            expected=kind.name,
            found=describe(value),
            example=example,
        )

    def value(self, item: Item, f: Field, value: Any, key: Key, siblings: dict[str, Any]) -> Any:
        """Check one value; return it normalised (the same value if invalid)."""
        result = _RULES[id(f)](self, item, f, value, key, siblings)
        return value if result is None else result

    # --- one method per Kind; each returns the normalised value or None ------

    def _string(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return self._length(item, f, str(value), key)  # `title: 2026` is fine text
            self.wrong_type(item, f, value, key)
            return None
        return self._length(item, f, value, key)

    _text = _string

    def _length(self, item: Item, f: Field, value: str, key: Key) -> str:
        length = len(value.strip())
        if f.min is not None and length < f.min:
            self.report(
                item, key, "too-short", field=f.name, length=length, min=int(f.min), help=f.help
            )
        if f.max is not None and length > f.max:
            self.report(item, key, "too-long", field=f.name, length=length, max=int(f.max))
        return value

    def _int(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(item, f, value, key)
            return None
        return self._range(item, f, value, key)

    def _number(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float) or not isfinite(value):
            self.wrong_type(item, f, value, key)  # .nan and .inf are no numbers of hours
            return None
        return self._range(item, f, value, key)

    def _range(self, item: Item, f: Field, value: float, key: Key) -> float:
        low = f"{f.min:g}" if f.min is not None else None
        high = f"{f.max:g}" if f.max is not None else None
        if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            if low and high:
                span = Text(f"mellan {low} och {high}", f"between {low} and {high}")
            elif low:
                span = Text(f"minst {low}", f"at least {low}")
            else:
                span = Text(f"högst {high}", f"at most {high}")
            self.report(item, key, "out-of-range", field=f.name, value=value, range=span)
        return value

    def _bool(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, bool):
            self.wrong_type(item, f, value, key)
        return None

    def _date(self, item: Item, f: Field, value: Any, key: Key, siblings: Any) -> Any:
        if isinstance(value, dt.datetime):
            self.wrong_type(item, f, value, key)
            return None
        if not isinstance(value, dt.date):
            if not isinstance(value, str):
                self.wrong_type(item, f, value, key)
                return None
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.report(item, key, "invalid-date", field=f.name, value=_short(value))
                return None
        if value < EARLIEST_DATE:
            self._too_early(item, f, value, key)
            return None  # no later rule (order, the charts) sees a year like 0001
        if f.not_future and value > self.today:
            self.report(item, key, "date-future", field=f.name, value=value, today=self.today)
        elif value > latest_date(self.today):
            self._too_late(item, f, value, key)
            return None
        earliest = siblings.get(f.not_before) if f.not_before else None
        if isinstance(earliest, dt.date) and not isinstance(earliest, dt.datetime):
            self._order(item, f, key, "date-order", value, value < earliest, f.not_before, earliest)
        latest = siblings.get(f.not_after) if f.not_after else None
        if isinstance(latest, dt.datetime):
            latest = latest.date()
        if isinstance(latest, dt.date):
            self._order(item, f, key, "date-after", value, value > latest, f.not_after, latest)
        return value

    def _order(
        self,
        item: Item,
        f: Field,
        key: Key,
        code: str,
        value: Any,
        wrong: bool,
        other: Any,
        at: Any,
    ) -> None:
        """A date or time on the wrong side of a sibling field (`other`, whose value is `at`)."""
        if wrong:
            shown = (value.isoformat(), at.isoformat()) if code == "datetime-order" else (value, at)
            self.report(
                item, key, code, field=f.name, value=shown[0], other=other, other_value=shown[1]
            )

    def _datetime(self, item: Item, f: Field, value: Any, key: Key, siblings: Any) -> Any:
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, dt.datetime):
            raw = item.raw.get(key, str(value))
            self.report(item, key, "invalid-datetime", field=f.name, value=_short(raw))
            return None
        if value.date() < EARLIEST_DATE:
            self._too_early(item, f, value, key)
            return None
        if value.date() > latest_date(self.today):
            self._too_late(item, f, value, key)
            return None
        if value.tzinfo is None:
            if _in_gap(value):
                self._gap(item, f, value, key)
                return None
            # An autumn time that occurs twice (02:00–02:59 on the last Sunday of
            # October) is accepted and read as the first, still summer time (fold=0).
            value = value.replace(tzinfo=STOCKHOLM)
        other = siblings.get(f.after) if f.after else None
        if isinstance(other, dt.datetime):
            self._order(item, f, key, "datetime-order", value, value <= other, f.after, other)
        return value

    def _too_early(self, item: Item, f: Field, value: dt.date, key: Key) -> None:
        self._out_of_bounds(item, f, value, key, "date-too-early", earliest=EARLIEST_DATE)

    def _too_late(self, item: Item, f: Field, value: dt.date, key: Key) -> None:
        latest = latest_date(self.today)
        self._out_of_bounds(item, f, value, key, "date-too-late", years=LATEST_YEARS, latest=latest)

    def _out_of_bounds(
        self, item: Item, f: Field, value: dt.date, key: Key, code: str, **bound: Any
    ) -> None:
        """A year no content has (before 1900, or decades ahead), as it was written."""
        written = _short(item.raw.get(key, value.isoformat()))
        shown = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in bound.items()}
        self.report(item, key, code, field=f.name, value=written, **shown)

    def _gap(self, item: Item, f: Field, value: dt.datetime, key: Key) -> None:
        start, end = _gap_around(value)
        self.report(
            item,
            key,
            "datetime-gap",
            field=f.name,
            value=_short(item.raw.get(key, value.isoformat())),
            date=value.date().isoformat(),
            gap_start=start.strftime("%H:%M"),
            gap_end=end.strftime("%H:%M"),
            suggestion=(value + (end - start)).strftime("%Y-%m-%dT%H:%M"),
        )

    def _url(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str):
            self.wrong_type(item, f, value, key)
            return None
        parts = urllib.parse.urlsplit(value.strip())
        if parts.scheme.lower() in ("javascript", "vbscript", "data", "file"):
            self.report(item, key, "dangerous-url", found=parts.scheme.lower() + ":")
        elif parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
            self.report(item, key, "invalid-url", field=f.name, value=_short(value))
        elif "@" in parts.netloc:  # `https://skovde.se@evil.example/` leads to evil.example
            host = parts.netloc.rpartition("@")[2]
            self.report(
                item, key, "url-userinfo", field=f.name, value=_short(value), host=_short(host)
            )
            return None
        elif parts.scheme == "http":
            pos = item.pos(key)
            found = diag(
                item.path, pos.line, pos.column, "insecure-url", field=f.name, value=_short(value)
            )
            self.out.append(found if f.https_only else with_severity(found, WARNING))
        mixed = _mixed_scripts(parts.hostname or "")
        if mixed:
            self.report(
                item,
                key,
                "url-lookalike",
                field=f.name,
                host=_short(parts.hostname or ""),
                scripts=mixed,
            )
        return value.strip()

    def _email(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str) or not EMAIL.match(value.strip()):
            self.report(item, key, "invalid-email", field=f.name, value=_short(str(value)))
            return None
        return value.strip()

    def _code(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raw = item.raw.get(key, str(value))
            suggestion = raw if CODE.fullmatch(raw) else f"{value:04d}"
            self.report(
                item,
                key,
                "code-not-string",
                field=f.name,
                value=value,
                raw=raw,
                suggestion=suggestion,
            )
            return None
        if not isinstance(value, str) or not CODE.fullmatch(value):
            self.report(item, key, "code-invalid", field=f.name, value=_short(str(value)))
            return None
        if value[:2] not in COUNTY_CODES:
            self.report(item, key, "code-obsolete", field=f.name, value=value)
        self._unique(item, f, value, key)
        return value

    def _unique(self, item: Item, f: Field, value: str, key: Key) -> None:
        if not f.unique:
            return
        slot = (item.collection, f.name, value)
        first = self.unique.setdefault(slot, item)
        if first is not item:
            self.report(item, key, "duplicate-value", field=f.name, value=value, other=first.path)

    def _license(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str) or not SPDX.match(value.strip()):
            self.report(item, key, "invalid-license", field=f.name, value=_short(str(value)))
        return None

    def _tag(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            value = str(value)  # `tags: [2026]` is the word 2026
        if not isinstance(value, str) or not TAG.match(value):
            text = str(value)
            suggestion = re.sub(f"[^{TAG_LETTERS}]+", "-", text.lower()).strip("-")
            self.report(item, key, "invalid-tag", value=_short(text), suggestion=suggestion)
            return None
        return value

    def _path(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str):
            self.wrong_type(item, f, value, key)
            return None
        if value not in self.paths:  # many items name the same file
            self.paths[value] = self._where_path(value)
        outside, missing = self.paths[value]
        if outside:
            self.report(item, key, "path-outside", field=f.name, value=_short(value))
        elif missing:
            self.report(item, key, "path-missing", field=f.name, value=_short(value))
        return None

    def _where_path(self, value: str) -> tuple[bool, bool]:
        root = self.root
        try:
            target = (root / value).resolve()
            outside = Path(value).is_absolute() or not target.is_relative_to(root)
            missing = not target.is_file()
        except (OSError, ValueError):  # a NUL byte, a name too long for the system, a loop
            outside, missing = False, True
        return outside, missing

    def _choice(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        vocabulary = f.vocabulary or ""
        allowed = self.vocab.values(vocabulary)
        if not allowed:  # sluss.yml could not be read: reported once there, not in every file
            return None
        if not isinstance(value, str) or value not in allowed:
            terms = self.vocab.terms.get(vocabulary, {})
            labels = {t.sv.lower(): v for v, t in terms.items()} | {
                t.en.lower(): v for v, t in terms.items()
            }
            self.report(
                item,
                key,
                "not-in-vocabulary",
                field=f.name,
                value=_short(str(value)),
                did_you_mean=did_you_mean(str(value), allowed, labels),
                allowed=", ".join(f"{v} ({terms[v].sv})" for v in allowed),
            )
        return None

    def _ref(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, str):
            self.wrong_type(item, f, value, key)
            return None
        self.refs.append(_Ref(item, key, f, value.strip()))
        return value.strip()

    def _list(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, list):
            self.wrong_type(item, f, value, key)
            return None
        if f.min is not None and len(value) < f.min:
            example = f.item.example if f.item and f.item.example else "…"
            self.report(item, key, "list-too-short", field=f.name, min=int(f.min), example=example)
        assert f.item is not None
        out = []
        for i, element in enumerate(value):
            if element is None or element == "":  # `- ` left empty in a list
                self.wrong_type(item, f.item, element, (*key, i))
                out.append(element)
            else:
                out.append(self.value(item, f.item, element, (*key, i), {}))
        return out

    def _object(self, item: Item, f: Field, value: Any, key: Key, _: Any) -> Any:
        if not isinstance(value, dict):
            self.wrong_type(item, f, value, key)
            return None
        self.fields(item, f.fields, value, key, None)
        if f.exactly_one_of:
            given = [n for n in f.exactly_one_of if value.get(n) not in (None, "")]
            if len(given) != 1:
                found = Text(" och ".join(given) or "ingetdera", " and ".join(given) or "neither")
                self.report(item, key, "link-target", found=found)
        return value

    # --- across files ------------------------------------------------------------

    def contacts(self) -> None:
        """`contact.email` a function mailbox, `contact.phone` no mobile number unless
        `function_phones` in sluss.yml lists it as a function's.

        A function mailbox is listed in `function_mailboxes` (or is the coordinator's), or
        lies at the domain of a municipality (its website or its contact address) or of
        the organisation's own website. Webmail addresses are reported by the text scan.
        """
        config = self.repo.config
        mailboxes = config.function_mailboxes | {config.coordinator_email.lower()}
        domains: set[str] = set()
        for muni in self.repo.items.get("municipalities", {}).values():
            domains |= _domains(muni.data, with_contact=True)
        for items in self.repo.items.values():
            for item in items.values():
                if item.readable and "contact" in item.text:
                    own = domains | _domains(item.data)
                    for key, contact in scan.contact_blocks(item.data):
                        self._contact(item, key, contact, mailboxes, own)

    def _contact(
        self,
        item: Item,
        key: Key,
        contact: dict[str, Any],
        mailboxes: frozenset[str] | set[str],
        domains: set[str],
    ) -> None:
        email, phone = contact.get("email"), contact.get("phone")
        if isinstance(email, str) and EMAIL.match(email.strip()):
            address = email.strip().lower()
            domain = address.rpartition("@")[2]
            if not (
                address in mailboxes
                or domain in scan.WEBMAIL_DOMAINS
                or any(domain == d or domain.endswith("." + d) for d in domains)
            ):
                self.report(item, (*key, "email"), "contact-email-not-function", value=address)
        if (
            isinstance(phone, str)
            and scan.is_mobile(phone)
            and scan.phone_digits(phone) not in self.repo.config.function_phones
        ):
            self.report(item, (*key, "phone"), "contact-phone-mobile", value=phone.strip())

    def references(self) -> None:
        items = self.repo.items
        for ref in self.refs:
            target_name = ref.field.ref or ""
            target = COLLECTIONS[target_name]
            found = items.get(target_name, {}).get(ref.value)
            if found is None:
                self.report(
                    ref.item,
                    ref.key,
                    "unresolved-ref",
                    field=ref.field.name,
                    value=ref.value,
                    target=Text(target.singular.sv.lower(), target.singular.en.lower()),
                    folder=target_name,
                    did_you_mean=did_you_mean(ref.value, items.get(target_name, {}), {}),
                )
            elif found is ref.item:
                self.report(ref.item, ref.key, "self-ref", field=ref.field.name, value=ref.value)
            elif found.draft and not ref.item.draft:
                self.report(
                    ref.item,
                    ref.key,
                    "draft-ref",
                    field=ref.field.name,
                    value=ref.value,
                    folder=target_name,
                )
        self._idea_innovation_links()
        self._owner_not_adopter()

    def _idea_innovation_links(self) -> None:
        """An idea and the innovation it became should point at each other: every link
        the model declares written at both ends by two fields."""
        for r in RELATIONS:
            if not r.paired or r.path == r.inverse:
                continue  # `related` is one field: naming an idea is enough
            key, back = r.path, r.inverse
            targets = self.repo.items.get(r.target, {})
            for item in self.repo.items.get(r.source, {}).values():
                target = targets.get(str(item.data.get(key)))
                if target is not None and target.data.get(back) != item.id:
                    self.report(item, (key,), "link-mismatch", field=key,
                                value=target.id, back=f"{target.path}: {back}")  # fmt: skip

    def _owner_not_adopter(self) -> None:
        for innovation in self.repo.items.get("innovations", {}).values():
            adopters = innovation.data.get("adopters")
            if not isinstance(adopters, list):
                continue
            for i, adopter in enumerate(adopters):
                owner = innovation.data.get("owner")
                if isinstance(adopter, dict) and owner and adopter.get("municipality") == owner:
                    self.report(
                        innovation, ("adopters", i, "municipality"), "owner-adopter", value=owner
                    )


def _domains(data: dict[str, Any], with_contact: bool = False) -> set[str]:
    """The domains of an organisation: its website's host (and its contact address's)."""
    found: set[str] = set()
    website, contact = data.get("website"), data.get("contact")
    if isinstance(website, str):
        host = (urllib.parse.urlsplit(website.strip()).hostname or "").lower()
        found.add(host.removeprefix("www."))
    if with_contact and isinstance(contact, dict) and isinstance(contact.get("email"), str):
        found.add(contact["email"].strip().lower().rpartition("@")[2])
    return {d for d in found if "." in d and d not in scan.WEBMAIL_DOMAINS}


# The scripts named in a look-alike warning; others by their Unicode name.
_SCRIPTS = {
    "LATIN": ("latinska", "Latin"),
    "CYRILLIC": ("kyrilliska", "Cyrillic"),
    "GREEK": ("grekiska", "Greek"),
    "ARMENIAN": ("armeniska", "Armenian"),
}


def _mixed_scripts(host: str) -> Text | None:
    """The scripts of a host-name label that mixes them (`exаmple` with a Cyrillic а),
    or None. Each label on its own: `пример.se` (Cyrillic, then Latin) is honest, and
    å, ä and ö are Latin letters. Punycode labels (`xn--…`) are read decoded."""
    for label in host.lower().split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except (UnicodeError, ValueError):
                continue
        scripts = sorted(
            {unicodedata.name(c, "?").split(" ")[0] for c in label if c.isalpha()},
            key=lambda s: (s != "LATIN", s),
        )
        if len(scripts) > 1:
            names = [_SCRIPTS.get(s, (s.lower(), s.title())) for s in scripts]
            return Text(
                " och ".join(sv for sv, _ in names) + " bokstäver",
                " and ".join(en for _, en in names) + " letters",
            )
    return None


def _in_gap(value: dt.datetime) -> bool:
    """A Stockholm wall-clock time skipped when the clocks go forward in spring."""
    aware = value.replace(tzinfo=STOCKHOLM)
    return aware.astimezone(dt.UTC).astimezone(STOCKHOLM).replace(tzinfo=None) != value


def _gap_around(value: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The wall-clock times the skipped hour around `value` starts and ends at (02:00
    and 03:00 in Stockholm), from the time zone's own offsets."""
    before = value.replace(tzinfo=STOCKHOLM, fold=0).utcoffset() or dt.timedelta()
    after = value.replace(tzinfo=STOCKHOLM, fold=1).utcoffset() or dt.timedelta()
    early, late = sorted((before, after))
    instant = value.replace(tzinfo=dt.UTC) - late  # the earliest instant it may stand for
    while instant.astimezone(STOCKHOLM).utcoffset() != late:
        instant += dt.timedelta(minutes=1)  # at most the length of the gap
    naive = instant.replace(tzinfo=None)
    return naive + early, naive + late


def _refusing(kind: Kind, rule: _Rule) -> _Rule:
    """The rule of a kind behind its refused characters (`KindInfo.refused`): a value
    with one is reported once, for every field of the kind, and not checked further."""
    if not KINDS[kind].refused:
        return rule
    refused = re.compile(f"[{KINDS[kind].refused}]")
    bidi = re.compile(f"[{BIDI_CONTROLS}]")

    def guarded(checker: _Checker, item: Item, f: Field, value: Any, key: Key, s: Any) -> Any:
        # Line ends around a value (`title: >` ends in one) are not part of it.
        found = refused.search(value.strip()) if isinstance(value, str) else None
        if found is None:
            return rule(checker, item, f, value, key, s)
        char = found.group()
        code = "bidi-character" if bidi.match(char) else "control-character"
        checker.report(item, key, code, field=f.name, char=_describe_char(char))
        return None

    return guarded


_CHAR_NAMES = {
    "\n": ("radbrytning", "line feed"),
    "\r": ("vagnretur", "carriage return"),
    "\t": ("tabb", "tab"),
    "\x00": ("nolltecken", "NUL"),
    "\x7f": ("radera", "delete"),
}


def _describe_char(char: str) -> Text:
    code = f"U+{ord(char):04X}"
    sv, en = _CHAR_NAMES.get(char, (unicodedata.name(char, ""),) * 2)
    return Text(f"{code} ({sv})", f"{code} ({en})") if sv else Text(code, code)


def _every_field() -> list[Field]:
    """The fields of every collection, their members and list elements."""
    found: list[Field] = []
    todo = [f for c in COLLECTIONS.values() for f in c.fields]
    while todo:
        f = todo.pop()
        found.append(f)
        todo.extend(f.fields)
        if f.item is not None:
            todo.append(f.item)
    return found


# The rule of each kind is the method named after it (`Kind.DATE` → `_date`): a kind
# without one stops the checker from loading, not at the first value of that kind.
_Rule = Callable[[_Checker, Item, Field, Any, Key, Any], Any]
_KIND_RULES: dict[Kind, _Rule] = {
    kind: _refusing(kind, getattr(_Checker, f"_{kind.value.replace('-', '_')}")) for kind in Kind
}
# Made once from the model, found by the id of a field or of a tuple of fields: looking
# a rule up by name for every value, or even hashing its Kind (an Enum hashes in
# Python), costs more than most rules. _PLANS: (name, field, rule, reported if missing).
_RULES: dict[int, _Rule] = {id(f): _KIND_RULES[f.kind] for f in _every_field()}
_GROUPS = [c.fields for c in COLLECTIONS.values()] + [f.fields for f in _every_field()]
_KNOWN: dict[int, dict[str, Field]] = {id(g): {f.name: f for f in g} for g in _GROUPS}
_PLANS: dict[int, list[tuple[str, Field, _Rule, bool]]] = {
    id(g): [(f.name, f, _RULES[id(f)], bool(f.required or f.required_when)) for f in g]
    for g in _GROUPS
}


def low_need_for_testing(item: Item, limit: int | None) -> list[Diagnostic]:
    """A warning for an idea in testing whose assessed need is below `rules:` in sluss.yml:
    the sluice should test ideas that answer real, big needs. Only `testing`: that is the
    decision to check; an implemented idea has passed it and is history."""
    if limit is None or item.collection != "ideas" or item.data.get("status") != "testing":
        return []
    need = (item.data.get("assessment") or {}).get("need")
    if isinstance(need, bool) or not isinstance(need, int) or need >= limit:
        return []
    pos = item.pos(("assessment", "need"))
    return [diag(item.path, pos.line, pos.column, "low-need-for-testing", need=need, limit=limit)]


def check_repository(
    root: Path, today: dt.date | None = None, *, similar: bool = False
) -> Repository:
    """Read and check every content file under `root`; never raises on content.

    `similar` adds the similar-idea warnings: an analysis of all ideas together, not a
    rule of one file, and the costliest part by far (`sluss check --similar`).
    """
    config, problems = load_config(root)
    repo = Repository(root=root, config=config, diagnostics=list(problems))
    checker = _Checker(repo, today or today_in_sweden())
    forget_resolved_tags()  # each run starts cold, as a benchmark's repeated runs must
    lowered: dict[tuple[str, str], Item] = {}
    # A well-named file is read before its misnamed twin (`ide.md` before `Idé.md`), so
    # the twin is the one reported as the duplicate, and references resolve to the first.
    files = sorted(content_files(root), key=lambda f: (f[0], not SLUG.match(f[1].stem)))
    links = {name: (root / name).is_symlink() for name in COLLECTIONS}
    for collection, path, rel in files:
        item = _read(repo, collection, path, rel, links[collection])
        if item is None:
            continue
        slug = item.id if SLUG.match(item.id) else slugify(item.id)  # a slug is its own
        other = lowered.setdefault((collection, slug), item)
        if other is not item:
            repo.diagnostics.append(
                diag(item.path, 1, 1, "duplicate-id", id=item.id, other=other.path)
            )
            continue
        repo.items.setdefault(collection, {})[item.id] = item
        if item.readable:
            checker.item(item)
    checker.references()
    checker.contacts()
    if similar:
        repo.diagnostics.extend(similar_idea_warnings(repo))
    repo.diagnostics.sort(key=Diagnostic.sort_key)
    return repo


def check_item(repo: Repository, item: Item, today: dt.date | None = None) -> list[Diagnostic]:
    """The errors of one edited item against a repository checked before: its own rules
    and where its references lead. For the preview's quick re-render of that item; the
    whole check (uniqueness, back-links, other items' view of it) follows there anyway."""
    scratch = Repository(root=repo.root, config=repo.config)
    scratch.items = {name: dict(items) for name, items in repo.items.items()}
    scratch.items.setdefault(item.collection, {})[item.id] = item
    checker = _Checker(scratch, today or today_in_sweden())
    checker.item(item)
    checker.references()
    checker.contacts()
    return [d for d in scratch.diagnostics if d.path == item.path and d.level == ERROR]


def _read(repo: Repository, collection: str, path: Path, rel: str, in_link: bool) -> Item | None:
    """Read one file of a collection folder; the file-level rules live here."""
    if path.suffix.lower() != ".md":
        if path.suffix.lower() in CONTENT_SUFFIXES:
            suggestion = slugify(path.stem) + ".md"
            repo.diagnostics.append(diag(rel, 1, 1, "ignored-file", suggestion=suggestion))
        return None
    if rel.count("/") > 1:  # in a subfolder of the collection's folder
        repo.diagnostics.append(diag(rel, 1, 1, "nested-file", collection=collection))
        return None
    repo.files += 1
    if not SLUG.match(path.stem) or path.suffix != ".md":
        suggestion = slugify(path.stem) + ".md"
        repo.diagnostics.append(diag(rel, 1, 1, "file-name", name=path.name, suggestion=suggestion))
    for _, kind in scan.find_personal_numbers(path.stem):  # the page address, the id
        repo.diagnostics.append(
            diag(rel, 1, 1, "personal-number-in-name", name=path.name, kind=kind)
        )
    item, problems = read_content(repo.root, collection, path, rel, in_link)
    repo.diagnostics.extend(problems)
    return item  # unreadable front matter: still an id others may refer to
