"""The web editor at /admin/: Decap CMS, configured from the content model.

Nothing here lists a field: the editor's collections, widgets, options, hints
and defaults are derived from `model` (and the areas from sluss.yml), so the
editor can never offer a value the checker refuses. The editor's script is
vendored in `assets/` and served by the site itself (no CDN).
"""

from __future__ import annotations

import html
import importlib.resources
import urllib.parse
from typing import Any

import yaml

from sluss.content.new_item import dated_today, sections, starting_value
from sluss.core.config import Config
from sluss.core.kinds import HTTPS_ONLY, KINDS, KindInfo, Limits
from sluss.core.model import COLLECTIONS, Collection, Field, Vocabularies
from sluss.site.entry import page_of

DECAP_VERSION = "3.16.3"
BUNDLE = f"decap-cms-{DECAP_VERSION}.js"
# Where uploads land and how fields refer to them: repository paths, as `path:` fields want.
MEDIA_FOLDER = "docs/material"
# The toolbar of the body editor: headings, lists, links; no images or raw HTML, which
# the site would not show (and the checker refuses scripts).
BODY_BUTTONS = [
    "bold",
    "italic",
    "link",
    "heading-two",
    "heading-three",
    "quote",
    "bulleted-list",
    "numbered-list",
]


def admin_files(config: Config, site_url: str = "", auth_url: str = "") -> dict[str, bytes]:
    """The editor's files, keyed by their path in the built site. `auth_url` is the
    OAuth service that logs contributors in to GitHub (GitHub Pages cannot)."""
    assets = importlib.resources.files("sluss.outputs") / "assets"
    return {
        "admin/index.html": index_html(config).encode("utf-8"),
        "admin/config.yml": config_yaml(config, site_url, auth_url).encode("utf-8"),
        "admin/config-lokal.yml": config_yaml(config, site_url, auth_url, local=True).encode(),
        "admin/decap-cms.js": (assets / BUNDLE).read_bytes(),
        "admin/decap-cms.js.LICENSE.txt": (assets / f"{BUNDLE}.LICENSE.txt").read_bytes()
        + b"\n"
        + (assets / "decap-cms-LICENSE.txt").read_bytes(),
    }


