"""The web editor at /admin/: Sveltia CMS, configured from the content model and sluss.yml.

Nothing here lists a field: the editor's collections, widgets, options, hints
and defaults are derived from `model` (and the areas from sluss.yml), so the
editor can never offer a value the checker refuses. Where it saves and how staff
sign in come from `editor:` in sluss.yml. The editor's script, its Swedish texts and
its fonts are vendored in `assets/` and served by the site itself: the page asks no
other host for anything but the Git host's API (why Sveltia: EDITOR.md).
"""

from __future__ import annotations

import html
import importlib.resources
import json
import urllib.parse
from typing import Any

import yaml

from sluss.content.new_item import dated_today, sections, starting_value
from sluss.core.config import Config
from sluss.core.editor_settings import EditorSettings
from sluss.core.kinds import HTTPS_ONLY, KINDS, KindInfo, Limits, refused_pattern
from sluss.core.model import COLLECTIONS, Collection, Field, Vocabularies
from sluss.site.entry import page_of

SVELTIA_VERSION = "0.221.1"
BUNDLE = f"sveltia-cms-{SVELTIA_VERSION}.js"
TRANSLATIONS = f"sveltia-cms-{SVELTIA_VERSION}-sv.json"
# The bundle's fonts come from cdn.jsdelivr.net (in CSS it injects, which no script can
# redirect): the same files, from its npm package, are served next to it instead.
FONT_CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
FONTS = {
    f"{FONT_CDN}source-sans-3:vf@5.3.0/latin-wght-normal.woff2": (
        "source-sans-3-latin-wght-normal.woff2"
    ),
    f"{FONT_CDN}noto-mono@5.3.0/latin-400-normal.woff2": "noto-mono-latin-400-normal.woff2",
    f"{FONT_CDN}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2": (
        "material-symbols-outlined-latin-wght-normal.woff2"
    ),
}
BUNDLE_REWRITES = {
    **{url: f"fonts/{name}" for url, name in FONTS.items()},
    # The editor sets `maximum-scale=1` in the viewport, which stops zooming on phones
    # (WCAG 1.4.4; axe's meta-viewport): left out.
    "`maximum-scale=1`,": "",
}
# The sign-in screen in plain Swedish: Sveltia's Swedish leaves "Access Token" in
# English there, and lacks the note on pull requests (111 of its 991 texts are missing
# in Swedish and shown in English; these are the ones staff read first).
SWEDISH_SIGN_IN = {
    "sign_in_using_access_token": "Logga in med en åtkomsttoken",
    "personal_access_token": "Personlig åtkomsttoken",
    "sign_in_using_access_token_description": (
        "Klistra in din åtkomsttoken nedan. Den måste få läsa och skriva innehållet i förrådet."
    ),
    "sign_in_using_access_token_workflow_note": (
        "Eftersom ändringar först blir förslag måste den också få läsa och skriva pull requests."
    ),
    "sign_in_using_access_token_link": (
        "Du skapar en token på <a>sidan för inställningar hos {$service}</a>."
    ),
}
FONT_LICENSES = ("source-sans-3", "noto-mono", "material-symbols-outlined")
# The portal's logo on its teal tile: visible on the editor's light and dark screens
# (the header logo is white on transparent, and vanished on a white sign-in screen).
LOGO = "../assets/images/favicon.svg"
# The API of each public host; a self-hosted one is under `base_url`.
API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
API_PATHS = {"github": "/api/v3", "gitlab": "/api/v4", "gitea": "/api/v1"}
# Sveltia's editorial workflow (drafts as pull or merge requests) exists for these only.
WORKFLOW_BACKENDS = ("github", "gitlab")
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


