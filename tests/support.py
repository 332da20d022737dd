"""What the tests share: where things are, running the real `sluss`, real Git repositories,
fixture repositories, hostile files, and what the browser and HTML-validity tests need.

Tests import helpers from here, never from each other; conftest.py holds only fixtures.
The benchmarks import nothing from tests/: what both need (Chromium and its flags, the
static host, the hostile files) lives in bench/ and is taken from there.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
BENCH = ROOT / "bench"
FIXTURES = ROOT / "tests" / "fixtures" / "check"
TODAY = dt.date(2026, 11, 27)  # the fixtures' "today": dates after it are in the future
EPOCH = "1795000000"  # the sample site's build date (2026-11-18), fixed so builds compare

if str(SCRIPTS) not in sys.path:  # this checkout's package, whatever the venv has installed
    sys.path.insert(0, str(SCRIPTS))
if str(BENCH) not in sys.path:
    sys.path.append(str(BENCH))

# Shared with the benchmarks, which import nothing from tests/ (`X as X`: re-exported).
from hostile_files import HOSTILE as HOSTILE  # noqa: E402
from hostile_files import PWNED as PWNED  # noqa: E402
from hostile_files import VALID as VALID  # noqa: E402
from hostile_files import folder as folder  # noqa: E402
from hostile_files import make_repo as make_repo  # noqa: E402
from hostile_files import write as write  # noqa: E402
from machine import CHROME_ARGS as CHROME_ARGS  # noqa: E402
from machine import CHROMIUM as CHROMIUM  # noqa: E402
from machine import copy_portal as copy_portal  # noqa: E402
from machine import serve as serve  # noqa: E402

# --- running sluss --------------------------------------------------------------------------


def sluss_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """`env` (default: this process's) with PYTHONPATH at this checkout's package, so a
    child process runs the code under test, never another checkout's installed copy."""
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SCRIPTS), env.get("PYTHONPATH")]))
    return env


def build_env(root: Path, epoch: str = EPOCH) -> dict[str, str]:
    """A small environment for a build of `root`: a fixed date, no user settings."""
    return {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch, "HOME": str(root)}


