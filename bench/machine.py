"""The machine a benchmark ran on, for the line recorded in bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe() -> str:
    return (
        f"{os.cpu_count()} CPUs (`nproc`), {platform.machine()}, {cpu_model()}, "
        f"Python {sys.version.split()[0]}"
    )


def thousands(n: int) -> str:
    """10 000 with a narrow no-break space, as Swedish and SI style write it."""
    return f"{n:,}".replace(",", "\u202f")
