"""`sluss federation fetch`: read the other sluices' open data into the cache.

`sluss build` runs the same fetch before it generates (or, with `--offline`, only reads
the cache). A portal that cannot be read is a warning, never a failed build: the other
regions' servers are not this portal's to fix.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sluss.content.federation import FederationReport, offline_report, update_federation
from sluss.core.config import load_config, read_site_url
from sluss.core.diagnostics import format_text

EXIT_OK, EXIT_WARNINGS = 0, 1


def run(root: Path, lang: str = "sv") -> int:
    """Exit 1 when a portal could not be read fully (for a scheduled job to notice)."""
    report = fetch(root, lang, offline=False, show_config_problems=True)
    return EXIT_WARNINGS if report.warnings else EXIT_OK


def fetch(
    root: Path, lang: str, offline: bool, show_config_problems: bool = False
) -> FederationReport:
    """Update the cache (or only read it, offline), print the warnings and a summary.
    A wrong entry in sluss.yml is left out; `sluss build` says so with the check."""
    config, problems = load_config(root)
    federation_problems = [d for d in problems if "federation" in d.message(lang)]
    if federation_problems and show_config_problems:
        print(format_text(federation_problems, lang), file=sys.stderr)
    if not config.federation:
        return FederationReport()
    site_url = read_site_url(root)
    if offline:
        report = offline_report(root, config, site_url)
    else:
        report = update_federation(root, config, site_url)
    for warning in report.warnings:
        print(f"sluss: varning: {warning}", file=sys.stderr)
    print(_summary(report, offline))
    return report


def _summary(report: FederationReport, offline: bool) -> str:
    items = sum(len(p.innovations) + len(p.challenges) for p in report.portals)
    how = "från den sparade kopian" if offline else "hämtade"
    return (
        f"sluss: nätverk av slussar: {len(report.portals)} slussar, "
        f"{items} innovationer och utmaningar {how}."
    )
