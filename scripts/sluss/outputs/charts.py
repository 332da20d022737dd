"""SVG charts drawn at build time: no script, no external font, always beside a table.

Each chart is a standalone SVG file shown with an <img> and an alt text; the
page puts the same numbers in a table, the text alternative WCAG asks for.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from sluss.site.entry import GENERATED
from sluss.site.portal import Portal
from sluss.site.stats import BIG_NEED, Assessed

BAR = "#1f5f8b"  # 7.0:1 against white
TEXT = "#1a1a1a"
# Bars are drawn with their label above them, on a chart about as wide as a phone's
# page: shown at most its own width, its 15 px text stays at 12 CSS px or more at a
# 375 px wide screen (the page is 343 px wide there), with no second, narrow chart.
WIDTH = 400
LABEL = 22  # the label's line above each bar
BAR_HEIGHT = 18
ROW = LABEL + BAR_HEIGHT + 10
BAR_WIDTH = WIDTH - 60  # room for the value after the longest bar


def bar_chart(rows: list[tuple[str, int]], title: str, centered: bool = False) -> str:
    """Horizontal bars, one row per (label, value); `centered` draws a funnel."""
    height = ROW * len(rows) + 36
    top = max((v for _, v in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="system-ui, sans-serif" font-size="15">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="18" fill="{TEXT}" font-weight="bold">{escape(title)}</text>',
    ]
    for n, (label, value) in enumerate(rows):
        y = 32 + n * ROW
        length = max(round(BAR_WIDTH * value / top), 1 if value else 0)
        x = (BAR_WIDTH - length) / 2 if centered else 0
        parts += [
            f'<text x="0" y="{y + 16}" fill="{TEXT}">{escape(label)}</text>',
            f'<rect x="{x:g}" y="{y + LABEL}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{BAR}"/>',
            f'<text x="{x + length + 6:g}" y="{y + LABEL + 14}" fill="{TEXT}">{value}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# The need/feasibility grid is drawn narrow and shown at most about its own width, so
# that its 15 px text stays at 12 CSS px or more on a 375 px wide phone.
GRID_LEFT, GRID_TOP, CELL = 58, 44, 66
DOTS_PER_ROW, DOT_GAP = 3, 19
HIGH_NEED = "#e3eef1"  # the band of big needs; text on it 14:1


def need_grid(ideas: list[Assessed], title: str) -> str:
    """Assessed ideas in a 5 × 5 grid, need (up) against feasibility (right): a filled
    dot for each idea that went on to testing or implementation, a ring for the others."""
    size = GRID_LEFT + 5 * CELL + 12
    height = GRID_TOP + 5 * CELL + 96
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {height}" '
        f'width="{size}" height="{height}" font-family="system-ui, sans-serif" font-size="15">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{size}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="20" fill="{TEXT}" font-weight="bold">{escape(title)}</text>',
        *_grid_frame(),
    ]
    cells: dict[tuple[int, int], list[bool]] = {}
    for idea in ideas:
        cells.setdefault((idea.need, idea.feasibility), []).append(idea.progressed)
    for (need, feasibility), marks in sorted(cells.items()):
        parts += _cell_dots(need, feasibility, sorted(marks, reverse=True))
    legend = GRID_TOP + 5 * CELL + 62
    parts += [
        f'<circle cx="8" cy="{legend - 5}" r="7" fill="{BAR}"/>',
        f'<text x="22" y="{legend}" fill="{TEXT}">testades eller infördes</text>',
        f'<circle cx="8" cy="{legend + 19}" r="6" fill="#ffffff" stroke="{BAR}" stroke-width="2"/>',
        f'<text x="22" y="{legend + 24}" fill="{TEXT}">övriga bedömda idéer</text>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _grid_frame() -> list[str]:
    """The band of big needs, the cells, the scores 1–5 and the axis names."""
    bottom = GRID_TOP + 5 * CELL
    band = (6 - BIG_NEED) * CELL
    parts = [
        f'<rect x="{GRID_LEFT}" y="{GRID_TOP}" width="{5 * CELL}" height="{band}" '
        f'fill="{HIGH_NEED}"/>',
    ]
    for n in range(6):
        x, y = GRID_LEFT + n * CELL, GRID_TOP + n * CELL
        parts += [
            f'<line x1="{x}" y1="{GRID_TOP}" x2="{x}" y2="{bottom}" stroke="#8a9499"/>',
            f'<line x1="{GRID_LEFT}" y1="{y}" x2="{GRID_LEFT + 5 * CELL}" y2="{y}" '
            f'stroke="#8a9499"/>',
        ]
    for score in range(1, 6):
        column = GRID_LEFT + (score - 0.5) * CELL
        row = GRID_TOP + (5.5 - score) * CELL + 5
        parts += [
            f'<text x="{column:g}" y="{bottom + 20}" fill="{TEXT}" '
            f'text-anchor="middle">{score}</text>',
            f'<text x="{GRID_LEFT - 8}" y="{row:g}" fill="{TEXT}" text-anchor="end">{score}</text>',
        ]
    middle = GRID_TOP + 2.5 * CELL
    parts += [
        f'<text x="{GRID_LEFT + 2.5 * CELL:g}" y="{bottom + 40}" fill="{TEXT}" '
        'text-anchor="middle">Genomförbarhet →</text>',
        f'<text x="18" y="{middle:g}" fill="{TEXT}" text-anchor="middle" '
        f'transform="rotate(-90 18 {middle:g})">Behov →</text>',
    ]
    return parts


def _cell_dots(need: int, feasibility: int, marks: list[bool]) -> list[str]:
    """One cell's ideas: filled dots first; a number when there are more than fit."""
    left = GRID_LEFT + (feasibility - 1) * CELL
    top = GRID_TOP + (5 - need) * CELL
    if len(marks) > DOTS_PER_ROW * DOTS_PER_ROW:
        done = sum(marks)
        return [
            f'<text x="{left + CELL / 2:g}" y="{top + CELL / 2 + 5:g}" fill="{TEXT}" '
            f'text-anchor="middle">{done} av {len(marks)}</text>'
        ]
    out = []
    start = (CELL - (DOTS_PER_ROW - 1) * DOT_GAP) / 2
    for n, progressed in enumerate(marks):
        x = left + start + (n % DOTS_PER_ROW) * DOT_GAP
        y = top + start + (n // DOTS_PER_ROW) * DOT_GAP
        fill = BAR if progressed else "#ffffff"
        out.append(
            f'<circle cx="{x:g}" cy="{y:g}" r="{7 if progressed else 6}" fill="{fill}" '
            f'stroke="{BAR}" stroke-width="2"/>'
        )
    return out


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
        f"{GENERATED}/diagram/behov.svg": need_grid(
            portal.stats.choices.assessed(), "Bedömda idéer: behov och genomförbarhet"
        ),
    }
