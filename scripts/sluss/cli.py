"""`sluss`: check, build and serve the portal of an innovation sluice.

Exit codes: 0 fine, 1 content errors (or warnings with --strict), 2 wrong usage,
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from .check import Repository, check_repository
from .diagnostics import ERROR, Diagnostic, format_github, format_json, format_text, summary
from .model import COLLECTIONS
from .schema import write_schemas

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"sluss: fel användning: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sluss",
        description="Kontrollera, bygg och visa portalen för en innovationssluss.",
        epilog="Exempel: sluss check   ·   sluss check --format json   ·   sluss build",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    commands.required = True

    def with_root(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "root",
            nargs="?",
            default=".",
            metavar="ROOT",
            help="förrådets rot (standard: aktuell mapp)",
        )
        p.add_argument(
            "--lang",
            choices=("sv", "en"),
            default="sv",
            help="språk för meddelanden (standard: sv)",
        )
        return p

    check = with_root(commands.add_parser("check", help="kontrollera alla innehållsfiler"))
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="utdataformat: text (standard), json eller github (annoteringar)",
    )
    check.add_argument("--strict", action="store_true", help="misslyckas även på varningar")
    check.add_argument(
        "--stale",
        action="store_true",
        help="varna också för idéer som väntat för länge i en status (gränser: stale i sluss.yml)",
    )
    check.add_argument(
        "--similar",
        action="store_true",
        help="varna också för nya idéer som liknar en idé i en annan kommun "
        "(jämför alla idéer med varandra och tar längre tid)",
    )

    schema = with_root(commands.add_parser("schema", help="skriv JSON Schema för varje samling"))
    schema.add_argument("--out", default="schema", help="mapp att skriva till (standard: schema)")

    export = with_root(
        commands.add_parser(
            "export", help="skriv öppna data: JSON, CSV, scheman, katalog, flöden, kalendrar"
        )
    )
    export.add_argument(
        "--out",
        default="site",
        help="mapp att skriva till, med samma sökvägar som på webbplatsen (standard: site)",
    )

    build = with_root(
        commands.add_parser("build", help="kontrollera, generera sidor och bygg site/")
    )
    build.add_argument("--site-dir", default="site", help="utdatamapp (standard: site)")

    new = commands.add_parser(
        "new",
        help="skapa en ny post med alla fält som krävs och en kommentar vid varje",
        description="Skapar en ny innehållsfil från innehållsmodellen. Filnamnet blir titeln "
        "med små bokstäver och bindestreck (å, ä → a, ö → o). Skriver aldrig över en fil.",
        epilog='Exempel: sluss new ideas "Digitala nycklar i hemtjänsten" --municipality skovde',
    )
    new.add_argument(
        "collection",
        metavar="SAMLING",
        help=f"{', '.join(COLLECTIONS)} (eller på svenska: idé, utmaning, …)",
    )
    new.add_argument("title", metavar="TITEL", help="postens titel, inom citattecken")
    new.add_argument(
        "--municipality",
        action="extend",
        nargs="+",
        default=[],
        metavar="ID",
        help="kommunens id, t.ex. skovde; flera för en gemensam utmaning",
    )
    new.add_argument("--root", default=".", help="förrådets rot (standard: aktuell mapp)")

    serve = with_root(
        commands.add_parser("serve", help="bygg och visa lokalt, uppdateras vid ändring")
    )
    serve.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"sluss: mappen {args.root} finns inte", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "new":
            from .new import run_new

            return run_new(root.resolve(), args.collection, args.title, args.municipality)
        if args.command == "check":
            return run_check(
                root.resolve(), args.lang, args.format, args.strict, args.stale, args.similar
            )
        if args.command == "schema":
            repo_config = check_repository(root.resolve()).config
            for path in write_schemas(root / args.out, repo_config.vocabularies):
                print(path.as_posix())
            return EXIT_OK
        if args.command == "export":
            return run_export(root.resolve(), Path(args.out), args.lang)
        # The site needs MkDocs; `check` does not.
        if args.command == "build":
            from .build import run_build

            return run_build(root.resolve(), Path(args.site_dir), args.lang)
        from .preview import run_serve

        return run_serve(root.resolve(), args.port, args.lang)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug in sluss, never the contributor's fault
        if os.environ.get("SLUSS_DEBUG"):
            traceback.print_exc()
        else:
            print(
                "sluss: internt fel – det här är ett fel i verktyget, inte i ditt innehåll. "
                "Kör igen med SLUSS_DEBUG=1 och skicka utskriften till samordnaren.",
                file=sys.stderr,
            )
        return EXIT_INTERNAL


def run_check(
    root: Path, lang: str, fmt: str, strict: bool, stale: bool = False, similar: bool = False
) -> int:
    repo = check_repository(root, similar=similar)
    found = repo.diagnostics
    if stale:
        found = sorted([*found, *_stale(repo, lang)], key=Diagnostic.sort_key)
    if fmt == "json":
        print(format_json(found, lang))
    else:
        text = format_github(found, lang) if fmt == "github" else format_text(found, lang)
        if text:
            print(text)
        print(summary(found, repo.files, lang))
    failed = any(d.level == ERROR for d in found) or (strict and bool(found))
    return EXIT_ERRORS if failed else EXIT_OK


def run_export(root: Path, out: Path, lang: str) -> int:
    """The open data, feeds and calendars the build publishes, without building the site."""
    from .build import as_of_date
    from .export import open_data, read_site_url, write_files
    from .feeds import feeds
    from .ical import calendars
    from .portal import Portal

    repo = check_repository(root)
    errors = [d for d in repo.diagnostics if d.level == ERROR]
    if errors:
        print(format_text(errors, lang), file=sys.stderr)
        print(summary(repo.diagnostics, repo.files, lang), file=sys.stderr)
        return EXIT_ERRORS
    site_url = read_site_url(root)
    if not site_url:
        print("sluss: site_url saknas i mkdocs.yml – den behövs för adresserna", file=sys.stderr)
        return EXIT_USAGE
    portal = Portal(repo, as_of_date())
    files = open_data(portal, site_url) | feeds(portal, site_url) | calendars(portal, site_url)
    target = out if out.is_absolute() else root / out
    for path in write_files(target, files):
        print(path.as_posix())
    return EXIT_OK


def _stale(repo: Repository, lang: str) -> list[Diagnostic]:
    """Ideas waiting too long, judged from the Git history (one pass) and `stale:`."""
    from .build import as_of_date, warn_about_history
    from .history import read_history, stale_diagnostics
    from .portal import Portal

    history = read_history(repo.root)
    warn_about_history(repo.root, history, lang)
    return stale_diagnostics(Portal(repo, as_of_date(), history))


if __name__ == "__main__":
    sys.exit(main())