def run_sluss(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`sluss ARGS` in its own process, importing this checkout's package."""
    return subprocess.run(
        [sys.executable, "-m", "sluss.cli", *map(str, args)],
        cwd=cwd,
        env=sluss_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_sluss(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`sluss ARGS` started in its own process group (for `sluss serve`): the caller
    stops it with `os.killpg(process.pid, …)`."""
    return subprocess.Popen(
        [sys.executable, "-m", "sluss.cli", *args],
        cwd=cwd,
        env=sluss_env(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def run_python(
    script: str, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """A Python script that imports sluss, in its own process (for builds with something
    changed between generation and MkDocs), importing this checkout's package."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        env=sluss_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build_portal(root: Path, epoch: str = EPOCH) -> subprocess.CompletedProcess[str]:
    """`sluss build` in `root`, with a fixed build date."""
    return run_sluss("build", cwd=root, env=build_env(root, epoch))


# Lists of 3 rows and overviews of 2, or what a test asks for: every list of the sample
# content gets pages. Set in sluss.site.listing, where a renderer reads its defaults.
SMALL_PAGES_BUILD = """
import sys
from pathlib import Path
from sluss.site import listing
from sluss.build.generate import generate
from sluss.build.builders import build_site
from sluss.build.search import Search
root, size, preview = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
listing.PAGE_SIZE, listing.PREVIEW = size, preview
generated = generate(root, quiet=True)
search = Search.of(generated.env.portal)
sys.exit(0 if build_site(root, root / "site", search=search) else 1)
"""


def build_with_small_pages(root: Path, page_size: int, preview: int) -> None:
    """`sluss build` with other list sizes (what `Renderer` takes as parameters)."""
    result = run_python(
        SMALL_PAGES_BUILD, str(root), str(page_size), str(preview), cwd=root, env=build_env(root)
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The paged sample (`paged_sample_site`, conftest.py): every published idea four times,
# lists of PAGE_SIZE rows, overviews of PREVIEW rows, so that lists of every kind have pages.
PAGE_SIZE, PREVIEW = 5, 3


def drafts() -> list[Path]:
    """The sample content's drafts (`draft: true`), in every collection."""
    from sluss.core.model import COLLECTIONS

    return [
        p
        for folder in sorted(COLLECTIONS)
        for p in sorted((ROOT / folder).glob("*.md"))
        if re.search(r"^draft:\s*true\s*$", p.read_text(encoding="utf-8"), re.M)
    ]


def published(folder: str) -> list[Path]:
    """The sample content's files of one collection that are not drafts."""
    drafted = set(drafts())
    return [p for p in sorted((ROOT / folder).glob("*.md")) if p not in drafted]


# Pagefind writes its filter index in a different order on every run (a Rust hash map;
# Pagefind issue #638, fixed for the fragments only), and so the names of the filter
# files and of the files that list them. Their content is the same: compared unpacked,
# as sorted bytes (`digest(…, search=True)`).
_UNORDERED = re.compile(
    r"pagefind/(?:filter/[^/]+\.pf_filter|[^/]+\.pf_meta|pagefind-entry\.json)$"
)


def digest(site: Path, search: bool = False) -> dict[str, str]:
    """Every file of a folder and the SHA-256 of its bytes. With `search`, Pagefind's
    unordered files are keyed by their kind and hashed as their sorted bytes, unpacked,
    without the names of other index files they hold."""
    import hashlib

    def sha(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    out: dict[str, str] = {}
    unordered: dict[str, list[str]] = {}
    for p in sorted(site.rglob("*")):
        if not p.is_file():
            continue
        name = p.relative_to(site).as_posix()
        data = p.read_bytes()
        if search and _UNORDERED.search(name):
            unpacked = data if name.endswith(".json") else gzip.decompress(data)
            unpacked = re.sub(rb"sv_[0-9a-f]{7,10}", b"", unpacked)
            unordered.setdefault(name.rsplit(".", 1)[-1], []).append(sha(bytes(sorted(unpacked))))
        else:
            out[name] = sha(data)
    for kind, hashes in unordered.items():
        out[f"pagefind/*.{kind}"] = sha(" ".join(sorted(hashes)).encode())
    return out


def search_fragments(site: Path) -> dict[Path, str]:
    """Pagefind's fragments of a built site, unpacked: one page's text, meta and filters
    each (gzip, then "pagefind_dcd" and JSON)."""
    out = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        out[path] = data.removeprefix(b"pagefind_dcd").decode("utf-8")
    return out


def search_records(site: Path) -> dict[str, dict[str, Any]]:
    """The indexed pages of a built site by URL: Pagefind's record of each."""
    records = (json.loads(text) for text in search_fragments(site).values())
    return {r["url"]: r for r in records}


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on just now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- Git ------------------------------------------------------------------------------------

AUTHOR, EMAIL = "Hemlighetsfull Författarsson", "hemlig.forfattare@example.invalid"


def git(root: Path, *args: str, when: str = "2026-01-05") -> str:
    """Git with a fixed author and date, no user or system configuration."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": AUTHOR,
        "GIT_AUTHOR_EMAIL": EMAIL,
        "GIT_COMMITTER_NAME": AUTHOR,
        "GIT_COMMITTER_EMAIL": EMAIL,
        "GIT_AUTHOR_DATE": f"{when}T12:00:00+0000",
        "GIT_COMMITTER_DATE": f"{when}T12:00:00+0000",
    }
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


# --- fixture repositories -------------------------------------------------------------------

# Files of a fixture case that describe it rather than belong to its repository.
CASE_META = ("expected.txt", "setup.txt")


def materialise(case: Path, dest: Path) -> Path:
    """Copy a fixture case to `dest` and run its `setup.txt`; return the repository root.

    `setup.txt` makes what a portable Git checkout cannot hold, one action a line:
    `copy SRC -> DST`, `symlink LINK -> TARGET` (TARGET as written), `pad PATH BYTES`.
    """
    shutil.copytree(case, dest, symlinks=True, ignore=shutil.ignore_patterns(*CASE_META))
    setup = case / "setup.txt"
    lines = setup.read_text(encoding="utf-8").splitlines() if setup.exists() else []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        action, _, rest = line.partition(" ")
        if action == "copy":
            src, dst = (part.strip() for part in rest.split("->"))
            shutil.copyfile(dest / src, dest / dst)
        elif action == "symlink":
            link, target = (part.strip() for part in rest.split("->"))
            os.symlink(target, dest / link)
        elif action == "pad":
            path, size = rest.split()
            with (dest / path).open("ab") as f:
                f.write(b"Fyllnad.\n" * (int(size) // 9 + 1))
        else:
            raise ValueError(f"{setup}: unknown action {action!r}")
    return dest


# --- the two walks of the loader --------------------------------------------------------------


class Walks:
    """How often each walk of the loader ran to the end (a quick walk that gives up and
    leaves the file to the positioned one does not count): the comparison tests' canary,
    so that a test comparing the two walks cannot pass with one of them never taken."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from sluss.content import load

        self.quick = self.positioned = 0
        quick, positioned = load._quick_mapping, load._positioned

        def counted_quick(*args: Any) -> Any:
            found = quick(*args)
            self.quick += 1
            return found

        def counted_positioned(*args: Any) -> Any:
            found = positioned(*args)
            self.positioned += 1
            return found

        monkeypatch.setattr(load, "_quick_mapping", counted_quick)
        monkeypatch.setattr(load, "_positioned", counted_positioned)

    def reset(self) -> None:
        self.quick = self.positioned = 0


def typed(value: Any) -> Any:
    """A value with the type of every part: 1, 1.0, True and "1" all differ here."""
    if isinstance(value, dict):
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def described(item: Any) -> Any:
    """All an item of the loader holds, positions too, in a form that compares."""
    if item is None:
        return None
    return (
        (item.collection, item.id, item.path, item.body, item.body_line, item.text),
        (item.readable, item.source, typed(item.data)),
        (item.values, item.keys, item.raw),
    )


def assert_paths_agree(text: str, rel: str = "ideas/x.md") -> None:
    """The quick walk (with the positioned one for what it leaves) and the positioned walk
    alone read `text` alike: data, diagnostics, positions."""
    from sluss.content.load import parse_text

    collection, name = rel.split("/")[0], rel.rsplit("/", 1)[1].removesuffix(".md")
    quick, quick_problems = parse_text(text, rel, collection, name)
    slow, slow_problems = parse_text(text, rel, collection, name, quick=False)
    assert quick_problems == slow_problems
    assert described(quick) == described(slow)  # the positions of the nodes kept
    # Asked for after another file was read: the file is composed again.
    later, _ = parse_text(text, rel, collection, name)
    parse_text("---\ntitle: Annan\n---\nText.\n", "ideas/y.md", "ideas", "y")
    assert described(later) == described(slow)


def resolved_alike(value: str) -> bool:
    """Our resolver gives PyYAML's tag for `value`, plain or quoted, twice (remembered)."""
    import yaml
    from sluss.content import load
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    ours, theirs = load._Loader(""), yaml.CSafeLoader("")
    return all(
        ours.resolve(kind, value, implicit) == theirs.resolve(kind, value, implicit)
        for kind in (ScalarNode, SequenceNode, MappingNode)
        for implicit in ((True, False), (False, True), (False, False), (True, False))
    )


# --- the browser and HTML-validity tests ------------------------------------------------------

TOOLS = ROOT / ".tools" / "checkers" / "node_modules"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
IN_CI = os.environ.get("CI", "").lower() == "true"
HOW = "run `make browser-deps` (as root it installs them)"


def needs(available: bool, what: str) -> pytest.MarkDecorator:
    """Skip when a tool is missing on a developer's machine; in CI, never skip: fail."""
    return pytest.mark.skipif(not available and not IN_CI, reason=f"{what} saknas: {HOW}")


needs_chromium = needs(Path(CHROMIUM).is_file(), f"Chromium ({CHROMIUM})")
needs_java_and_vnu = needs(bool(shutil.which("java")) and VNU_JAR.is_file(), "Java och vnu.jar")


@functools.cache
def axe_source() -> str:
    """axe-core from `.tools/checkers/` (the audit's version), else the one Python ships."""
    if AXE_JS.is_file():
        return AXE_JS.read_text(encoding="utf-8")
    if IN_CI:
        raise FileNotFoundError(f"{AXE_JS}: {HOW}")
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def site_prefix(root: Path) -> str:
    """The path part of `site_url` in mkdocs.yml: the site's pages live under it."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*(\S+)", text, re.M)
    path = urllib.parse.urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def page_path(site: Path, page: Path) -> str:
    """A page file's URL path below the site's prefix: `slussen/laget/`, ``, `404.html`."""
    rel = page.relative_to(site).as_posix()
    return "" if rel == "index.html" else rel.removesuffix("index.html")


def vnu_messages(files: list[Path], *options: str) -> list[dict[str, str]]:
    """The Nu Html Checker's errors for `files`, in one run of vnu.jar (JSON messages)."""
    java = shutil.which("java") or "java"
    options = ("--format", "json", "--errors-only", *options)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    found: list[dict[str, str]] = json.loads(result.stderr)["messages"]  # on standard error
    return found


# --- axe-core -------------------------------------------------------------------------------

# WCAG 2.1 A and AA and best practices, as the portal claims; and WCAG 2.2's few additions
# (target size), which the audit's run of axe-core with its default rules includes.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return {version: axe.version, violations: result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 240),
                                  summary: n.failureSummary}))}))};
}"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(AXE_RUN, AXE_TAGS)
    return list(result["violations"])


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} regelbrott på {where}"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['url']}>")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html']}")
            lines.extend("      " + row for row in node["summary"].splitlines())
    return "\n".join(lines)


