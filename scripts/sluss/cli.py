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

from .check import check_repository
from .diagnostics import ERROR, format_github, format_json, format_text, summary
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

    schema = with_root(commands.add_parser("schema", help="skriv JSON Schema för varje samling"))
    schema.add_argument("--out", default="schema", help="mapp att skriva till (standard: schema)")

    build = with_root(
        commands.add_parser("build", help="kontrollera, generera sidor och bygg site/")
    )
    build.add_argument("--site-dir", default="site", help="utdatamapp (standard: site)")

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
        if args.command == "check":
            return run_check(root.resolve(), args.lang, args.format, args.strict)
        if args.command == "schema":
            repo_config = check_repository(root.resolve()).config
            for path in write_schemas(root / args.out, repo_config.vocabularies):
                print(path.as_posix())
            return EXIT_OK
        from .build import run_build, run_serve  # the site needs MkDocs; `check` does not

        if args.command == "build":
            return run_build(root.resolve(), Path(args.site_dir), args.lang)
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


def run_check(root: Path, lang: str, fmt: str, strict: bool) -> int:
    repo = check_repository(root)
    found = repo.diagnostics
    if fmt == "json":
        print(format_json(found, lang))
    else:
        text = format_github(found, lang) if fmt == "github" else format_text(found, lang)
        if text:
            print(text)
        print(summary(found, repo.files, lang))
    failed = any(d.level == ERROR for d in found) or (strict and bool(found))
    return EXIT_ERRORS if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
