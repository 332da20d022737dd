"""One registry of everything the portal publishes.

An output turns the environment (the published view and the site's address) into
files: `{docs-relative path: text or bytes}`. `sluss build`, `sluss export` and the
preview all ask this list, so what they publish cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from sluss.content.federation import RemotePortal
from sluss.core.config import Config
from sluss.outputs.calendars import calendars
from sluss.outputs.charts import charts
from sluss.outputs.editor import admin_files
from sluss.outputs.feeds import feeds
from sluss.outputs.idea_form import form_files
from sluss.outputs.open_data import open_data
from sluss.outputs.pages import Renderer
from sluss.outputs.publiccode import publiccode_files
from sluss.site.portal import Portal

Files = Mapping[str, str | bytes]


@dataclass(frozen=True)
class Environment:
    """What every output is made from."""

    portal: Portal
    site_url: str  # `site_url` of mkdocs.yml; '' leaves the links relative
    # Other regions' portals (`federation:` in sluss.yml), as last fetched into the cache:
    # shown beside this portal's items, never as its own, never in its open data.
    network: tuple[RemotePortal, ...] = ()

    @property
    def config(self) -> Config:
        return self.portal.config

    @cached_property
    def renderer(self) -> Renderer:
        """The page renderer, kept by the preview to redo one item's page quickly."""
        return Renderer(self.portal, network=self.network)


@dataclass(frozen=True)
class Output:
    name: str
    make: Callable[[Environment], Files]
    data: bool = False  # open data: also written by `sluss export`
    stage: str = "pages"  # the build stage it is timed under


OUTPUTS: tuple[Output, ...] = (
    Output("pages", lambda env: env.renderer.pages()),
    Output("charts", lambda env: charts(env.portal)),
    Output("open data", lambda env: open_data(env.portal, env.site_url), True, "exports"),
    Output("publiccode", lambda env: publiccode_files(env.portal, env.site_url), True, "exports"),
    Output("feeds", lambda env: feeds(env.portal, env.site_url), True, "exports"),
    Output("calendars", lambda env: calendars(env.portal, env.site_url), True, "exports"),
    # The web editor (/admin/): MkDocs copies docs/admin/ as static files, so the local
    # preview has it too. Generated from the model; git-ignored.
    # The choices of the "Lämna en idé" form, read by its script.
    Output("idea form", lambda env: form_files(env.portal)),
    Output("editor", lambda env: admin_files(env.config, env.site_url), stage="exports"),
)


def data_outputs() -> tuple[Output, ...]:
    return tuple(o for o in OUTPUTS if o.data)


def render(env: Environment, outputs: Sequence[Output] = OUTPUTS) -> dict[str, str | bytes]:
    """Every file of the given outputs; a path made twice is a bug, not a choice."""
    files: dict[str, str | bytes] = {}
    for output in outputs:
        made = output.make(env)
        clash = files.keys() & made.keys()
        if clash:
            raise ValueError(f"{output.name} makes files another output made: {sorted(clash)}")
        files.update(made)
    return files