# --- hostile content ---------------------------------------------------------------------------

MARK = "(window.pwned=window.pwned||[]).push"
# Written straight into a generated page, as if a file had slipped past the checker whole.
PAYLOAD = f"""
<script>{MARK}('script')</script>

<img src="x" onerror="{MARK}('img-onerror')">

<svg onload="{MARK}('svg-onload')"><script>{MARK}('svg-script')</script></svg>

<details open ontoggle="{MARK}('details-ontoggle')"><summary>Mer</summary>Text</details>

<p><a id="js-link" href="javascript:{MARK}('a-javascript')">Länk</a>
<a href="JaVaScRiPt&colon;{MARK}('a-entity')">Länk två</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data</a>
<input autofocus onfocus="{MARK}('input-autofocus')"></p>

<iframe srcdoc="<script>{MARK.replace("window", "parent")}('iframe')</script>"></iframe>

<form action="javascript:{MARK}('form')"><button formaction="javascript:1">Skicka</button></form>

<object data="javascript:{MARK}('object')"></object>

<math><mtext><table><mglyph><style><img src=x onerror="{MARK}('mxss')">

<noscript><p title="</noscript><img src=x onerror={MARK}('noscript')>"></p></noscript>

<style>body {{ display: none; }}</style>

<div style="background-image: url(javascript:1)" onmouseover="{MARK}('hover')">Hover</div>

<base href="https://example.org/">
"""
# In a content file, past the checker: the title and the summary (shown as text). The
# checker refuses the body (entity-encoded links, the theme's configuration taken over, an
# image from another host): it goes into the generated page, after PAYLOAD.
TITLE = 'Lokaler <img src=x onerror="window.pwned=[`t`]"> & <script>window.pwned=[`s`]</script>'
SUMMARY = "Sammanfattning <img src=x onerror=window.pwned=[`summary`]> om lokaler."
# Material reads its configuration from the first #__config in the page, and content
# comes first: pure Markdown (attr_list) could hand it a search worker of its own.
CLOBBER = {
    "base": ".",
    "features": [],
    "translations": {},
    "search": "data:text/javascript,fetch('http://clobbered.example/')",
}
BODY = (
    f'\n<p><a href="jav&#x61;script:{MARK}(`entity`)">Boka</a> '
    f'<a href="&#x20;javascript&#58;{MARK}(`entity2`)">Boka igen</a></p>\n'
    f"\n{json.dumps(CLOBBER)}\n{{: #__config }}\n"
    "\n![Spårningspixel](https://tracker.example/pixel.gif)\n"  # a request to another host
)
HOSTILE_BUILD = """
import sys
from pathlib import Path
from sluss.build.generate import generate
from sluss.build.builders import build_site
from sluss.build.search import Search
root, page, payload, builder = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
generated = generate(root, quiet=True)
assert generated is not None
page.write_text(page.read_text(encoding="utf-8") + payload, encoding="utf-8")
search = Search.of(generated.env.portal)
sys.exit(0 if build_site(root, root / "site", builder=builder, search=search) else 1)
"""
# Anything left in the page that could run code.
LEFT_OVER = """() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
            const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
            if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
            if (/^(javascript|vbscript|data):/.test(value) && a.name !== 'content')
                found.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
        }
    }
    const article = document.querySelector('article.md-content__inner');
    for (const el of article.querySelectorAll(
            'script, style, iframe, object, embed, form, base, meta, link, noscript, math'))
        found.push('<' + el.tagName.toLowerCase() + '> i innehållet');
    return found;
}"""


