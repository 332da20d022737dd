"""File positions of YAML marks: libyaml counts from the line after the opening `---`,
and also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, which editors do not."""

from __future__ import annotations

import yaml

_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")


def yaml_lines(source: str) -> list[tuple[int, int]] | None:
    """For each line as libyaml counts them: (file line - 2, column offset); None if the same."""
    if not any(b in source for b in _EXTRA_BREAKS):
        return None
    lines, line, column = [(0, 0)], 0, 0
    for ch in source:
        if ch == "\n":
            line, column = line + 1, 0
            lines.append((line, 0))
        else:
            column += 1
            if ch in _EXTRA_BREAKS:
                lines.append((line, column))
    return lines


def file_pos(mark: yaml.Mark | None, lines: list[tuple[int, int]] | None) -> tuple[int, int]:
    """YAML marks are 0-based and count from the line after the opening ---."""
    if mark is None:
        return 2, 1
    if lines is None or mark.line >= len(lines):
        return mark.line + 2, mark.column + 1
    line, offset = lines[mark.line]
    return line + 2, offset + mark.column + 1