def admin_files(config: Config, site_url: str = "") -> dict[str, bytes]:
    """The editor's files, keyed by their path in the built site."""
    assets = importlib.resources.files("sluss.outputs") / "assets"
    fonts = {
        f"admin/fonts/{name}": (assets / f"font-{name}").read_bytes() for name in FONTS.values()
    }
    return {
        "admin/index.html": index_html(config).encode("utf-8"),
        "admin/config.yml": config_yaml(config, site_url).encode("utf-8"),
        "admin/config-lokal.yml": config_yaml(config, site_url, local=True).encode("utf-8"),
        "admin/sluss-editor.js": (assets / "sluss-editor.js").read_bytes(),
        "admin/sluss-editor.css": (assets / "sluss-editor.css").read_bytes(),
        "admin/sveltia-cms.js": bundle((assets / BUNDLE).read_bytes()),
        f"admin/{TRANSLATIONS}": swedish((assets / TRANSLATIONS).read_bytes()),
        **fonts,
        "admin/LICENSE.txt": licenses(assets),
    }


def bundle(data: bytes) -> bytes:
    """The pinned bundle, its fonts read from this site and zoom allowed. A bundle
    without exactly these strings (another version) stops the build rather than call a
    CDN or lock the zoom."""
    for old, new in BUNDLE_REWRITES.items():
        found = data.count(old.encode())
        if found != 1:
            raise RuntimeError(f"{BUNDLE}: {old!r} found {found} times, expected once")
        data = data.replace(old.encode(), new.encode())
    return data


def swedish(data: bytes) -> bytes:
    """Sveltia's Swedish texts with the sign-in screen's in plain Swedish."""
    texts = json.loads(data) | SWEDISH_SIGN_IN
    return json.dumps(texts, ensure_ascii=False, indent=2).encode("utf-8")


def licenses(assets: Any) -> bytes:
    parts = [
        f"Sveltia CMS {SVELTIA_VERSION}\n\n".encode(),
        (assets / "sveltia-cms-LICENSE.txt").read_bytes(),
    ]
    for font in FONT_LICENSES:
        parts += [
            f"\n\nFont {font} (admin/fonts/)\n\n".encode(),
            (assets / f"font-{font}-LICENSE.txt").read_bytes(),
        ]
    return b"".join(parts)


def content_security_policy(editor: EditorSettings) -> str:
    """Only this site, and the Git host's API (and its avatars) once signed in. Styles
    may be inline: the editor injects its own. No other script, font or frame."""
    hosts = " ".join(sorted(git_hosts(editor)))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            f"img-src 'self' data: blob: {hosts}".strip(),
            f"connect-src 'self' data: blob: {hosts}".strip(),
            "worker-src 'self' blob:",
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def git_hosts(editor: EditorSettings) -> set[str]:
    """The origins the editor talks to once signed in: the API, and for OAuth the host."""
    if not editor.backend or not editor.repo:
        return set()
    origins = {_origin(api_root(editor))}
    if editor.base_url:
        origins.add(_origin(editor.base_url))
    if editor.backend == "github" and not editor.base_url:
        origins.add("https://avatars.githubusercontent.com")
    return origins


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def api_root(editor: EditorSettings) -> str:
    if editor.base_url:
        return editor.base_url.rstrip("/") + API_PATHS[editor.backend]
    return API_ROOTS.get(editor.backend, "https://gitea.com/api/v1")


def index_html(config: Config) -> str:
    name = html.escape(config.name)
    mail = html.escape(config.coordinator_email)
    fallback = f' eller skicka din idé till <a href="mailto:{mail}">{mail}</a>' if mail else ""
    # Single quotes stay as they are (the attribute is in double quotes, which the
    # checked host names cannot contain).
    policy = html.escape(content_security_policy(config.editor), quote=False)
    return f"""<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <title>Redigera innehåll – {name}</title>
  <link rel="icon" href="{LOGO}">
  <link rel="stylesheet" href="sluss-editor.css?v={SVELTIA_VERSION}">
</head>
<body>
  <!-- The page's one level-one heading, for screen readers (and axe's page-has-heading-one):
       the editor's own screens may draw theirs late or not at all. -->
  <header><h1 class="sluss-sr-only">Webbredigerare – {name}</h1></header>
  <!-- Sveltia mounts itself in #nc-root: a main landmark holds the whole editor. -->
  <main id="nc-root" aria-label="Webbredigerare"></main>
  <noscript>Webbredigeraren behöver JavaScript. Slå på JavaScript{fallback}.</noscript>
  <script src="sluss-editor.js?v={SVELTIA_VERSION}" data-version="{SVELTIA_VERSION}"></script>
  <script src="sveltia-cms.js?v={SVELTIA_VERSION}"></script>
</body>
</html>
"""


