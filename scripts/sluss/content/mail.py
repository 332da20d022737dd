"""Messages as mail programs save them, read back to the plain text a person wrote.

One input may be a saved message (`.eml`), an mbox of several, or text pasted from a
mail program: a whole message with its headers, or only its body. The stdlib `email`
package decodes the transfer encodings (quoted-printable, base64) and the headers
(RFC 2047 words, folded lines); the charset is decoded here, since mail programs
declare ISO-8859-1 and write windows-1252. A message without a plain-text part gives
its HTML part as text: tags dropped, never kept or run.
"""

from __future__ import annotations

import email
import email.message
import html.parser
import re
from dataclasses import dataclass
from email import policy

MAX_MESSAGE_BYTES = 1_000_000  # a form message is a few kB; more is not one
MAX_INPUT_BYTES = 20_000_000  # an mbox of many

# Headers that say a pasted text is a whole message, not only its body.
_HEADERS = frozenset(
    """
    from to cc subject date mime-version content-type message-id received return-path
    reply-to delivered-to x-mailer user-agent
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:")
# An mbox's "From " line starts the file or follows a blank line.
_MBOX_SEPARATOR = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\r\n]*\r?\n")
# Control characters no written text holds (tab, line ends and form feed aside).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Declared ISO-8859-1 (or US-ASCII), written as windows-1252 by Outlook and others:
# the curly quotes and the euro sign of 0x80–0x9f are controls in Latin-1, letters here.
_LATIN1_NAMES = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "cp819"})


class MailError(Exception):
    """A message that cannot be read as text: a Swedish message for the coordinator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Letter:
    """What intake needs of one message: its text and who sent it (for a reply)."""

    text: str
    subject: str = ""
    sender: str = ""


def split_input(data: bytes) -> list[bytes]:
    """The messages of one input: each message of an mbox, or the input itself."""
    if not data.startswith(b"From ") or _HEADER_LINE.match(data):
        return [data]
    parts = _MBOX_SEPARATOR.split(data)
    # mboxrd quotes a body line starting with "From " as ">From ": undo one level.
    return [re.sub(rb"(?m)^>(>*From )", rb"\1", p) for p in parts if p.strip()]


def read_letter(data: bytes) -> Letter:
    """One message (headers and body, or only a body) as text; `MailError` if it is none."""
    if len(data) > MAX_MESSAGE_BYTES:
        size = f"{len(data) / 1_000_000:.1f} MB"
        raise MailError(f"meddelandet är {size} – större än gränsen 1 MB för ett formulär")
    if b"\x00" in data:
        raise MailError("meddelandet innehåller binära data (nolltecken), inte text")
    pasted = data.lstrip(b"\r\n")  # a paste may start with an empty line
    if not _has_headers(pasted):
        return Letter(_checked(decode(data, None)))
    message = email.message_from_bytes(pasted, policy=policy.default)
    if not isinstance(message, email.message.EmailMessage):  # for the type checker
        raise MailError("meddelandet går inte att läsa som e-post")
    return Letter(
        _checked(body_text(message)),
        subject=_header(message, "subject"),
        sender=_header(message, "from"),
    )


def _has_headers(data: bytes) -> bool:
    """Whether `data` starts with a header block that names a mail header."""
    names = []
    for line in data[:10_000].splitlines()[:50]:  # headers come first
        if not line.strip():
            break
        m = _HEADER_LINE.match(line)
        if m:
            names.append(m.group(1).decode("ascii").lower())
        elif line[:1] not in (b" ", b"\t"):  # neither a header nor a folded one
            return False
    return any(name in _HEADERS for name in names)


def _header(message: email.message.EmailMessage, name: str) -> str:
    try:
        return " ".join(str(message.get(name, "")).split())
    except (ValueError, TypeError, IndexError):  # a malformed header is not worth failing on
        return ""


def _checked(text: str) -> str:
    if _BINARY.search(text):
        raise MailError("meddelandet innehåller binära data (styrtecken), inte text")
    return text


def body_text(message: email.message.EmailMessage) -> str:
    """The text a person wrote: the plain-text part, or else the HTML part as text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise MailError("meddelandet har ingen text (varken text/plain eller text/html)")
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        raise MailError("meddelandets text går inte att avkoda")
    text = decode(raw, part.get_content_charset())
    if part.get_content_subtype() == "html":
        return html_to_text(text)
    if _param(part, "format") == "flowed":
        return unflow(text, _param(part, "delsp") == "yes")
    return text


def _param(part: email.message.MIMEPart, name: str) -> str:
    value = part.get_param(name, "")
    return value.lower() if isinstance(value, str) else ""  # an RFC 2231 tuple: not ours


def decode(raw: bytes, charset: str | None) -> str:
    """Bytes as text: the declared charset (Latin-1 read as windows-1252), or else UTF-8,
    or else windows-1252 (a pasted file saved by an old editor)."""
    name = (charset or "").strip().lower()
    if name in _LATIN1_NAMES:
        name = "cp1252"
    for candidate in filter(None, (name, "utf-8")):
        try:
            return raw.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


def unflow(text: str, delsp: bool = False) -> str:
    """RFC 3676 format=flowed: a line ending in a space goes on in the next line."""
    out: list[str] = []
    joining = False
    for line in text.splitlines():
        line = line.removeprefix(" ")  # space-stuffed: " From", " >", "  indented"
        if joining:
            out[-1] += line
        else:
            out.append(line)
        joining = line.endswith(" ") and line != "-- "  # "-- " starts a signature
        if joining and delsp:
            out[-1] = out[-1][:-1]
    return "\n".join(out)


# --- HTML as text -------------------------------------------------------------------------

_BLOCKS = frozenset(
    """
    address article aside blockquote br dd div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th
    thead tr ul
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "object"})


class _TextOfHtml(html.parser.HTMLParser):
    """Collects text: block elements end lines, hidden ones are skipped whole."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded to characters
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:  # <br/>: no end tag follows, so no hidden count either
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split("\n")))  # source line ends are spaces


def html_to_text(markup: str) -> str:
    """The visible text of an HTML mail, one line per block, no markup left."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
