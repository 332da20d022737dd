"""SVG charts drawn at build time: no script, no external font, always beside a table.

Each chart is a standalone SVG file shown with an <img> and an alt text; the
page puts the same numbers in a table, the text alternative WCAG asks for.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from sluss.site.entry import GENERATED
from sluss.site.portal import Portal

BAR = "#1f5f8b"  # 7.0:1 against white
TEXT = "#1a1a1a"
ROW = 28
LABEL_WIDTH = 300
BAR_WIDTH = 360


def bar_chart(rows: list[tuple[str, int]], title: str, centered: bool = False) -> str:
    """Horizontal bars, one row per (label, value); `centered` draws a funnel."""
    width = LABEL_WIDTH + BAR_WIDTH + 60
    height = ROW * len(rows) + 40
    top = max((v for _, v in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="system-ui, sans-serif" font-size="14">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="18" fill="{TEXT}" font-weight="bold">{escape(title)}</text>',
    ]
    for n, (label, value) in enumerate(rows):
        y = 30 + n * ROW
        length = round(BAR_WIDTH * value / top)
        x = LABEL_WIDTH + (BAR_WIDTH - length) / 2 if centered else LABEL_WIDTH
        parts += [
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" fill="{TEXT}" '
            f'text-anchor="end">{escape(label)}</text>',
            f'<rect x="{x:g}" y="{y + 3}" width="{length}" height="{ROW - 8}" fill="{BAR}"/>',
            f'<text x="{x + length + 6:g}" y="{y + 17}" fill="{TEXT}">{value}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def charts(portal: Portal) -> dict[str, str]:
    """The charts of the start and status pages, under slussen/diagram/."""
    statuses = [
        (portal.label("idea_status", s), n) for s, n in portal.stats.status_counts().items()
    ]
    return {
        f"{GENERATED}/diagram/tratten.svg": bar_chart(
            portal.stats.funnel(), "Slussens tratt", True
        ),
        f"{GENERATED}/diagram/per-kvartal.svg": bar_chart(
            portal.stats.ideas_per_quarter(), "Inkomna idéer per kvartal"
        ),
        f"{GENERATED}/diagram/per-status.svg": bar_chart(statuses, "Idéer per status"),
    }
