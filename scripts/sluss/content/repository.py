"""A content repository as read: its configuration, items and what the checker found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sluss.content.load import Item
from sluss.core.config import Config
from sluss.core.diagnostics import ERROR, Diagnostic


@dataclass
class Repository:
    """Everything read from a content repository, with what the checker found."""

    root: Path
    config: Config
    items: dict[str, dict[str, Item]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def has_errors(self) -> bool:
        return any(d.level == ERROR for d in self.diagnostics)

    def published(self, collection: str) -> list[Item]:
        return [i for _, i in sorted(self.items.get(collection, {}).items()) if not i.draft]
