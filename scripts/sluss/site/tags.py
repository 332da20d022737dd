"""The tags of the published items: which items carry each, the folder of each tag's
page and the alphabetical index of the tags page."""

from __future__ import annotations

from functools import cached_property

from sluss.core.text import slugify, sv_key
from sluss.site.entry import GENERATED, Entry
from sluss.site.published import Published

# The order items come in on a tag's page.
TAGGED = ("ideas", "challenges", "innovations", "training", "support", "municipalities")
_INITIAL = str.maketrans({"é": "e", "ü": "u"})


class Tags:
    def __init__(self, published: Published) -> None:
        self._p = published

    @cached_property
    def index(self) -> dict[str, list[Entry]]:
        """Tag → the items that carry it, the tags in Swedish alphabetical order."""
        found: dict[str, list[Entry]] = {}
        for name in TAGGED:
            for entry in self._p.entries[name]:
                for tag in entry.tags:
                    found.setdefault(tag, []).append(entry)
        return dict(sorted(found.items(), key=lambda kv: sv_key(kv[0])))

    @cached_property
    def slugs(self) -> dict[str, str]:
        """Tag → the folder name of its page: ASCII and unique (`vag`, `vag-2` when two
        tags differ only in å, ä, ö), given in alphabetical order so it stays stable."""
        slugs: dict[str, str] = {}
        taken: set[str] = set()
        for tag in self.index:
            base = slugify(tag)
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            slugs[tag] = slug
        return slugs

    def page(self, tag: str) -> str:
        """The docs path of a tag's page (the first page of its list)."""
        return f"{GENERATED}/taggar/{self.slugs[tag]}/index.md"

    def by_initial(self) -> list[tuple[str, list[str]]]:
        """The tags by their first letter, in Swedish alphabetical order (é under e,
        digits together)."""
        groups: dict[str, list[str]] = {}
        for tag in self.index:
            first = tag[:1].translate(_INITIAL)
            groups.setdefault("0–9" if first.isdigit() else first, []).append(tag)
        return sorted(groups.items(), key=lambda kv: "" if kv[0] == "0–9" else sv_key(kv[0]))

    @staticmethod
    def initial_anchor(letter: str) -> str:
        return "bokstav-" + {"å": "aa", "ä": "ae", "ö": "oe", "0–9": "siffror"}.get(letter, letter)
