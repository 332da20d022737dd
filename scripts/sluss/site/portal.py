"""The published portal as Python sees it: drafts gone, lookups and derivations.

Templates only lay out. Every grouping, count and derivation a page shows (is it
spread? which support helps in this phase? how long has it waited?) is computed by
one of the portal's parts:

- `relations`: links between items, both ways (site/relations.py)
- `catalog`: groupings and orders for lists and pages (site/catalog.py)
- `timelines`: what the Git history says: dates, timelines, waits (site/timelines.py)
- `stats`: counts for the statistics page and charts (site/stats.py)
- `tags`: the tag index and tag pages (site/tags.py)
- `similar`: the "Liknande" lists (site/similar.py)

Lookups by id and labels are the portal's own (site/published.py).
"""

from __future__ import annotations

import datetime as dt

from sluss.content.history import History
from sluss.content.load import Item
from sluss.content.repository import Repository
from sluss.site.catalog import Catalog
from sluss.site.entry import Entry
from sluss.site.published import Published
from sluss.site.relations import Relations
from sluss.site.similar import Similar
from sluss.site.stats import Stats
from sluss.site.tags import Tags
from sluss.site.timelines import Timelines


class Portal(Published):
    """The published items with every view derived from them."""

    relations: Relations
    catalog: Catalog
    timelines: Timelines
    stats: Stats
    tags: Tags
    similar: Similar

    def __init__(self, repo: Repository, as_of: dt.date, history: History | None = None) -> None:
        super().__init__(repo, as_of)
        self.history = history
        self._derive()

    def replace(self, item: Item) -> Entry:
        """Put an edited item in place of its older version (the preview's quick pass)."""
        entry = self.put(item)
        self._derive()
        return entry

    def _derive(self) -> None:
        """Make every derived part anew from the entries. All of them, always: a part
        kept from before an edit would show the old item (its links, tags, similar
        items) beside the new one."""
        self.relations = Relations(self)
        self.catalog = Catalog(self, self.relations)
        self.timelines = Timelines(self, self.history)
        self.stats = Stats(self, self.catalog, self.timelines)
        self.tags = Tags(self)
        self.similar = Similar(self, self.relations)
