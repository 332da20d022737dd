"""Seconds per stage of a build: the summary line of `sluss build` and the benchmarks."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


class Timings(dict[str, float]):
    """Seconds per stage of a build, in the order the stages ran (for the summary line
    and the benchmarks, which time the real code path rather than a copy of it)."""

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - start
