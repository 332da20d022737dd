"""iCalendar files (RFC 5545) of the upcoming training sessions.

`kalender/utbildning.ics` holds every upcoming session; `kalender/kurser/<id>.ics`
those of one course and its modules (a folder of their own, so no course id can
collide with `utbildning.ics`). Written by hand rather than with a library: the
format is small, and the rules that trip calendar programs are all here in one
place: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
character, TEXT values escaped, times in Europe/Stockholm with its VTIMEZONE.

A session's UID is its item id and start time, so it stays the same from build
to build and a calendar that subscribed updates the event instead of doubling it.
DTSTAMP is `Portal.as_of`: deterministic for one build date.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

from sluss.core.text import STOCKHOLM
from sluss.site.entry import GENERATED, Entry, page_url, site_base
from sluss.site.portal import Portal

CALENDARS = f"{GENERATED}/kalender"
TZID = "Europe/Stockholm"

# Sweden follows the EU rule since 1996: summer time from the last Sunday of March
# 02:00 to the last Sunday of October 03:00.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def calendars(portal: Portal, site_url: str) -> dict[str, str]:
    """Path under the site root (= under docs/) → iCalendar text (CRLF line ends)."""
    base = site_base(site_url)
    name = portal.config.name
    out = {
        f"{CALENDARS}/utbildning.ics": calendar(
            portal, base, portal.entries["training"], f"Utbildningar – {name}"
        )
    }
    for course in portal.catalog.courses():
        out[course_calendar(course)] = calendar(
            portal, base, [course, *portal.catalog.modules(course)], f"{course.title} – {name}"
        )
    return out


def course_calendar(course: Entry) -> str:
    """Where a course's calendar lives (under the site root)."""
    return f"{CALENDARS}/kurser/{course.id}.ics"


def calendar(portal: Portal, base: str, entries: Iterable[Entry], title: str) -> str:
    """One VCALENDAR with the upcoming sessions of `entries`."""
    host = urllib.parse.urlsplit(base).hostname or "innovationssluss.invalid"
    stamp = f"{portal.as_of:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(portal.config.name)}//sluss//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(title)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for entry, session in portal.catalog.sessions(entries, upcoming=True):
        lines += _event(portal, base, host, stamp, entry, session)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(
    portal: Portal, base: str, host: str, stamp: str, entry: Entry, session: dict[str, Any]
) -> list[str]:
    start: dt.datetime = session["start"]
    end: dt.datetime = session["end"]
    url = page_url(base, entry.page)
    course = portal.get("training", entry.get("course"))
    about = [entry.summary]
    if course is not None:
        about.append(f"Del av kursen {course.title}.")
    if session.get("full"):
        about.append("Fullbokat.")
    elif session.get("registration"):
        about.append(f"Anmälan: {session['registration']}")
    if session.get("registration_deadline") and not session.get("full"):
        about.append(f"Sista anmälningsdag: {session['registration_deadline']}")
    if session.get("seats"):
        about.append(f"Antal platser: {session['seats']}")
    if url:
        about.append(f"Mer information: {url}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{entry.id}-{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={TZID}:{_local(start)}",
        f"DTEND;TZID={TZID}:{_local(end)}",
        f"SUMMARY:{_text(entry.title)}",
        f"LOCATION:{_text(str(session.get('location') or ''))}",
        f"DESCRIPTION:{_text(chr(10).join(about))}",
    ]
    if url.startswith(("http://", "https://")):
        lines.append(f"URL:{url}")
    return [*lines, "END:VEVENT"]


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y%m%dT%H%M%S")


def _text(value: str) -> str:
    r"""A TEXT value (RFC 5545 3.3.11): \ ; , and line breaks escaped, no control characters."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= limit:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        # Continuation lines start with a space, which counts toward the limit.
        if size + width > (limit if not parts else limit - 1):
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)