def build_hostile(root: Path, builder: str = "mkdocs") -> tuple[Path, str, str]:
    """Hostile content in the portal copy at `root`, built with `builder`: the first idea
    gets TITLE and SUMMARY (they slip past the checker), and its generated page PAYLOAD
    and BODY. The site, the idea's page (URL path) and the build's standard error."""
    from sluss.content.check import check_repository

    idea = sorted((root / "ideas").glob("*.md"))[0]
    text = idea.read_text(encoding="utf-8")
    text = re.sub(r"^title:.*$", "title: " + json.dumps(TITLE), text, count=1, flags=re.M)
    text = re.sub(r"^summary:.*$", "summary: " + json.dumps(SUMMARY), text, count=1, flags=re.M)
    idea.write_text(text, encoding="utf-8")
    found = [d for d in check_repository(root).diagnostics if d.path == f"ideas/{idea.name}"]
    assert not [d for d in found if d.level == "error"], found  # it slips past the checker
    page = root / f"docs/slussen/ideer/{idea.stem}.md"
    result = run_python(
        HOSTILE_BUILD,
        str(root),
        str(page),
        PAYLOAD + BODY,
        builder,
        cwd=root,
        env=build_env(root),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site", f"slussen/ideer/{idea.stem}/", result.stderr


# --- pages in Chromium ----------------------------------------------------------------------

ITEM = "item:"  # a page type given as "item:<folder>": the richest (largest) item page there


def page_of_type(site: Path, spec: str) -> str:
    """The URL path (below the site's prefix) of a page type: a fixed path, or for
    "item:<folder>" the largest item page of that folder."""
    if not spec.startswith(ITEM):
        return spec
    pages = sorted((site / spec.removeprefix(ITEM)).glob("*/index.html"))
    assert pages, spec
    return page_path(site, max(pages, key=lambda p: (p.stat().st_size, p.as_posix())))


# The theme's script has run (Material's and Zensical's expose the same observables), the
# portal's search has drawn what the page opens with (results and filters on "Sök och
# filtrera", marked busy until then) and the page has been painted.
THEME_READY = """() => window.component$ !== undefined
    && !document.querySelector('.sluss-results[aria-busy]') && new Promise(
    done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


class Session:
    """Opens pages of the site and records what they ask for and what breaks in them."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.host = urllib.parse.urlsplit(base_url).netloc
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.cookies: list[str] = []
        self.contexts: list[Any] = []

    def open(
        self,
        path: str | None = "",
        *,
        width: int = 1280,
        scheme: str = "light",
        theme: bool = True,
        touch: bool = False,
        script: bool = True,
    ) -> Any:
        """A page in a context of its own: `touch` a phone's (touch screen, mobile
        viewport), `script=False` a browser with JavaScript turned off."""
        context = self.browser.new_context(
            viewport={"width": width, "height": 900},
            locale="sv-SE",
            color_scheme=scheme,
            service_workers="block",
            has_touch=touch,
            is_mobile=touch,
            java_script_enabled=script,
            # axe-core is injected as a script: the editor's page allows only its own.
            bypass_csp=True,
        )
        context.on("request", self._record)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))
        if path is not None:
            self.goto(page, path, theme and script)
        return page

    def goto(self, page: Any, path: str, theme: bool = True) -> Any:
        """Load a page; for the theme's pages, until the theme's script has run."""
        response = page.goto(self.base_url + path, wait_until="load")
        if theme:
            page.wait_for_function(THEME_READY)
        return response

    def _record(self, request: Any) -> None:
        parts = urllib.parse.urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host:
            self.foreign.append(f"{request.url} (från {request.frame.url})")

    def close(self) -> None:
        for context in self.contexts:
            self.cookies += [cookie["name"] for cookie in context.cookies()]
            context.close()
        self.contexts = []


