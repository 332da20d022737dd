"""`sluss`: check, build and serve the portal of an innovation sluice.

Exit codes: 0 fine, 1 content errors (or warnings with --strict) or a disk that refuses
to be written (full, read-only), 2 wrong usage, 3 an internal error (a bug: please
report it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from sluss.core.config import BUILDER_NAMES
from sluss.core.files import WriteFailed, disk_message, is_disk_error
from sluss.core.model import COLLECTIONS

EXIT_USAGE, EXIT_INTERNAL = 2, 3


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
    build.add_argument(
        "--builder",
        choices=BUILDER_NAMES,
        help="vad som gör HTML av sidorna (standard: builder i sluss.yml, annars mkdocs)",
    )

    build.add_argument(
        "--offline",
        action="store_true",
        help="hämta inte de andra slussarnas data, använd den sparade kopian "
        "(också med miljövariabeln SLUSS_OFFLINE=1)",
    )

    federation = commands.add_parser(
        "federation",
        help="hämta andra slussars innovationer och utmaningar (federation i sluss.yml)",
        description="Hämtar innovationer och utmaningar från slussarna under federation i "
        "sluss.yml (deras öppna data, över https), kontrollerar varje post och sparar den "
        "senast godkända kopian i .sluss-cache/federation/. Inget skrivs i innehållsmapparna. "
        "sluss build gör samma hämtning före bygget. Slutkod 1 om någon sluss inte kunde "
        "läsas helt.",
        epilog="Exempel: sluss federation fetch",
    )
    federation.add_argument("action", choices=["fetch"], metavar="ÅTGÄRD", help="fetch: hämta")
    federation.add_argument("--root", default=".", help="förrådets rot (standard: aktuell mapp)")

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

    intake = commands.add_parser(
        "intake",
        help="gör en idéfil av ett meddelande från formuläret Lämna en idé",
        description="Läser ett e-postmeddelande från formuläret Lämna en idé (en sparad "
        ".eml-fil, en mbox med flera meddelanden, eller inklistrad text på standard in) och "
        "skriver idén som ideas/<titel>.md. Kontrollerar svaren och kör kontrollen på den nya "
        "filen innan något skrivs. Namn och e-post skrivs bara i filen om avsändaren svarat ja "
        "till att de visas; annars skrivs de ut här så att du kan svara. Skriver aldrig över "
        "en fil: finns namnet får det -2, -3 ….",
        epilog="Exempel: sluss intake ide.eml   ·   sluss intake - < meddelande.txt   ·   "
        "sluss intake inkorg.mbox --dry-run",
    )
    intake.add_argument(
        "source",
        metavar="FIL",
        help="meddelandet: en .eml- eller mbox-fil, eller - för att läsa från standard in",
    )
    intake.add_argument(
        "--dry-run",
        action="store_true",
        help="visa idéfilen i stället för att skriva den",
    )
    intake.add_argument(
        "--force",
        action="store_true",
        help="skriv idén även om den är nästan densamma som en idé som redan finns",
    )
    intake.add_argument("--root", default=".", help="förrådets rot (standard: aktuell mapp)")

    importer = commands.add_parser(
        "import",
        help="gör ett utkast till innovation av en publiccode.yml",
        description="Läser en publiccode.yml (standarden för offentlig programvara, version "
        "0.2–0.4) från en fil eller en https-adress och skriver ett utkast (draft: true) som "
        "innovations/<namn>.md: titel, sammanfattning, beskrivning, programvarublocket och "
        "taggar. Säger sedan vilka obligatoriska fält du själv måste fylla i. Skriver aldrig "
        "över en fil och skriver inget om filen inte går att läsa.",
        epilog="Exempel: sluss import publiccode publiccode.yml   ·   "
        "sluss import publiccode https://example.org/publiccode.yml",
    )
    importer.add_argument(
        "format", choices=["publiccode"], metavar="FORMAT", help="publiccode (publiccode.yml)"
    )
    importer.add_argument("source", metavar="FIL|ADRESS", help="en fil eller en https-adress")
    importer.add_argument(
        "--dry-run", action="store_true", help="visa utkastet i stället för att skriva det"
    )
    importer.add_argument("--root", default=".", help="förrådets rot (standard: aktuell mapp)")

    serve = with_root(
        commands.add_parser("serve", help="bygg och visa lokalt, uppdateras vid ändring")
    )
    serve.add_argument("--port", type=int, default=8000, help="port (standard: 8000)")
    serve.add_argument(
        "--builder",
        choices=BUILDER_NAMES,
        help="förhandsvisningen finns bara med mkdocs; andra: sluss build --builder …",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"sluss: mappen {args.root} finns inte", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(args, root.resolve())
    except KeyboardInterrupt:
        return 130
    except WriteFailed as exc:  # a full or read-only disk: the machine's, not a bug
        print(exc.message(), file=sys.stderr)
        return 1
    except OSError as exc:
        if not is_disk_error(exc):
            return _internal_error()
        print(disk_message(exc, root.resolve()), file=sys.stderr)
        return 1
    except Exception:  # a bug in sluss, never the contributor's fault
        return _internal_error()


def _internal_error() -> int:
    if os.environ.get("SLUSS_DEBUG"):
        traceback.print_exc()
    else:
        print(
            "sluss: internt fel – det här är ett fel i verktyget, inte i ditt innehåll. "
            "Kör igen med SLUSS_DEBUG=1 och skicka utskriften till samordnaren.",
            file=sys.stderr,
        )
    return EXIT_INTERNAL


def _run(args: argparse.Namespace, root: Path) -> int:
    """One subcommand; each imports only what it needs (`check` never loads MkDocs)."""
    if args.command == "new":
        from sluss.commands import new

        return new.run(root, args.collection, args.title, args.municipality)
    if args.command == "intake":
        from sluss.commands import intake

        return intake.run(root, args.source, args.force, args.dry_run)
    if args.command == "import":
        from sluss.commands import import_publiccode

        return import_publiccode.run(root, args.source, args.dry_run)
    if args.command == "check":
        from sluss.commands import check

        return check.run(root, args.lang, args.format, args.strict, args.stale, args.similar)
    if args.command == "schema":
        from sluss.commands import schema

        return schema.run(root, Path(args.out), args.lang)
    if args.command == "export":
        from sluss.commands import export

        return export.run(root, Path(args.out), args.lang)
    if args.command == "federation":
        from sluss.commands import federation

        return federation.run(root)
    if args.command == "build":
        from sluss.commands import build

        offline = args.offline or os.environ.get("SLUSS_OFFLINE", "") not in ("", "0")
        return build.run(root, Path(args.site_dir), args.lang, args.builder, offline)
    from sluss.commands import serve

    return serve.run(root, args.port, args.lang, args.builder)


if __name__ == "__main__":
    sys.exit(main())