def index_html(config: Config) -> str:
    name = html.escape(config.name)
    mail = html.escape(config.coordinator_email)
    fallback = f' eller skicka din idé till <a href="mailto:{mail}">{mail}</a>' if mail else ""
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Redigera innehåll – {name}</title>
  <link rel="icon" href="../assets/images/favicon.svg">
  <style>
    /* Decap's screen, made to pass WCAG 2.1 AA: a visually hidden page heading and
       darker secondary text (Decap's own grey is 3.4:1). */
    .sluss-sr-only {{ position: absolute; width: 1px; height: 1px; margin: -1px;
      overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
    [class*="ButtonText"] {{ color: #4a5160 !important; }}
  </style>
</head>
<body>
  <header><h1 class="sluss-sr-only">Webbredigerare – {name}</h1></header>
  <!-- Decap mounts itself in #nc-root: a main landmark holds the whole editor. -->
  <main id="nc-root" aria-label="Webbredigerare"></main>
  <noscript>Webbredigeraren behöver JavaScript. Slå på JavaScript{fallback}.</noscript>
  <script>
    // ?lokal: edit the files on this machine through `npx decap-server`. Only then
    // does the editor load config-lokal.yml and call the local proxy.
    if (new URLSearchParams(window.location.search).has("lokal")) {{
      var link = document.createElement("link");
      link.rel = "cms-config-url";
      link.type = "text/yaml";
      link.href = "config-lokal.yml";
      document.head.appendChild(link);
    }}
  </script>
  <script src="decap-cms.js?v={DECAP_VERSION}"></script>
</body>
</html>
"""


def config_yaml(config: Config, site_url: str = "", auth_url: str = "", local: bool = False) -> str:
    head = (
        "# Genererad av sluss från innehållsmodellen (scripts/sluss/model.py) och sluss.yml.\n"
        "# Ändra inte för hand: ändringar skrivs över vid nästa bygge.\n"
    )
    body = yaml.safe_dump(
        editor_config(config, site_url, auth_url) | {"local_backend": local},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return head + body


def editor_config(config: Config, site_url: str = "", auth_url: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "backend": backend(config, auth_url),
        # Off here; on in config-lokal.yml, which index.html loads only when the page
        # is opened with ?lokal (local editing through `npx decap-server`), so no
        # visitor's browser ever calls localhost:8081 on its own.
        "local_backend": False,
        "publish_mode": "editorial_workflow",
        "locale": "sv",
    }
    if site_url:
        out |= {"site_url": site_url, "display_url": site_url}
    out |= {
        "logo": {"src": "../assets/images/logo.svg"},
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection_config(c, config.vocabularies) for c in COLLECTIONS.values()],
    }
    return out


def backend(config: Config, auth_url: str = "") -> dict[str, Any]:
    """The Git host of `repo_url`; every change becomes a pull (merge) request there."""
    parts = urllib.parse.urlsplit(config.repo_url)
    repo = parts.path.strip("/").removesuffix(".git")
    if not repo:  # no repository configured: only local editing can work
        return {"name": "proxy", "proxy_url": "http://localhost:8081/api/v1"}
    commits = {
        action: f"{verb} {{{{path}}}} (web editor)"
        for action, verb in (
            ("create", "Add"),
            ("update", "Update"),
            ("delete", "Delete"),
            ("uploadMedia", "Upload"),
            ("deleteMedia", "Delete"),
        )
    }
    out: dict[str, Any] = {"repo": repo, "branch": config.branch, "commit_messages": commits}
    if auth_url:
        out["base_url"] = auth_url
    if "gitlab" in parts.netloc:
        out = {"name": "gitlab", **out}
        if parts.netloc != "gitlab.com":
            out["api_root"] = f"{parts.scheme}://{parts.netloc}/api/v4"
        return out
    # Open authoring: contributors without write access propose through a fork.
    return {"name": "github", **out, "open_authoring": True}


def collection_config(collection: Collection, vocab: Vocabularies) -> dict[str, Any]:
    page = page_of(collection.name, "{{slug}}").removesuffix(".md") + "/"
    return {
        "name": collection.name,
        "label": collection.label.sv,
        "label_singular": collection.singular.sv,
        "description": f"Brödtexten: {collection.body.sv}",
        "folder": collection.name,
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "preview_path": page,
        # Decap's own preview does not look like the site; the form alone is clearer.
        "editor": {"preview": False},
        "fields": [
            *(_top_field(collection, f, vocab) for f in collection.fields),
            _body(collection),
        ],
    }


def _top_field(collection: Collection, f: Field, vocab: Vocabularies) -> dict[str, Any]:
    out = widget(f, vocab, f.required)
    group = next((g for g in collection.one_of if f.name in g), None)
    if group:
        labels = " eller ".join(
            (collection.field(n) or f).label.sv.lower() for n in group if collection.field(n)
        )
        out["hint"] += f". Fyll i {labels} (minst ett av dem)"
    start = starting_value(collection, f)
    if start is not None:
        out["default"] = start
    elif dated_today(f):
        out["default"] = "{{now}}"
    return out


def _body(collection: Collection) -> dict[str, Any]:
    return {
        "label": "Brödtext",
        "name": "body",
        "widget": "markdown",
        "hint": collection.body.sv,
        "buttons": BODY_BUTTONS,
        "editor_components": [],
        "default": "\n\n".join(f"## {h}" for h in sections(collection)) + "\n",
    }


def widget(f: Field, vocab: Vocabularies, required: bool) -> dict[str, Any]:
    """One field as a Decap widget. `required` is False for every member of an optional
    object: Decap would otherwise demand them even when the object is left out
    (decap-cms#7748); the checker still requires them once the object is written."""
    out: dict[str, Any] = {"label": f.label.sv, "name": f.name}
    # "(id)" tells a file's author what to write; the editor's relation widget picks it.
    hint = f.help.sv.removesuffix(" (id)") if f.ref or (f.item and f.item.ref) else f.help.sv
    if f.required_when:
        values = " eller ".join(f.required_when.values)
        hint += f". Krävs när {f.required_when.field} är {values}"
    out |= _shape(f, vocab, required)
    out["hint"] = hint
    if not required:
        out["required"] = False
    return out


def _shape(f: Field, vocab: Vocabularies, required: bool) -> dict[str, Any]:
    kind = KINDS[f.kind]
    name = kind.widget["widget"]
    # The widgets that show more of the model than the kind: elements, members,
    # a vocabulary, another collection.
    if name == "list":
        assert f.item is not None
        return _list(f, f.item, vocab, required)
    if name == "object":
        return {
            "widget": "object",
            "collapsed": not required,  # an optional group stays out of the way until opened
            "fields": [widget(m, vocab, required and m.required) for m in f.fields],
        }
    if name == "select":
        return {"widget": "select", "options": _options(f, vocab)}
    if name == "relation":
        return _relation(f)
    out = dict(kind.widget)
    if kind.limits is Limits.VALUE:
        if f.min is not None:
            out["min"] = int(f.min) if kind.whole else f.min
        if f.max is not None:
            out["max"] = int(f.max) if kind.whole else f.max
    pattern = _pattern(f, kind)
    if pattern:
        out["pattern"] = list(pattern)
    return out


def _pattern(f: Field, kind: KindInfo) -> tuple[str, str] | None:
    if f.https_only:
        return HTTPS_ONLY
    if kind.pattern:
        return kind.pattern
    if kind.limits is Limits.LENGTH and (f.min is not None or f.max is not None):
        low = int(f.min or 0)
        high = "" if f.max is None else str(int(f.max))
        span = f"{low}–{high} tecken" if high and low else f"högst {high} tecken"
        return rf"^[\s\S]{{{low},{high}}}$", span[0].upper() + span[1:]
    return None


def _options(f: Field, vocab: Vocabularies) -> list[dict[str, str]]:
    terms = vocab.terms.get(f.vocabulary or "", {})
    return [{"label": text.sv, "value": value} for value, text in terms.items()]


def _relation(f: Field) -> dict[str, Any]:
    return {
        "widget": "relation",
        "collection": f.ref,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
    }


def _list(f: Field, item: Field, vocab: Vocabularies, required: bool) -> dict[str, Any]:
    kind = KINDS[item.kind]
    name = kind.widget["widget"]
    out: dict[str, Any]
    if name == "select":
        out = {"widget": "select", "multiple": True, "options": _options(item, vocab)}
    elif name == "relation":
        out = {**_relation(item), "multiple": True}
    elif name == "object":
        first = next((m.name for m in item.fields if m.required), item.fields[0].name)
        out = {
            "widget": "list",
            "label_singular": item.label.sv,
            "summary": f"{{{{fields.{first}}}}}",
            "collapsed": False,
            "fields": [widget(m, vocab, m.required) for m in item.fields],
        }
    elif kind.list_widget is not None:
        out = dict(kind.list_widget)
    else:
        out = {"widget": "list", "field": widget(item, vocab, True)}
    if required and f.min:
        out["min"] = int(f.min)
    return out