def config_yaml(config: Config, site_url: str = "", local: bool = False) -> str:
    head = (
        "# Genererad av sluss från innehållsmodellen (scripts/sluss/core/model.py) och sluss.yml.\n"
        "# Ändra inte för hand: ändringar skrivs över vid nästa bygge.\n"
    )
    data = editor_config(config, site_url)
    if local:
        # ?lokal: a folder on this machine, chosen on the sign-in screen; the files are
        # written there directly (Sveltia has no workflow for a local folder).
        data["publish_mode"] = "simple"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return head + body


def editor_config(config: Config, site_url: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "backend": backend(config.editor),
        "publish_mode": "editorial_workflow"
        if config.editor.backend in WORKFLOW_BACKENDS
        else "simple",
        "app_title": config.name,
    }
    if site_url:
        out |= {"site_url": site_url, "display_url": site_url}
    out |= {
        "logo": {"src": LOGO},
        "media_folder": MEDIA_FOLDER,
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # An optional field left empty is left out of the file, as `sluss new` and the
        # checker expect (not `status_date: ''`, which is no date).
        "output": {"omit_empty_optional_fields": True},
        "collections": [collection_config(c, config.vocabularies) for c in COLLECTIONS.values()],
    }
    return out


def backend(editor: EditorSettings) -> dict[str, Any]:
    """The Git host: every change a commit there (on GitHub and GitLab, a draft on its
    own branch with a pull or merge request first). No host known: a sandbox in the
    browser, which saves nothing (the sign-in screen still offers a local folder)."""
    if not editor.backend or not editor.repo:
        return {"name": "test-repo"}
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
    out: dict[str, Any] = {"name": editor.backend, "repo": editor.repo, "branch": editor.branch}
    if editor.base_url:
        out |= {"base_url": editor.base_url, "api_root": api_root(editor)}
    out |= sign_in(editor)
    out["commit_messages"] = commits
    return out


def sign_in(editor: EditorSettings) -> dict[str, Any]:
    """A token everywhere; with pkce also the host's own sign-in (OAuth with PKCE, no
    secret and so no server of ours)."""
    if editor.auth != "pkce":
        return {"auth_methods": ["token"]}
    out: dict[str, Any] = {"auth_methods": ["oauth", "token"], "app_id": editor.app_id}
    if editor.backend == "gitlab":
        out["auth_type"] = "pkce"  # Gitea and Forgejo have no other OAuth flow
    return out


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
        # The editor's own preview does not look like the site; the form alone is clearer.
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
    """One field as an editor widget. `required` is False for every member of an optional
    object: the editor would otherwise demand them even when the object is left out
    (as Decap did, decap-cms#7748); the checker still requires them once it is written."""
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
    """The widget's one pattern: the field's own rule, behind a look-ahead that refuses
    the characters the checker refuses in the kind (a bidi override, a line break in a
    one-line field), so that the editor refuses what `sluss check` would."""
    own = _own_pattern(f, kind)
    if not kind.refused:
        return own
    guard = f"^(?![\\s\\S]*(?:{refused_pattern(kind.refused)}))"
    if own is None:
        return guard, _NO_HIDDEN
    regex, message = own
    return guard + regex.removeprefix("^"), f"{message}; {_NO_HIDDEN[0].lower()}{_NO_HIDDEN[1:]}"


_NO_HIDDEN = "Inga osynliga styrtecken eller tecken som vänder skrivriktningen"


def _own_pattern(f: Field, kind: KindInfo) -> tuple[str, str] | None:
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
