"""Atom feeds (RFC 4287) and iCalendar files (RFC 5545): parsed by feedparser and
icalendar (both dev dependencies of the project), and the RFC rules checked here."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from sluss.content.check import check_repository
from sluss.outputs.calendars import CALENDARS, _text, calendars, fold
from sluss.outputs.feeds import ATOM, FEEDS, feeds
from sluss.site.portal import Portal

from support import ROOT, TODAY

SITE = "https://innovationssluss-skaraborg.github.io/portal/"
AS_OF = dt.date(2026, 11, 18)
STOCKHOLM = "Europe/Stockholm"
A = f"{{{ATOM}}}"


def portal(as_of: dt.date = AS_OF) -> Portal:
    return Portal(check_repository(ROOT, today=TODAY), as_of)


@pytest.fixture(scope="module")
def made() -> tuple[Portal, dict[str, str]]:
    p = portal()
    return p, feeds(p, SITE) | calendars(p, SITE)


# --- Atom ------------------------------------------------------------------------------


FEED_NAMES = ("ideer", "innovationer", "statusandringar")


@pytest.mark.parametrize("name", FEED_NAMES)
def test_feed_parses_without_problems(made: tuple[Portal, dict[str, str]], name: str) -> None:
    _, files = made
    text = files[f"{FEEDS}/{name}.atom"]
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title and parsed.feed.id == f"{SITE}{FEEDS}/{name}.atom"
    assert parsed.entries, "the sample content has items for every feed"
    ids = [e.id for e in parsed.entries]
    assert len(ids) == len(set(ids))
    for entry in parsed.entries:
        assert entry.title and entry.link.startswith(SITE) and entry.summary


@pytest.mark.parametrize("name", FEED_NAMES)
def test_feed_follows_rfc_4287(made: tuple[Portal, dict[str, str]], name: str) -> None:
    _, files = made
    root = ET.fromstring(files[f"{FEEDS}/{name}.atom"].encode("utf-8"))
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert root.findtext(f"{A}author/{A}name") == "Innovationssluss Skaraborg"
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert rels["self"].endswith(f"{name}.atom") and rels["alternate"].startswith(SITE)
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert entry.find(f"{A}author") is None  # the portal, never a person
        for stamp in entry.findall(f"{A}updated") + root.findall(f"{A}updated"):
            assert dt.datetime.fromisoformat(stamp.text or "").utcoffset() is not None


def test_feeds_leave_drafts_out(made: tuple[Portal, dict[str, str]]) -> None:
    _, files = made
    for path, text in files.items():
        assert "utkast-" not in text, path


def test_newest_ideas_first(made: tuple[Portal, dict[str, str]]) -> None:
    _, files = made
    parsed = feedparser.parse(files[f"{FEEDS}/ideer.atom"].encode("utf-8"))
    published = [e.published for e in parsed.entries]
    assert published == sorted(published, reverse=True)


def test_status_events_from_history_are_used() -> None:
    p = portal()
    idea = p.get("ideas", "digitala-las-i-hemtjansten")
    assert idea is not None
    events = [
        (dt.date(2025, 3, 12), idea, "assessing", "testing"),
        (dt.date(2025, 10, 20), idea, "testing", "implemented"),
    ]
    text = feeds(p, SITE, status_events=events)[f"{FEEDS}/statusandringar.atom"]
    parsed = feedparser.parse(text.encode("utf-8"))
    assert [e.title for e in parsed.entries] == [
        f"{idea.title}: Testas → Införd",
        f"{idea.title}: Under bedömning → Testas",
    ]
    assert parsed.entries[0].id.endswith("#status-2025-10-20-implemented")


def test_text_is_escaped() -> None:
    p = portal()
    idea = p.ideas[0]
    idea.data["title"] = 'Lås & <nycklar> "i" hemtjänsten\x0b'
    text = feeds(p, SITE)[f"{FEEDS}/ideer.atom"]
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo
    assert 'Lås & <nycklar> "i" hemtjänsten' in [e.title for e in parsed.entries]


# --- iCalendar ----------------------------------------------------------------------------


def ics_files(files: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in files.items() if k.endswith(".ics")}


def test_calendars_parse_and_have_what_rfc_5545_requires(
    made: tuple[Portal, dict[str, str]],
) -> None:
    p, files = made
    assert f"{CALENDARS}/utbildning.ics" in files
    assert {f"{CALENDARS}/kurser/{c.id}.ics" for c in p.catalog.courses()} <= set(files)
    for path, text in ics_files(files).items():
        calendar = icalendar.Calendar.from_ical(text.encode("utf-8"))
        assert calendar.get("PRODID") and str(calendar.get("VERSION")) == "2.0", path
        assert str(calendar.get("METHOD")) == "PUBLISH"
        (zone,) = calendar.walk("VTIMEZONE")
        assert str(zone.get("TZID")) == STOCKHOLM
        assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")
        for event in calendar.walk("VEVENT"):
            for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL"):
                assert event.get(name) is not None, (path, name)
            assert event["DTSTART"].params["TZID"] == STOCKHOLM
            assert event.decoded("DTEND") > event.decoded("DTSTART")
            assert str(event.get("URL")).startswith(SITE)


def test_every_upcoming_session_once(made: tuple[Portal, dict[str, str]]) -> None:
    p, files = made
    calendar = icalendar.Calendar.from_ical(files[f"{CALENDARS}/utbildning.ics"].encode())
    events = calendar.walk("VEVENT")
    sessions = p.catalog.sessions(p.entries["training"], upcoming=True)
    assert len(events) == len(sessions) > 0
    for event, (_, session) in zip(events, sessions, strict=True):
        assert event.decoded("DTSTART") == session["start"]
        assert event.decoded("DTEND") == session["end"]
        assert str(event.get("LOCATION")) == session["location"]
    course = next(c for c in p.catalog.courses() if p.catalog.modules(c))
    per_course = icalendar.Calendar.from_ical(files[f"{CALENDARS}/kurser/{course.id}.ics"].encode())
    expected = p.catalog.sessions([course, *p.catalog.modules(course)], upcoming=True)
    assert len(per_course.walk("VEVENT")) == len(expected) > 1


def test_uids_stable_across_builds() -> None:
    """Another build day changes DTSTAMP, never a UID."""

    def uids(as_of: dt.date) -> list[str]:
        text = calendars(portal(as_of), SITE)[f"{CALENDARS}/utbildning.ics"]
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]

    today, tomorrow = uids(AS_OF), uids(AS_OF + dt.timedelta(days=1))
    assert today == tomorrow[: len(today)] and len(set(today)) == len(today)


def test_crlf_and_lines_of_at_most_75_octets(made: tuple[Portal, dict[str, str]]) -> None:
    _, files = made
    for path, text in ics_files(files).items():
        raw = text.encode("utf-8")
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), path
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # never split inside a character


def test_folding_and_escaping() -> None:
    value = "DESCRIPTION:" + "Förändringsledarskap på Kommunalförbundet, Skövde; " * 6
    folded = fold(value)
    lines = folded.encode("utf-8").split(b"\r\n")
    assert len(lines) > 1 and all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    assert folded.replace("\r\n ", "") == value
    assert fold("kort") == "kort"
    assert _text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_summer_and_winter_times_are_local() -> None:
    p = portal(dt.date(2027, 1, 1))
    course = p.catalog.courses()[0]
    zone = ZoneInfo(STOCKHOLM)
    course.data["sessions"] = [
        {
            "start": dt.datetime(2027, 1, 20, 9, 0, tzinfo=zone),
            "end": dt.datetime(2027, 1, 20, 16, 0, tzinfo=zone),
            "location": "Stadshuset, Skara",
        },
        {
            "start": dt.datetime(2027, 6, 10, 9, 0, tzinfo=zone),
            "end": dt.datetime(2027, 6, 10, 16, 0, tzinfo=zone),
            "location": "Digitalt",
        },
    ]
    text = calendars(p, SITE)[f"{CALENDARS}/kurser/{course.id}.ics"]
    assert f"DTSTART;TZID={STOCKHOLM}:20270120T090000\r\n" in text
    assert f"DTSTART;TZID={STOCKHOLM}:20270610T090000\r\n" in text
    assert f"UID:{course.id}-20270120T080000Z@" in text  # UTC in the UID: +01:00 in winter
    assert f"UID:{course.id}-20270610T070000Z@" in text  # … and +02:00 in summer
    assert "LOCATION:Stadshuset\\, Skara\r\n" in text