# --- the portal's search (sluss.js, Pagefind) -------------------------------------------------

SEARCH_BUTTON = ".sluss-search-button"  # in the header of every page
SEARCH_DIALOG = "dialog.sluss-search"
SEARCH_INPUT = "#sluss-search-input"
FINDER_INPUT = "#sluss-finder-input"  # on "Sök och filtrera" (slussen/sok/)
# Every result: its type badge, the line it stands in (type · status · municipality), the
# title and its link.
RESULTS_OF = """list => [...list.querySelectorAll('li.sluss-result')].map(li => ({
    type: li.querySelector('.sluss-result__type').textContent,
    kind: li.querySelector('.sluss-result__kind').textContent,
    title: li.querySelector('.sluss-result__title').textContent,
    href: li.querySelector('.sluss-result__title').href}))"""


def results_drawn(page: Any, where: str) -> None:
    """Wait until the results in `where` (the dialog or the finder) are those of what was
    typed or chosen last: sluss.js marks the list busy from the first key on."""
    page.wait_for_selector(f"{where} ol.sluss-results:not([aria-busy])", state="attached")


def search_results(page: Any, where: str) -> list[dict[str, str]]:
    """The results shown in `where` (RESULTS_OF), once they are drawn."""
    results_drawn(page, where)
    found: list[dict[str, str]] = page.eval_on_selector(f"{where} ol.sluss-results", RESULTS_OF)
    return found


