"""A builder that stops on a page: said as the builder's error and the page it was on.

MkDocs raises whatever its Markdown renderer raises (a RecursionError, say) after
logging "Error reading page 'x.md'"; ProperDocs logs the same in its own process. Let
through, such an error would read as an internal error of sluss, and the contributor
would not know which file to look at.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator

from sluss.core.model import COLLECTIONS
from sluss.site.entry import GENERATED

# MkDocs 1.6 (and ProperDocs) log this before re-raising an error on one page.
_PAGE_ERROR = re.compile(r"Error (?:reading|building|rendering) page '([^']+)'")


class BuildFailed(Exception):
    """The builder refused the generated tree (a broken link in strict mode, say), or
    stopped on `page` (a docs-relative path; '' when not known)."""

    def __init__(self, message: str, page: str = "") -> None:
        super().__init__(message)
        self.page = page

    def explained(self, label: str) -> str:
        """What `sluss build` prints, in Swedish."""
        if not self.page:
            return f"sluss: {label}-bygget misslyckades: {self}"
        return f"sluss: Bygget stoppade på sidan {self.page}{_from(self.page)}: {self}"


def page_in(output: str) -> str:
    """The page a builder's log says it stopped on ('' if none): the last one named."""
    found = _PAGE_ERROR.findall(output)
    return found[-1] if found else ""


# The last line of a Python traceback: the exception and its message.
_EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?\w*(?:Error|Exception|Exit)\b.*$", re.MULTILINE)


def output_message(output: str) -> str:
    """What a builder in its own process said: the exception it died of, when its output
    ends in a traceback (the frames are of no use to a contributor), else the end of its
    output (its warnings and why it aborted)."""
    if "Traceback (most recent call last)" in output:
        found = _EXCEPTION_LINE.findall(output)
        if found:
            return str(found[-1]).strip()
    return output[-2000:]


def builder_error(exc: BaseException) -> str:
    """The builder's own words for an exception it raised, with its kind."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class _PageErrors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.pages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        page = page_in(record.getMessage())
        if page:
            self.pages.append(page)


@contextlib.contextmanager
def pages_failed() -> Iterator[list[str]]:
    """The pages MkDocs logs an error on while the block runs (in this process)."""
    handler = _PageErrors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.pages
    finally:
        logger.removeHandler(handler)


def _from(page: str) -> str:
    """' (från ideas/x.md)' for an item's generated page: the file to change."""
    parts = page.split("/")
    if len(parts) == 3 and parts[0] == GENERATED and parts[2].endswith(".md"):
        for name, collection in COLLECTIONS.items():
            if collection.slug_sv == parts[1]:
                return f" (från {name}/{parts[2]})"
    return ""
