"""What makes a contact detail a function's and not a person's: shared by the checker
(content/) and the settings of sluss.yml (core/config.py)."""

from __future__ import annotations

import re

# Webmail domains: an address there belongs to a person, never to a function, so it is
# refused everywhere (also in contact:). Extend the list when a new one turns up.
WEBMAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.se",
        "outlook.com",
        "outlook.se",
        "live.com",
        "live.se",
        "msn.com",
        "yahoo.com",
        "yahoo.se",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "telia.com",
        "spray.se",
        "bredband.net",
        "bredband2.com",
        "comhem.se",
        "tele2.se",
        "passagen.se",
        "home.se",
        "glocalnet.net",
        "bahnhof.se",
        "protonmail.com",
        "proton.me",
        "pm.me",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "mail.com",
        "tutanota.com",
        "tuta.io",
        "fastmail.com",
        "zoho.com",
        "yandex.com",
        "hey.com",
    ]
)


def phone_digits(phone: str) -> str:
    """The number as dialled inside Sweden: `+46 (0)70-123 45 67` → `0701234567`."""
    digits = re.sub(r"\D", "", phone.replace("(0)", ""))
    if phone.lstrip().startswith("+46"):
        return "0" + digits[2:]
    return "0" + digits[4:] if digits.startswith("0046") else digits


def is_mobile(phone: str) -> bool:
    return phone_digits(phone).startswith("07")