def search_in_dialog(page: Any, query: str) -> list[dict[str, str]]:
    """Open the search dialog with the header's button, type `query` and return its
    results."""
    page.click(SEARCH_BUTTON)
    page.wait_for_selector(f"{SEARCH_DIALOG}[open]")
    page.keyboard.type(query)
    assert page.input_value(SEARCH_INPUT) == query
    return search_results(page, SEARCH_DIALOG)


# --- the keyboard ---------------------------------------------------------------------------

# What a keyboard should reach, each such element's look before it has focus, and a log of
# every focus stop from now on: where it is, and whether the focus can be seen there.
KEYBOARD_SETUP = """() => {
    const SEL = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
              + '[tabindex], [contenteditable="true"], label';
    const look = el => { const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '); };
    const shown = el => { const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).opacity !== '0'; };
    const keyOf = el => el.type === 'radio' && el.name ? 'radio:' + el.name : el.dataset.kb;
    const before = {};
    const expected = new Map();
    document.querySelectorAll(SEL).forEach((el, i) => {
        el.dataset.kb = String(i);
        before[i] = look(el);
        if (el.tabIndex < 0 || el.disabled || el.type === 'hidden'
            || el.tagName === 'LABEL' && !el.hasAttribute('tabindex')) return;
        if (el.closest('[hidden], [inert]') || !el.checkVisibility({visibilityProperty: true}))
            return;
        if (!expected.has(keyOf(el))) expected.set(keyOf(el), el.outerHTML.slice(0, 120));
    });
    const stops = [];
    document.addEventListener('focusin', event => {
        const el = event.target;
        // A visually hidden control (Material's palette radios) shows focus on its label.
        let mark = el;
        if (!shown(el)) {
            const next = el.nextElementSibling;
            mark = next && next.tagName === 'LABEL' ? next : (el.labels && el.labels[0]) || el;
        }
        const now = look(mark);
        const s = getComputedStyle(mark);
        const drawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                      || s.boxShadow !== 'none';
        const r = mark.getBoundingClientRect();
        const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
                       && r.top < innerHeight && r.left < innerWidth;
        stops.push({key: keyOf(el) || '?', html: el.outerHTML.slice(0, 120), inView, look: now,
                    visible: drawn && now !== before[mark.dataset.kb]});
    }, true);
    window.slussStops = stops;
    return [...expected];
}"""
WALK_DONE = """(first) => {
    const el = document.activeElement;
    return !el || el === document.body || el === document.documentElement
           || window.slussStops.slice(1).some(s => s.key === first);
}"""


