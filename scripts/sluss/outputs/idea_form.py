"""The "Lämna en idé" form: the choices its script offers, and the mail template.

The page itself (templates/lamna-ide.md.j2) holds what works without JavaScript: the
mailboxes and a template to copy. The script (docs/assets/javascripts/sluss.js) builds
the form from `slussen/formular.json`, written here from the content: each
municipality's function mailbox and answer time, the areas, the open challenges, and
the message's labels from `core/idea_mail.py`, so that `sluss intake` reads back what
the form wrote.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sluss.core import idea_mail
from sluss.site.entry import GENERATED
from sluss.site.portal import Portal

CHOICES = f"{GENERATED}/formular.json"
# The longest `mailto:` address the form opens (the whole address, percent-encoded,
# where each å, ä or ö takes six characters). Chrome and Edge on Windows hand no
# external address longer than 2 048 characters to the mail program (Chromium's
# platform_util_win.cc, kMaxAddressLengthChars: "2K is safe" for ShellExecute); Outlook
# for Windows stops near the same length. A longer message is copied for the visitor,
# and the mail program opens with only the address and the subject, to paste it into.
MAILTO_LIMIT = 2000


def form_files(portal: Portal) -> dict[str, str]:
    return {CHOICES: json.dumps(choices(portal), ensure_ascii=False, sort_keys=True)}


def choices(portal: Portal) -> dict[str, Any]:
    return {
        "message": {
            "start": idea_mail.START,
            "end": idea_mail.END,
            "none": idea_mail.NO_CHALLENGE,
            "yes": idea_mail.YES,
            "no": idea_mail.NO,
            "answers": [dataclasses.asdict(a) for a in idea_mail.ANSWERS],
            "subject": idea_mail.subject("{title}"),
        },
        "mailto_limit": MAILTO_LIMIT,
        "coordinator": portal.config.coordinator_email,
        "municipalities": [
            {
                "id": mu.id,
                "name": portal.short_name(mu.id),
                "mailbox": mu.mailbox,
                "days": mu.get("response_days"),
            }
            for mu in portal.entries["municipalities"]
        ],
        "areas": [
            {"id": area, "label": portal.label("area", area)} for area in portal.values("area")
        ],
        "challenges": [
            {"id": c.id, "title": c.title, "municipalities": list(c.get("municipalities") or [])}
            for c in portal.entries["challenges"]
            if c.get("status") == "open"
        ],
    }


def template() -> str:
    """The message to copy when the form cannot run, with the answers left empty."""
    return idea_mail.compose({"challenge": idea_mail.NO_CHALLENGE, "public": idea_mail.NO})
