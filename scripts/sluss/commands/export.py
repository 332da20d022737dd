"""`sluss export`: the open data, feeds and calendars the build publishes, without
building the site. The same outputs of the registry, from the same environment (Git
history included), so an export and a build cannot disagree."""

from __future__ import annotations

import sys
from pathlib import Path

from sluss.build.generate import ContentErrors, published_view
from sluss.core.files import write_changed
from sluss.outputs.registry import data_outputs, render

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def run(root: Path, out: Path, lang: str) -> int:
    try:
        env = published_view(root, lang).env
    except ContentErrors as errors:
        print(errors.message(lang), file=sys.stderr)
        return EXIT_ERRORS
    if not env.site_url:
        print("sluss: site_url saknas i mkdocs.yml – den behövs för adresserna", file=sys.stderr)
        return EXIT_USAGE
    files = render(env, data_outputs())
    target = out if out.is_absolute() else root / out
    write_changed(target, files)
    for rel in sorted(files):
        print((target / rel).as_posix())
    return EXIT_OK