def walk(page: Any, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or comes round again; every stop on the way."""
    for pressed in range(1, limit + 1):
        page.keyboard.press("Tab")
        if pressed % 20 == 0 or pressed == limit:
            first = page.evaluate("window.slussStops.length && window.slussStops[0].key")
            if page.evaluate(WALK_DONE, first):
                break
    stops: list[dict[str, Any]] = page.evaluate("window.slussStops")
    keys = [stop["key"] for stop in stops]
    return stops[: keys.index(keys[0], 1)] if keys and keys[0] in keys[1:] else stops


def keyboard_problems(
    page: Any, expected: list[list[str]], stops: list[dict[str, Any]] | None = None
) -> list[str]:
    """Walk the page with Tab (unless done): focus unseen, off screen, or never there."""
    stops = walk(page, len(expected) + 40) if stops is None else stops
    problems = [f"fokus syns inte: {s['html']} ({s['look']})" for s in stops if not s["visible"]]
    problems += [f"fokus utanför skärmen: {s['html']}" for s in stops if not s["inView"]]
    reached = {s["key"] for s in stops}
    return problems + [f"nås inte med tabb: {html}" for key, html in expected if key not in reached]


def skip_link_problems(page: Any, stops: list[dict[str, Any]]) -> list[str]:
    """The first stop is the skip link, and following it puts the next stop in the content."""
    if not stops or "md-skip" not in stops[0]["html"]:
        return ["länken Gå till innehållet är inte första tabbstoppet"]
    if page.inner_text(".md-skip").strip() != "Gå till innehållet":
        return [f"länken heter {page.inner_text('.md-skip')!r}"]
    page.focus(".md-skip")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if page.evaluate("!!document.activeElement.closest('article.md-content__inner')"):
        return []
    return ["Gå till innehållet flyttar inte fokus till innehållet"]


# --- links --------------------------------------------------------------------------------

SITE_PATH = "/portal/"  # the path of site_url in mkdocs.yml


class Links(html.parser.HTMLParser):
    """Every href/src of a page, and the ids it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang") or ""
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, str(values[name])))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of the site that leads nowhere."""
    site = site.resolve()  # pages and link targets alike, as keys of the cache
    cache: dict[Path, Links] = {}  # each page parsed once, whether it links or is linked

    def parsed(path: Path) -> Links:
        if path not in cache:
            cache[path] = parse(path)
        return cache[path]

    broken = []
    for page in html_pages(site):
        for _, url in parsed(page).links:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
                continue
            if not parts.path and not parts.fragment:
                continue
            path = urllib.parse.unquote(parts.path)
            if path.startswith(SITE_PATH):  # absolute links (the 404 page) use site_url
                target = (site / path.removeprefix(SITE_PATH)).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not parts.path:
                target = page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {url}")
                continue
            if parts.fragment and target.suffix == ".html" and page.name != "404.html":
                ids = parsed(target).ids
                if parts.fragment not in ids and parts.fragment != "__skip":
                    broken.append(f"{page.relative_to(site)} → {url} (anchor)")
    return broken


# --- a server coming up ------------------------------------------------------------------


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.25)
    return False
