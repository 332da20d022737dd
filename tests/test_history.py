"""The Git history in one pass (`sluss.content.history`), on real repositories made in tmp_path.

Commits carry fixed author and committer dates (noon UTC, so the Swedish date is the
same day), and an author whose name and e-mail must never reach the site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sluss.build.generate import generate
from sluss.content import history
from sluss.content.check import check_repository
from sluss.content.history import Change, History, read_history
from sluss.site.portal import Portal
from sluss.site.stale import stale_diagnostics

from support import AUTHOR, EMAIL, ROOT, build_portal, copy_portal, git, run_sluss

EPOCH = "1785585600"  # 2026-08-01 12:00 UTC: the build date of the tests


def commit(root: Path, when: str, message: str = "ändring") -> None:
    git(root, "add", "-A", when=when)
    git(root, "commit", "-q", "-m", message, when=when)


ASSESSMENT = (
    "assessment:\n  need: 4\n  effect: 4\n  evidence: 3\n  legal: 5\n  cost: 3\n"
    "  feasibility: 4\n  date: 2026-01-20\n  decision: Testa i ett år.\n"
)


def idea(
    status: str, body: str = "Brödtext.\n", extra: str = "", submitted: str = "2026-01-05"
) -> str:
    """An idea that passes the checker, whatever its status."""
    plain = status.split("#")[0].strip().strip("'\"")
    if plain in ("testing", "implemented"):
        extra += ASSESSMENT
    elif plain in ("parked", "closed"):
        extra += "status_note: Väntar på ett nytt verksamhetssystem.\n"
    return (
        "---\n"
        "title: En idé om bättre testning\n"
        "summary: En sammanfattning som är lång nog för kontrollen.\n"
        "municipality: skovde\n"
        "area: care\n"
        f"status: {status}\n"
        f"submitted: {submitted}\n"
        f"{extra}"
        "need: Ett verkligt behov som idén svarar på, beskrivet här.\n"
        "---\n"
        f"{body}"
    )


def write(root: Path, path: str, text: str, newline: str = "\n") -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.replace("\n", newline).encode("utf-8"))


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{text}T12:00:00+00:00")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copy(ROOT / "sluss.yml", root / "sluss.yml")
    (root / "municipalities").mkdir()
    for municipality in ("skovde", "hjo"):
        shutil.copy(ROOT / "municipalities" / f"{municipality}.md", root / "municipalities")
    return root


def moves(root: Path, path: str) -> list[tuple[dt.datetime, str | None, str | None]]:
    found = read_history(root).of(path)
    assert found is not None
    return [(c.date, c.old, c.new) for c in found.changes]


# --- the timeline ------------------------------------------------------------------------


def test_status_moves_with_dates_and_from_to_values(repo: Path) -> None:
    write(repo, "ideas/testning.md", idea("submitted"))
    commit(repo, "2026-01-05")
    write(repo, "ideas/testning.md", idea('"assessing"'))  # quoted values parse too
    commit(repo, "2026-02-10")
    write(repo, "ideas/testning.md", idea("'testing'  # beslut i nämnden"))
    commit(repo, "2026-03-20")
    write(repo, "ideas/testning.md", idea("testing", body="Ny brödtext.\n"))
    commit(repo, "2026-04-01")
    assert moves(repo, "ideas/testning.md") == [
        (day("2026-01-05"), None, "submitted"),
        (day("2026-02-10"), "submitted", "assessing"),
        (day("2026-03-20"), "assessing", "testing"),
    ]
    found = read_history(repo).of("ideas/testning.md")
    assert found is not None and found.committed and not found.modified_since_commit
    assert (found.created, found.updated) == (day("2026-01-05"), day("2026-04-01"))
    assert [c.new for c in found.moves] == ["assessing", "testing"]


def test_crlf_and_a_byte_order_mark_parse(repo: Path) -> None:
    write(repo, "ideas/windows.md", "\ufeff" + idea("submitted"), newline="\r\n")
    commit(repo, "2026-01-05")
    write(repo, "ideas/windows.md", "\ufeff" + idea('"assessing"'), newline="\r\n")
    commit(repo, "2026-02-01")
    assert moves(repo, "ideas/windows.md")[-1] == (day("2026-02-01"), "submitted", "assessing")


def test_only_the_front_matter_counts(repo: Path) -> None:
    """A look-alike line in the body never counts, however the front matter grows."""
    path = "ideas/lik.md"

    def version(status: str, look_alike: str, extra: str = "", fence: str = "---") -> str:
        text = idea(status, body=f"Brödtext.\n\nstatus: {look_alike}\n", extra=extra)
        return text.replace("\n---\n", f"\n{fence}\n", 1) if fence != "---" else text

    steps = [
        ("2026-01-05", version("submitted", "closed", "statuses: x\n")),
        ("2026-01-06", version("submitted", "parked", "statuses: x\ntags: [a, b]\n")),  # grows
        ("2026-01-07", version("assessing", "parked", "tags: [a, b]\n")),  # shrinks
        ("2026-01-08", version("assessing", "implemented", "tags: [a, b]\n", fence="--- ")),
        ("2026-01-09", version("assessing", "closed", "tags: [a, b]\n", fence="--- ")),
        ("2026-01-10", version("parked", "closed", "tags: [a, b]\n", fence="--- ")),
    ]
    for when, text in steps:
        write(repo, path, text)
        commit(repo, when)
    assert moves(repo, path) == [
        (day("2026-01-05"), None, "submitted"),
        (day("2026-01-07"), "submitted", "assessing"),
        (day("2026-01-10"), "assessing", "parked"),
    ]


def test_nested_and_body_lines_in_a_new_file_do_not_count(repo: Path) -> None:
    text = "---\ntitle: T\nadopters:\n  - stage: operation\n---\nstage: pilot\n"
    write(repo, "innovations/nested.md", text)
    commit(repo, "2026-01-05")
    assert moves(repo, "innovations/nested.md") == []


def test_a_status_line_moved_within_the_front_matter_is_no_change(repo: Path) -> None:
    write(repo, "ideas/flytt.md", idea("submitted"))
    commit(repo, "2026-01-05")
    text = idea("submitted").replace("status: submitted\n", "")
    write(repo, "ideas/flytt.md", text.replace("need:", "status: submitted\nneed:"))
    commit(repo, "2026-02-01")
    assert len(moves(repo, "ideas/flytt.md")) == 1


def test_innovations_follow_stage_and_challenges_status(repo: Path) -> None:
    write(repo, "innovations/app.md", "---\ntitle: App\nstage: pilot\n---\nText.\n")
    write(repo, "challenges/kö.md", "---\ntitle: Kö\nstatus: open\n---\nText.\n")
    write(repo, "training/kurs.md", "---\ntitle: Kurs\nstatus: open\n---\nText.\n")
    commit(repo, "2026-01-05")
    write(repo, "innovations/app.md", "---\ntitle: App\nstage: operation\n---\nText.\n")
    write(repo, "challenges/kö.md", "---\ntitle: Kö\nstatus: closed\n---\nText.\n")
    commit(repo, "2026-02-01")
    assert moves(repo, "innovations/app.md")[-1][1:] == ("pilot", "operation")
    assert moves(repo, "challenges/kö.md")[-1][1:] == ("open", "closed")
    assert moves(repo, "training/kurs.md") == []  # dates only


def test_a_rename_keeps_its_history(repo: Path) -> None:
    write(repo, "ideas/gammalt-namn.md", idea("submitted", body="Lång brödtext.\n" * 8))
    commit(repo, "2026-01-05")
    git(repo, "mv", "ideas/gammalt-namn.md", "ideas/nytt-namn.md")
    write(repo, "ideas/nytt-namn.md", idea("assessing", body="Lång brödtext.\n" * 8))
    commit(repo, "2026-02-01")
    found = read_history(repo)
    assert "ideas/gammalt-namn.md" not in found.files
    assert moves(repo, "ideas/nytt-namn.md") == [
        (day("2026-01-05"), None, "submitted"),
        (day("2026-02-01"), "submitted", "assessing"),
    ]


def test_a_deleted_and_re_added_file_starts_afresh(repo: Path) -> None:
    write(repo, "ideas/igen.md", idea("submitted"))
    commit(repo, "2026-01-05")
    (repo / "ideas" / "igen.md").unlink()
    write(repo, "ideas/annan.md", idea("parked", body="Helt annat.\n" * 20))
    commit(repo, "2026-02-01")
    write(repo, "ideas/igen.md", idea("testing"))
    commit(repo, "2026-03-01")
    assert moves(repo, "ideas/igen.md") == [(day("2026-03-01"), None, "testing")]


# --- uncommitted files, shallow clones, no repository ----------------------------------------


def test_uncommitted_and_modified_files(repo: Path) -> None:
    write(repo, "ideas/incheckad.md", idea("submitted"))
    commit(repo, "2026-01-05")
    write(repo, "ideas/incheckad.md", idea("assessing"))
    write(repo, "ideas/ny.md", idea("submitted"))
    found = read_history(repo)
    new, changed = found.of("ideas/ny.md"), found.of("ideas/incheckad.md")
    assert new is not None and not new.committed and new.created is None
    assert changed is not None and changed.committed and changed.modified_since_commit
    assert found.of("ideas/finns-inte.md") == history.UNCOMMITTED


def test_a_repository_without_commits(repo: Path) -> None:
    write(repo, "ideas/ny.md", idea("submitted"))
    found = read_history(repo)
    assert found.available and not found.shallow
    assert found.of("ideas/ny.md") == history.UNCOMMITTED


def test_a_shallow_clone_is_detected_and_still_has_dates(repo: Path, tmp_path: Path) -> None:
    write(repo, "ideas/grund.md", idea("submitted"))
    commit(repo, "2026-01-05")
    write(repo, "ideas/grund.md", idea("assessing"))
    commit(repo, "2026-02-01")
    write(repo, "ideas/grund.md", idea("testing"))
    commit(repo, "2026-03-01")
    for depth, expected in ((1, []), (2, [(day("2026-03-01"), "assessing", "testing")])):
        clone = tmp_path / f"grund-{depth}"
        git(tmp_path, "clone", "-q", "--depth", str(depth), f"file://{repo}", str(clone))
        found = read_history(clone)
        assert found.available and found.shallow
        file = found.of("ideas/grund.md")
        assert file is not None and file.committed
        assert file.created is None  # before the clone's horizon: unknown
        assert file.updated == day("2026-03-01")
        assert [(c.date, c.old, c.new) for c in file.changes] == expected
    assert not read_history(repo).shallow


def test_not_a_repository_and_no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "plain", "ideas/ide.md", idea("submitted"))
    found = read_history(tmp_path / "plain")
    assert (found.available, found.problem, found.of("ideas/ide.md")) == (False, "", None)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert not read_history(tmp_path / "plain").available


def test_a_content_root_below_the_repository_top(repo: Path) -> None:
    write(repo, "portal/ideas/under.md", idea("submitted"))
    commit(repo, "2026-01-05")
    write(repo, "portal/ideas/under.md", idea("parked"))
    found = read_history(repo / "portal").of("ideas/under.md")
    assert found is not None and found.committed and found.modified_since_commit


def test_one_git_log_process_for_the_whole_repository(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(12):
        write(repo, f"ideas/ide-{n}.md", idea("submitted"))
    commit(repo, "2026-01-05")
    for n in range(12):
        write(repo, f"ideas/ide-{n}.md", idea("assessing"))
    commit(repo, "2026-02-01")
    calls: list[list[str]] = []  # every process: subprocess.run starts a Popen too

    class Popen(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, args: list[str], **kwargs: object) -> None:
            calls.append(list(args))
            super().__init__(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history.subprocess, "Popen", Popen)
    found = read_history(repo)
    assert len(found.files) == 12 + 2  # and the two municipalities
    logs = [c for c in calls if "log" in c]
    assert len(logs) == 1 and len(calls) == 3  # rev-parse, log, status
    assert not any("%an" in a or "%ae" in a for a in logs[0])


# --- the portal: waiting times, statistics -------------------------------------------------


def import_then_months_of_work(repo: Path) -> None:
    """A region moves its ideas into the portal in one commit, then works on for months."""
    write(
        repo,
        "ideas/infoerd.md",
        idea("implemented", extra="status_date: 2025-11-10\n", submitted="2025-02-11"),
    )
    write(repo, "ideas/vaentar.md", idea("submitted", submitted="2025-12-01"))
    write(
        repo,
        "ideas/bedoems.md",
        idea("assessing", extra="status_date: 2026-01-10\n", submitted="2025-10-01"),
    )
    commit(repo, "2026-02-01", "Idéerna flyttas in i portalen")
    write(repo, "ideas/vaentar.md", idea("assessing", submitted="2025-12-01"))
    commit(repo, "2026-03-02", "Bedöms")
    # Recorded a week late: the decision's day is in `status_date` of the same commit.
    write(
        repo,
        "ideas/bedoems.md",
        idea("testing", extra="status_date: 2026-04-20\n", submitted="2025-10-01"),
    )
    commit(repo, "2026-04-27", "Testas sedan nämndens beslut")
    write(repo, "ideas/vaentar.md", idea("testing", submitted="2025-12-01"))
    commit(repo, "2026-06-01", "Testas")


def test_an_import_commit_is_an_entry_never_a_status_change(repo: Path) -> None:
    import_then_months_of_work(repo)
    p = portal_of(repo)
    infoerd, vaentar, bedoems = (p.get("ideas", i) for i in ("infoerd", "vaentar", "bedoems"))
    assert infoerd and vaentar and bedoems
    rows = [(e.date, e.what, e.status) for e in p.timelines.events(infoerd)]
    assert rows == [
        (dt.date(2025, 2, 11), "Idén lämnades in", "Inkommen"),
        (dt.date(2025, 11, 10), "Status ändrad (enligt idéfilen)", "Införd"),
        (dt.date(2026, 2, 1), "Lades in i portalen", "Införd"),
    ]
    assert not any("→" in status for _, _, status in rows)
    events = [
        (day, old, new) for day, e, old, new in p.timelines.status_events() or () if e is infoerd
    ]
    assert events == [(dt.date(2025, 11, 10), None, "implemented")]  # the feed says so too
    assert p.timelines.status_date(infoerd) == dt.date(2025, 11, 10)
    # Later changes are real changes, dated by their commits …
    assert p.timelines.points(vaentar) == [
        (dt.date(2025, 12, 1), "submitted"),
        (dt.date(2026, 3, 2), "assessing"),
        (dt.date(2026, 6, 1), "testing"),
    ]
    # … or by a `status_date` written in the same commit.
    assert p.timelines.points(bedoems) == [
        (dt.date(2025, 10, 1), "submitted"),
        (dt.date(2026, 1, 10), "assessing"),
        (dt.date(2026, 4, 20), "testing"),
    ]
    assert [e.status for e in p.timelines.events(bedoems)][-1] == "Under bedömning → Testas"
    assert p.timelines.days_in_status(bedoems) == 103


def test_time_in_each_status_after_an_import(repo: Path) -> None:
    import_then_months_of_work(repo)
    times = {t.status: t for t in portal_of(repo).timelines.status_times()}
    # Inkommen: vaentar 2025-12-01 → 2026-03-02 (91), bedoems 2025-10-01 → 2026-01-10 (101).
    assert (times["submitted"].finished, times["submitted"].finished_days) == (2, "96")
    # Under bedömning: vaentar 03-02 → 06-01 (91), bedoems 01-10 → 04-20 (100).
    assert (times["assessing"].finished, times["assessing"].finished_days) == (2, "95,5")
    # Testas: infoerd from its assessment (2026-01-20, after status_date: not used) –
    # so its Testas stay is unknown; the two tested ideas are still testing.
    assert (times["testing"].finished, times["testing"].ongoing) == (0, 2)
    assert times["implemented"].ongoing_days == str(
        (dt.date(2026, 8, 1) - dt.date(2025, 11, 10)).days
    )


def test_an_entry_status_without_status_date_says_its_day_is_unknown(repo: Path) -> None:
    write(repo, "ideas/utan-datum.md", idea("assessing", submitted="2025-06-01"))
    commit(repo, "2026-02-01", "Idéerna flyttas in i portalen")
    p = portal_of(repo)
    found = p.get("ideas", "utan-datum")
    assert found is not None
    assert [(e.date, e.what) for e in p.timelines.events(found)][1:] == [
        (
            dt.date(2025, 6, 1),
            "Status när idén lades in (filen anger inte när den ändrades)",
        ),
        (dt.date(2026, 2, 1), "Lades in i portalen"),
    ]


def test_a_status_date_outside_the_steps_is_not_used(repo: Path) -> None:
    write(repo, "ideas/sen.md", idea("submitted", submitted="2026-01-05"))
    commit(repo, "2026-02-01")
    write(
        repo,
        "ideas/sen.md",
        idea("assessing", extra="status_date: 2026-05-01\n", submitted="2026-01-05"),
    )
    commit(repo, "2026-03-01")  # a status_date after the commit: the commit's day counts
    sen = portal_of(repo).get("ideas", "sen")
    assert sen and portal_of(repo).timelines.points(sen)[-1] == (dt.date(2026, 3, 1), "assessing")


def portal_of(root: Path, as_of: str = "2026-08-01") -> Portal:
    repo = check_repository(root, today=dt.date.fromisoformat(as_of))
    assert not repo.has_errors, [d.message() for d in repo.diagnostics]
    return Portal(repo, dt.date.fromisoformat(as_of), read_history(root))


def test_waiting_days_come_from_the_latest_status_change(repo: Path) -> None:
    write(repo, "ideas/flyttad.md", idea("submitted", submitted="2026-01-02"))
    write(repo, "ideas/stilla.md", idea("submitted", submitted="2026-03-01"))
    write(repo, "ideas/gammal.md", idea("assessing", extra="status_date: 2026-02-01\n"))
    commit(repo, "2026-03-02")
    write(repo, "ideas/flyttad.md", idea("assessing", submitted="2026-01-02"))
    commit(repo, "2026-04-01")
    p = portal_of(repo)
    flyttad, stilla, gammal = (p.get("ideas", i) for i in ("flyttad", "stilla", "gammal"))
    assert flyttad and stilla and gammal
    assert p.timelines.status_date(flyttad) == dt.date(2026, 4, 1)  # from Git
    assert p.timelines.status_date(stilla) == dt.date(2026, 3, 1)  # never moved: `submitted`
    assert p.timelines.status_date(gammal) == dt.date(2026, 2, 1)  # never moved: `status_date`
    assert p.timelines.days_in_status(flyttad) == 122
    waiting = {w.idea.id: (w.days, w.limit) for _, ws in p.timelines.stale_ideas() for w in ws}
    assert waiting == {"flyttad": (122, 90), "stilla": (153, 30), "gammal": (181, 90)}
    times = {t.status: t for t in p.timelines.status_times()}
    # flyttad: submitted from 2026-01-02 (its `submitted`, before the commit) to 04-01;
    # gammal came in as assessing: submitted from 01-05 to its `status_date`, 02-01.
    assert (times["submitted"].finished, times["submitted"].finished_median) == (2, 58)
    assert (times["assessing"].ongoing, times["assessing"].ongoing_days) == (2, "151,5")
    quarters = dict(p.stats.status_changes_per_quarter())
    assert quarters["2026 K1"][:2] == [3, 1] and quarters["2026 K2"][:2] == [0, 1]


def test_the_timeline_shows_an_uncommitted_change_last(repo: Path) -> None:
    write(repo, "ideas/pagaende.md", idea("submitted"))
    commit(repo, "2026-01-05")
    write(repo, "ideas/pagaende.md", idea("testing"))
    write(repo, "ideas/ny.md", idea("submitted"))
    p = portal_of(repo)
    events = p.timelines.events(p.get("ideas", "pagaende"))  # type: ignore[arg-type]
    assert [(e.date, e.what, e.status) for e in events] == [
        (dt.date(2026, 1, 5), "Idén lämnades in", "Inkommen"),
        (dt.date(2026, 1, 5), "Lades in i portalen", "Inkommen"),
        (None, "Ej incheckad ännu", "Inkommen → Testas"),
    ]
    assert p.timelines.status_date(p.get("ideas", "pagaende")) == dt.date(2026, 8, 1)  # type: ignore[arg-type]
    assert [(e.date, e.status) for e in p.timelines.events(p.get("ideas", "ny"))] == [  # type: ignore[arg-type]
        (dt.date(2026, 1, 5), "Inkommen"),
        (None, "Inkommen"),
    ]


def test_without_history_the_portal_falls_back_to_the_files(repo: Path) -> None:
    write(repo, "ideas/utan.md", idea("assessing", extra="status_date: 2026-02-01\n"))
    p = Portal(check_repository(repo, today=dt.date(2026, 8, 1)), dt.date(2026, 8, 1), History())
    utan = p.get("ideas", "utan")
    assert utan is not None and p.timelines.history_state == "none"
    assert (p.timelines.events(utan), p.timelines.created(utan), p.timelines.status_date(utan)) == (
        [],
        None,
        dt.date(2026, 2, 1),
    )
    assert [w.idea.id for _, ws in p.timelines.stale_ideas() for w in ws] == ["utan"]


def test_check_stale_warns(repo: Path) -> None:
    write(repo, "ideas/vantar.md", idea("submitted", submitted="2026-01-02"))
    commit(repo, "2026-01-05")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    plain = run_sluss("check", repo, cwd=repo, env=env)
    stale = run_sluss("check", "--stale", repo, cwd=repo, env=env)
    strict = run_sluss("check", "--stale", "--strict", repo, cwd=repo, env=env)
    assert "stale-idea" not in plain.stdout
    assert stale.returncode == 0, stale.stdout + stale.stderr
    assert (
        "ideas/vantar.md:6:9: warning[stale-idea]: idén har väntat 211 dagar med status "
        "Inkommen (sedan 2026-01-02; gränsen är 30)"
    ) in stale.stdout
    assert strict.returncode == 1
    found = stale_diagnostics(portal_of(repo))
    assert [d.message("en") for d in found] == [
        "the idea has waited 211 days with the status Submitted (since 2026-01-02; limit 30)"
    ]


def test_stale_limits_come_from_the_configuration(repo: Path) -> None:
    write(repo, "ideas/vantar.md", idea("submitted", submitted="2026-01-02"))
    config = (repo / "sluss.yml").read_text(encoding="utf-8")
    (repo / "sluss.yml").write_text(
        config.replace("  submitted: 30\n", "  submitted: 400\n"), encoding="utf-8"
    )
    assert portal_of(repo).timelines.stale_ideas() == []
    (repo / "sluss.yml").write_text(config + "  implemented: x\n", encoding="utf-8")
    assert any(d.code == "config" for d in check_repository(repo).diagnostics)


# --- the built site ------------------------------------------------------------------------


def page(root: Path, path: str) -> str:
    return (root / "docs" / "slussen" / path).read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_build_shows_dates_timeline_and_waiting_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_portal(tmp_path / "portal")
    git(root, "init", "-q")
    commit(root, "2026-01-02", "Exempelinnehållet")
    write(root, "ideas/sparad-ide.md", idea("submitted", submitted="2026-01-05"))
    commit(root, "2026-01-10", "Ny idé")
    write(root, "ideas/sparad-ide.md", idea("assessing", submitted="2026-01-05"))
    commit(root, "2026-02-14", "Bedöms")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert generate(root, quiet=True) is not None

    text = page(root, "ideer/sparad-ide.md")
    assert "*I portalen sedan 2026-01-10 · Senast ändrad 2026-02-14*" in text
    assert (
        "| 2026-01-05 | Idén lämnades in | Inkommen |\n"
        "| 2026-01-10 | Lades in i portalen | Inkommen |\n"
        "| 2026-02-14 | Ändrades | Inkommen → Under bedömning |"
    ) in text
    assert "Under bedömning</span> sedan 2026-02-14" in text
    laget = page(root, "laget.md")
    assert "### Skövde" in laget and "[En idé om bättre testning](ideer/sparad-ide.md)" in laget
    assert "| Under bedömning | 2026-02-14 | 168 |" in laget
    feed = (root / "docs" / "slussen" / "feeds" / "statusandringar.atom").read_text("utf-8")
    assert "En idé om bättre testning: Inkommen → Under bedömning" in feed  # from Git

    write(root, "ideas/sparad-ide.md", idea("testing", submitted="2026-01-05"))
    commit(root, "2026-03-01", "Testas")
    assert generate(root, quiet=True) is not None
    text = page(root, "ideer/sparad-ide.md")
    assert "| 2026-03-01 | Ändrades | Under bedömning → Testas |" in text
    assert "ideer/sparad-ide.md" not in page(root, "laget.md")  # no longer waiting

    built = build_portal(root, epoch=EPOCH)
    assert built.returncode == 0, built.stdout + built.stderr
    html = (root / "site" / "slussen" / "ideer" / "sparad-ide" / "index.html").read_text("utf-8")
    assert "Historik" in html and "I portalen sedan 2026-01-10" in html
    # The sanitiser keeps the path's marking of the current step.
    assert 'aria-current="step"><span class="sluss-steps__name">Testas</span>' in html
    for path in (root / "site").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in (AUTHOR, EMAIL, "Hemlighetsfull", "hemlig.forfattare"):
                assert secret.encode() not in data, (path, secret)


def test_a_shallow_build_warns_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = copy_portal(tmp_path / "portal")
    git(source, "init", "-q")
    commit(source, "2026-01-02")
    write(source, "ideas/sparad-ide.md", idea("assessing", submitted="2026-01-05"))
    commit(source, "2026-02-14")
    clone = tmp_path / "klon"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    errors: list[str] = []
    monkeypatch.setattr(sys, "stderr", _Collect(errors))
    assert generate(clone, quiet=True) is not None
    assert generate(clone, quiet=True) is not None
    assert sum("grund klon" in e for e in errors) == 1
    assert "ofullständig versionshistorik" in page(clone, "laget.md")
    text = page(clone, "ideer/sparad-ide.md")
    assert "Senast ändrad 2026-02-14" in text and "I portalen sedan" not in text


class _Collect:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> int:
        self.into.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_the_change_type_has_no_author() -> None:
    fields = set(Change.__dataclass_fields__) | set(history.FileHistory.__dataclass_fields__)
    assert not any("author" in f or "mail" in f or "name" in f for f in fields)


def test_an_innovations_history_has_its_own_dates_and_git_changes_in_order(
    tmp_path: Path,
) -> None:
    root = copy_portal(tmp_path / "portal")
    git(root, "init", "-q")
    commit(root, "2026-01-02", "Exempelinnehållet")
    path = root / "innovations" / "nyckelfri-hemtjanst.md"
    path.write_text(path.read_text("utf-8").replace("stage: operation", "stage: pilot"), "utf-8")
    commit(root, "2026-04-01", "Tillbaka till pilot")
    p = portal_of(root, as_of="2026-12-01")
    innovation = p.get("innovations", "nyckelfri-hemtjanst")
    assert innovation is not None
    rows = [(e.date, e.what, e.status) for e in p.timelines.events(innovation)]
    assert rows[0] == (dt.date(2025, 4, 22), "Arbetet startade", "")
    assert (dt.date(2026, 1, 2), "Lades in i portalen", "I drift") in rows
    # Dated by its commit, even though an adopter's `since` comes later.
    assert (dt.date(2026, 4, 1), "Ändrades", "I drift → Pilot") in rows
    assert rows == sorted(rows, key=lambda r: r[0])
