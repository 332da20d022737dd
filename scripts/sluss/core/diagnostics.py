"""Diagnostics: data, collected, never the first exception.

Every problem the checker finds is a `Diagnostic` with a stable `code`. The
text a contributor reads comes from `MESSAGES`, in Swedish or English, with a
hint that says how to fix it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sluss.core.model import Text

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Message:
    text: Text
    hint: Text
    severity: str = ERROR


def _m(sv: str, en: str, hint_sv: str, hint_en: str, severity: str = ERROR) -> Message:
    return Message(Text(sv, en), Text(hint_sv, hint_en), severity)


MESSAGES: dict[str, Message] = {
    # --- the file itself
    "symlink-outside": _m(
        "filen är en symbolisk länk till {target}, utanför förrådet",
        "the file is a symbolic link to {target}, outside the repository",
        "Innehåll måste ligga i förrådet: ersätt länken med själva filen.",
        "Content must live inside the repository: replace the link with the file.",
    ),
    "symlink-broken": _m(
        "filen är en symbolisk länk som inte pekar på någon fil",
        "the file is a symbolic link that points nowhere",
        "Ta bort länken eller ersätt den med själva filen.",
        "Remove the link or replace it with the file itself.",
    ),
    "file-empty": _m(
        "filen är tom",
        "the file is empty",
        "Börja med ett front matter-block mellan två rader med ---, se Fältreferensen.",
        "Start with a front matter block between two --- lines; see the field reference.",
    ),
    "file-too-large": _m(
        "filen är {size} – större än gränsen 1 MB",
        "the file is {size}, over the 1 MB limit",
        "Korta texten eller lägg stora bilagor som egna dokument och länka till dem.",
        "Shorten the text or move large attachments to documents and link to them.",
    ),
    "file-binary": _m(
        "filen innehåller binära data (nolltecken), inte text",
        "the file contains binary data (NUL bytes), not text",
        "Spara filen som vanlig text (UTF-8), eller flytta den ur innehållsmappen.",
        "Save the file as plain text (UTF-8), or move it out of the content folder.",
    ),
    "file-not-utf8": _m(
        "filen är inte UTF-8 (byte {byte} går inte att läsa)",
        "the file is not UTF-8 (byte {byte} cannot be read)",
        "Spara om filen med teckenkodningen UTF-8 (i Anteckningar: Spara som → UTF-8).",
        "Save the file again with the UTF-8 encoding.",
    ),
    "file-name": _m(
        'filnamnet "{name}" är inte tillåtet – bara a–z, 0–9 och bindestreck',
        'the file name "{name}" is not allowed: only a–z, 0–9 and hyphens',
        'Byt namn på filen till "{suggestion}".',
        'Rename the file to "{suggestion}".',
    ),
    "nested-file": _m(
        "filen ligger i en undermapp och läses inte",
        "the file is in a subfolder and is not read",
        "Flytta filen direkt till mappen {collection}/.",
        "Move the file directly into the {collection}/ folder.",
        WARNING,
    ),
    "ignored-file": _m(
        "filen läses inte eftersom den inte slutar på .md",
        "the file is not read because it does not end in .md",
        'Byt namn till "{suggestion}" om det är en innehållsfil.',
        'Rename it to "{suggestion}" if it is a content file.',
        WARNING,
    ),
    "duplicate-id": _m(
        'id "{id}" finns redan i {other}',
        'the id "{id}" is already used by {other}',
        "Varje fil i en mapp måste ha ett eget namn (stora och små bokstäver räknas lika).",
        "Each file in a folder needs its own name (case does not count).",
    ),
    # --- front matter and YAML
    "front-matter-missing": _m(
        "filen saknar front matter (första raden ska vara ---)",
        "the file has no front matter (the first line must be ---)",
        "Börja filen med en rad ---, sedan fälten (title: …), sedan en rad --- och brödtexten.",
        "Start the file with ---, then the fields (title: …), then --- and the body.",
    ),
    "front-matter-unterminated": _m(
        "front matter avslutas aldrig (ingen rad med --- efter fälten)",
        "the front matter never ends (no --- line after the fields)",
        "Lägg till en rad med bara --- efter det sista fältet.",
        "Add a line with only --- after the last field.",
    ),
    "front-matter-not-mapping": _m(
        "front matter är {found}, inte fält med namn och värde",
        "the front matter is {found}, not fields with names and values",
        "Skriv varje fält på en egen rad som namn: värde, t.ex. title: Min idé.",
        "Write each field on its own line as name: value, e.g. title: My idea.",
    ),
    "yaml-syntax": _m(
        "YAML-fel: {problem_sv}",
        "YAML error: {problem_en}",
        "{advice_sv}",
        "{advice_en}",
    ),
    "yaml-tag": _m(
        'YAML-taggen "{tag}" är inte tillåten',
        'the YAML tag "{tag}" is not allowed',
        "Ta bort taggen (det som börjar med !) och skriv värdet som vanlig text.",
        "Remove the tag (the part starting with !) and write a plain value.",
    ),
    "yaml-aliases": _m(
        "front matter växer till över {limit} värden genom YAML-alias",
        "the front matter expands to over {limit} values through YAML aliases",
        "Skriv ut värdena i stället för att använda & och *.",
        "Write the values out instead of using & and *.",
    ),
    "yaml-too-deep": _m(
        "front matter är nästlad djupare än {limit} nivåer",
        "the front matter is nested deeper than {limit} levels",
        "Förenkla strukturen; inget fält i innehållsmodellen är så djupt.",
        "Simplify the structure; no field of the content model is that deep.",
    ),
    "duplicate-key": _m(
        'fältet "{field}" står två gånger',
        'the field "{field}" appears twice',
        "Ta bort den ena raden; bara den sista skulle annars gälla.",
        "Remove one of them; otherwise only the last one would count.",
    ),
    # --- fields
    "unknown-field": _m(
        'okänt fält "{field}"{did_you_mean}',
        'unknown field "{field}"{did_you_mean}',
        "Tillåtna fält här: {allowed}.",
        "Allowed fields here: {allowed}.",
    ),
    "missing-field": _m(
        'fältet "{field}" ({label}) saknas',
        'the field "{field}" ({label}) is missing',
        "Lägg till {field}: … – {help}.",
        "Add {field}: … – {help}.",
    ),
    "required-when": _m(
        'fältet "{field}" ({label}) krävs när {when} är {value}',
        'the field "{field}" ({label}) is required when {when} is {value}',
        "Lägg till {field}: … – {help}.",
        "Add {field}: … – {help}.",
    ),
    "challenge-or-need": _m(
        "idén varken pekar ut en utmaning eller beskriver ett behov",
        "the idea names neither a challenge nor a need",
        "Lägg till challenge: <id för en utmaning> eller need: <vilket verkligt problem idén "
        "löser>. Att en idé är lätt att genomföra räcker inte.",
        "Add challenge: <challenge id> or need: <the real problem it solves>. "
        "Being easy to do is not enough.",
    ),
    "wrong-type": _m(
        '"{field}" ska vara {expected}, men är {found}',
        '"{field}" must be {expected}, but is {found}',
        "Exempel: {field}: {example}",
        "Example: {field}: {example}",
    ),
    "not-in-vocabulary": _m(
        '"{value}" är inte ett tillåtet värde för "{field}"{did_you_mean}',
        '"{value}" is not an allowed value of "{field}"{did_you_mean}',
        "Tillåtna värden: {allowed}.",
        "Allowed values: {allowed}.",
    ),
    "too-short": _m(
        '"{field}" är för kort ({length} tecken, minst {min})',
        '"{field}" is too short ({length} characters, at least {min})',
        "Skriv lite mer: {help}.",
        "Write a little more: {help}.",
    ),
    "too-long": _m(
        '"{field}" är för lång ({length} tecken, högst {max})',
        '"{field}" is too long ({length} characters, at most {max})',
        "Korta texten; längre text hör hemma i brödtexten under front matter.",
        "Shorten it; longer text belongs in the body below the front matter.",
    ),
    "list-too-short": _m(
        '"{field}" behöver minst {min} värde',
        '"{field}" needs at least {min} value',
        "Lägg till minst ett värde i listan, t.ex. {field}: [{example}].",
        "Add at least one value to the list, e.g. {field}: [{example}].",
    ),
    "out-of-range": _m(
        '"{field}" är {value}, men ska vara {range}',
        '"{field}" is {value}, but must be {range}',
        "Ange ett värde {range}.",
        "Give a value {range}.",
    ),
    "invalid-date": _m(
        '"{field}": "{value}" är inte ett giltigt datum',
        '"{field}": "{value}" is not a valid date',
        "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-14, och kontrollera att dagen finns.",
        "Write the date as YYYY-MM-DD, e.g. 2026-03-14, and check that the day exists.",
    ),
    "invalid-datetime": _m(
        '"{field}": "{value}" är inte en giltig tidpunkt',
        '"{field}": "{value}" is not a valid date and time',
        "Skriv tidpunkten som ÅÅÅÅ-MM-DDTtt:mm, t.ex. 2027-02-10T09:00 (svensk tid).",
        "Write it as YYYY-MM-DDThh:mm, e.g. 2027-02-10T09:00 (Swedish time).",
    ),
    "date-too-late": _m(
        '"{field}" är {value}, mer än {years} år fram i tiden',
        '"{field}" is {value}, more than {years} years ahead',
        "Kontrollera året – inget i portalen planeras senare än {latest}. Skriv datumet som "
        "ÅÅÅÅ-MM-DD, t.ex. 2027-03-14.",
        "Check the year: nothing in the portal is planned later than {latest}. Write the "
        "date as YYYY-MM-DD, e.g. 2027-03-14.",
    ),
    "date-too-early": _m(
        '"{field}" är {value}, före {earliest}',
        '"{field}" is {value}, before {earliest}',
        "Kontrollera året – inget i portalen hände före {earliest}. Skriv datumet som "
        "ÅÅÅÅ-MM-DD, t.ex. 2026-03-14.",
        "Check the year: nothing in the portal happened before {earliest}. Write the date "
        "as YYYY-MM-DD, e.g. 2026-03-14.",
    ),
    "datetime-gap": _m(
        '"{field}": {value} finns inte i svensk tid – natten till {date} ställs klockan '
        "fram från {gap_start} till {gap_end} (sommartid)",
        '"{field}": {value} does not exist in Swedish time: in the night to {date} the '
        "clocks go forward from {gap_start} to {gap_end} (summer time)",
        "Välj en tid som finns, t.ex. {suggestion}.",
        "Choose a time that exists, e.g. {suggestion}.",
    ),
    "date-future": _m(
        '"{field}" är {value}, ett datum i framtiden',
        '"{field}" is {value}, a date in the future',
        "Ange datumet då det faktiskt hände (senast {today}).",
        "Give the date it actually happened (no later than {today}).",
    ),
    "date-order": _m(
        '"{field}" ({value}) ligger före "{other}" ({other_value})',
        '"{field}" ({value}) is before "{other}" ({other_value})',
        "Kontrollera datumen: {field} kan inte vara tidigare än {other}.",
        "Check the dates: {field} cannot be earlier than {other}.",
    ),
    "date-after": _m(
        '"{field}" ({value}) ligger efter "{other}" ({other_value})',
        '"{field}" ({value}) is after "{other}" ({other_value})',
        "Kontrollera datumen: {field} kan inte vara senare än {other}.",
        "Check the dates: {field} cannot be later than {other}.",
    ),
    "datetime-order": _m(
        '"{field}" ({value}) är inte efter "{other}" ({other_value})',
        '"{field}" ({value}) is not after "{other}" ({other_value})',
        "Ett tillfälle måste sluta efter att det börjat.",
        "A session must end after it starts.",
    ),
    "invalid-url": _m(
        '"{field}": "{value}" är ingen giltig webbadress',
        '"{field}": "{value}" is not a valid web address',
        "Skriv hela adressen, t.ex. https://www.skovde.se.",
        "Write the full address, e.g. https://www.skovde.se.",
    ),
    "insecure-url": _m(
        '"{field}": "{value}" använder inte https',
        '"{field}": "{value}" does not use https',
        "Använd https:// – de flesta webbplatser fungerar med det.",
        "Use https:// – most websites support it.",
    ),
    "url-userinfo": _m(
        '"{field}": adressen "{value}" leder till {host} – det som står före @ är inget värdnamn',
        '"{field}": the address "{value}" leads to {host}; what comes before the @ is no host name',
        "Ta bort allt mellan :// och @, så att adressen börjar med rätt värdnamn, t.ex. "
        "https://www.skovde.se/sida. Adresser med inloggningsuppgifter används för att "
        "lura läsaren.",
        "Remove everything between :// and @ so the address starts with the right host, "
        "e.g. https://www.skovde.se/page. Addresses with login details are used to "
        "mislead readers.",
    ),
    "url-lookalike": _m(
        '"{field}": värdnamnet "{host}" blandar skriftsystem ({scripts})',
        '"{field}": the host name "{host}" mixes scripts ({scripts})',
        "Bokstäver från olika alfabet som ser likadana ut (t.ex. kyrilliskt а och latinskt "
        "a) används för att efterlikna kända adresser. Skriv adressen själv med vanliga "
        "bokstäver och kontrollera att den leder rätt.",
        "Letters from different alphabets that look alike (e.g. Cyrillic а and Latin a) "
        "are used to imitate known addresses. Type the address yourself and check where "
        "it leads.",
        WARNING,
    ),
    "invalid-email": _m(
        '"{field}": "{value}" är ingen giltig e-postadress',
        '"{field}": "{value}" is not a valid e-mail address',
        "Skriv adressen som namn@kommun.se.",
        "Write the address as name@municipality.se.",
    ),
    "code-not-string": _m(
        '"{field}" lästes som talet {value}, inte som koden "{raw}"',
        '"{field}" was read as the number {value}, not as the code "{raw}"',
        'Sätt koden inom citattecken: {field}: "{suggestion}".',
        'Quote the code: {field}: "{suggestion}".',
    ),
    "code-invalid": _m(
        '"{field}": "{value}" är ingen kommunkod (fyra siffror)',
        '"{field}": "{value}" is not a municipality code (four digits)',
        "Använd SCB:s fyrsiffriga kommunkod, t.ex. 1496 för Skövde.",
        "Use SCB's four-digit municipality code, e.g. 1496 for Skövde.",
    ),
    "code-obsolete": _m(
        '"{field}": "{value}" hör till ett län som inte längre finns',
        '"{field}": "{value}" belongs to a county that no longer exists',
        "Koder före 1998 (t.ex. Skaraborgs län, 16xx) gäller inte; använd dagens kod (14xx).",
        "Codes from before 1998 (e.g. 16xx) are obsolete; use today's code (14xx).",
    ),
    "duplicate-value": _m(
        '"{field}" {value} används redan av {other}',
        '"{field}" {value} is already used by {other}',
        "Varje {field} måste vara unik; kontrollera värdet.",
        "Each {field} must be unique; check the value.",
    ),
    "invalid-tag": _m(
        'taggen "{value}" är inte ett ord med små bokstäver',
        'the tag "{value}" is not a lowercase word',
        'Skriv taggen med små bokstäver och bindestreck i stället för mellanslag: "{suggestion}".',
        'Write it in lowercase with hyphens instead of spaces: "{suggestion}".',
    ),
    "invalid-license": _m(
        '"{field}": "{value}" är ingen SPDX-licens',
        '"{field}": "{value}" is not an SPDX licence id',
        "Ange ett SPDX-id, t.ex. CC-BY-4.0, CC0-1.0, MIT eller EUPL-1.2.",
        "Give an SPDX id, e.g. CC-BY-4.0, CC0-1.0, MIT or EUPL-1.2.",
    ),
    "link-target": _m(
        "dokumentet behöver antingen url eller path, men har {found}",
        "the document needs either url or path, but has {found}",
        "Ange url: https://… för en webbsida eller path: docs/… för en fil i förrådet.",
        "Give url: https://… for a web page or path: docs/… for a file in the repository.",
    ),
    "path-outside": _m(
        '"{field}": "{value}" pekar ut ur förrådet',
        '"{field}": "{value}" points outside the repository',
        "Ange en sökväg inuti förrådet, räknat från roten, t.ex. docs/material/rutin.md.",
        "Give a path inside the repository, from its root, e.g. docs/material/rutin.md.",
    ),
    "path-missing": _m(
        '"{field}": filen "{value}" finns inte',
        '"{field}": the file "{value}" does not exist',
        "Kontrollera stavningen eller lägg till filen (sökvägen räknas från förrådets rot).",
        "Check the spelling or add the file (the path is from the repository root).",
    ),
    # --- references
    "unresolved-ref": _m(
        '"{field}": det finns ingen {target} med id "{value}"{did_you_mean}',
        '"{field}": there is no {target} with the id "{value}"{did_you_mean}',
        "Ange filnamnet utan .md för en fil i {folder}/.",
        "Give the file name without .md of a file in {folder}/.",
    ),
    "draft-ref": _m(
        '"{field}": "{value}" är ett utkast och visas inte på webbplatsen',
        '"{field}": "{value}" is a draft and is not shown on the site',
        "Publicera {folder}/{value}.md (ta bort draft: true) eller ta bort hänvisningen.",
        "Publish {folder}/{value}.md (remove draft: true) or remove the reference.",
    ),
    "self-ref": _m(
        '"{field}" pekar på posten själv',
        '"{field}" points at the item itself',
        "Ta bort hänvisningen till {value}.",
        "Remove the reference to {value}.",
    ),
    "owner-adopter": _m(
        "ägaren {value} står också bland de kommuner som återanvänder innovationen",
        "the owner {value} is also listed among the adopters",
        "Ta bort ägaren ur adopters; där står bara andra kommuner.",
        "Remove the owner from adopters; only other municipalities go there.",
    ),
    "link-mismatch": _m(
        "{field}: {value} pekar inte tillbaka ({back} saknas eller är ett annat värde)",
        "{field}: {value} does not point back ({back} is missing or different)",
        "Låt idén och innovationen peka på varandra: idea: i innovationen och innovation: i idén.",
        "Let the idea and the innovation point at each other.",
        WARNING,
    ),
    "similar-idea": _m(
        "Liknande idé finns redan i {municipality}: {title} ({file})",
        "A similar idea already exists in {municipality}: {title} ({file})",
        "Läs den idén och kontakta {municipality} innan ni går vidare – ni kan göra gemensam "
        "sak (partners:) eller återanvända det de redan gjort. Hör idéerna ihop, skriv "
        "related: [{id}] så visas de tillsammans och varningen försvinner.",
        "Read that idea and contact {municipality} first: you may join forces (partners:) or "
        "reuse what they have done. If the ideas belong together, add related: [{id}]; that "
        "links them and silences this warning.",
        WARNING,
    ),
    # --- body and safety
    "personal-number": _m(
        "texten innehåller ett personnummer eller samordningsnummer ({kind})",
        "the text contains a personal identity number ({kind})",
        "Ta bort numret. Personnummer får aldrig publiceras i portalen; "
        "ta också bort det ur Git-historiken.",
        "Remove the number. Identity numbers must never be published; "
        "remove it from the Git history too.",
    ),
    "personal-number-in-name": _m(
        'filnamnet "{name}" innehåller ett {kind}',
        'the file name "{name}" contains a personal identity number ({kind})',
        "Byt namn på filen: namnet blir sidans adress och id:t i öppna data. "
        "Ta också bort den gamla filen ur Git-historiken.",
        "Rename the file: the name becomes the page address and the open-data id. "
        "Remove the old file from the Git history too.",
    ),
    "dangerous-html": _m(
        "HTML som kan köra kod är inte tillåten: {found}",
        "HTML that can run code is not allowed: {found}",
        "Ta bort {found}; skriv innehållet i vanlig Markdown.",
        "Remove {found}; write the content in plain Markdown.",
    ),
    "control-character": _m(
        '"{field}" innehåller styrtecknet {char}',
        '"{field}" contains the control character {char}',
        "Ta bort tecknet – det syns inte men bryter raden eller gömmer text. Ett fält på en "
        "rad får inga radbrytningar; längre text hör hemma i brödtexten.",
        "Remove the character: it is invisible but breaks the line or hides text. A "
        "one-line field has no line breaks; longer text belongs in the body.",
    ),
    "bidi-character": _m(
        '"{field}" innehåller tecknet {char}, som vänder skrivriktningen',
        '"{field}" contains the character {char}, which changes the writing direction',
        "Ta bort tecknet – det gör att texten visas i en annan ordning än den står "
        "(t.ex. gpj.exe som exe.jpg). Det kommer ofta med när text kopieras; skriv in "
        "värdet igen.",
        "Remove the character: it makes the text show in another order than it is "
        "written (e.g. gpj.exe as exe.jpg). It often comes with copied text; type the "
        "value again.",
    ),
    "dangerous-url": _m(
        "adressen {found} kan köra kod och är inte tillåten",
        "the address {found} can run code and is not allowed",
        "Använd bara länkar som börjar med https://, http://, mailto: eller en relativ sökväg.",
        "Use only links starting with https://, http://, mailto: or a relative path.",
    ),
    "bidi-in-body": _m(
        "texten innehåller tecknet {char}, som vänder skrivriktningen",
        "the text contains the character {char}, which changes the writing direction",
        "Ta bort tecknet – det får en länktext, ett filnamn eller kod att visas i en annan "
        "ordning än den står (t.ex. gpj.exe som exe.jpg). Riktningsmärkena U+200E och "
        "U+200F går bra.",
        "Remove the character: it makes a link text, a file name or code show in another "
        "order than it is (e.g. gpj.exe as exe.jpg). The direction marks U+200E and "
        "U+200F are fine.",
    ),
    "dangerous-attribute": _m(
        "attributlistan med {found} kan köra kod och är inte tillåten",
        "the attribute list with {found} can run code and is not allowed",
        "Ta bort {found} ur {{: … }}; en attributlista får bara sätta klasser och id, "
        "t.ex. {{: .klass #id }}. Menar du klamrarna som text, skriv \\{{.",
        "Remove {found} from {{: … }}; an attribute list may only set classes and ids, "
        "e.g. {{: .class #id }}. If you mean the braces as text, write \\{{.",
    ),
    "style-resource": _m(
        "style-attributet med {found} hämtar en fil eller kör kod och är inte tillåtet",
        "the style attribute with {found} fetches a file or runs code and is not allowed",
        "Ta bort {found} ur style; portalen behåller bara text-align i ett style-attribut. "
        "En bild läggs i förrådet och visas med ![beskrivning](bild.png).",
        "Remove {found} from the style; the portal keeps only text-align in a style "
        "attribute. Put a picture in the repository and show it with ![description](x.png).",
    ),
    "remote-resource": _m(
        "bilden eller mediet hämtas från en annan webbplats: {found}",
        "the image or media is fetched from another site: {found}",
        "Lägg filen i förrådet och länka till den med en relativ sökväg; portalen "
        "får inte få besökarnas webbläsare att kontakta andra webbplatser.",
        "Put the file in the repository and link it with a relative path; the portal must "
        "not make visitors' browsers contact other sites.",
    ),
    "snippet-include": _m(
        "raden {found} skulle hämta in en annan fil i sidan",
        "the line {found} would pull another file into the page",
        "Ta bort raden; innehållsfiler får inte inkludera andra filer.",
        "Remove the line; content files may not include other files.",
    ),
    "personal-email": _m(
        "e-postadressen {value} ser personlig ut och står utanför ett contact-block",
        "the e-mail address {value} looks personal and is outside a contact block",
        "Använd en funktionsbrevlåda, eller lägg adressen i contact: (med personens samtycke).",
        "Use a function mailbox, or put the address in contact: (with consent).",
        WARNING,
    ),
    "personal-phone": _m(
        "mobilnumret {value} är en persons nummer och får inte publiceras",
        "the mobile number {value} is a person's number and must not be published",
        "Ange växelnumret eller en funktions nummer (t.ex. 0500-49 80 00) i stället.",
        "Give the switchboard or a function's number (e.g. 0500-49 80 00) instead.",
    ),
    "private-email": _m(
        "e-postadressen {value} är en privat adress (webbmejl) och får inte publiceras",
        "the e-mail address {value} is a private (webmail) address and must not be published",
        "Använd en funktionsbrevlåda hos kommunen eller organisationen, "
        "t.ex. innovation@kommun.se.",
        "Use a function mailbox of the municipality or organisation, "
        "e.g. innovation@municipality.se.",
    ),
    "submitter-without-consent": _m(
        '"submitter": idégivarens namn eller e-post står i filen utan samtycke',
        '"submitter": the submitter\'s name or e-mail is in the file without consent',
        "Personuppgifter får bara publiceras med personens samtycke: skriv public: true om "
        "idégivaren har svarat ja, annars ta bort name och email.",
        "Personal data may only be published with consent: write public: true if the "
        "submitter said yes, otherwise remove name and email.",
    ),
    "contact-email-not-function": _m(
        '"contact.email": {value} är ingen funktionsbrevlåda',
        '"contact.email": {value} is not a function mailbox',
        "Kontaktadressen ska vara en funktionsbrevlåda: en adress i function_mailboxes i "
        "sluss.yml eller en adress på en kommuns domän (som i municipalities/).",
        "The contact address must be a function mailbox: one listed in function_mailboxes "
        "in sluss.yml, or an address at a municipality's domain (as in municipalities/).",
    ),
    "contact-phone-mobile": _m(
        '"contact.phone": {value} är ett mobilnummer',
        '"contact.phone": {value} is a mobile number',
        "Ange växelnumret eller en funktions nummer (t.ex. 0500-49 80 00), inte en persons "
        "mobilnummer (07…). Är mobilen en funktions (t.ex. en jourtelefon), lägg numret i "
        "function_phones i sluss.yml.",
        "Give the switchboard or a function's number (e.g. 0500-49 80 00), not a person's "
        "mobile number (07…). If the mobile is a function's (e.g. a duty phone), list it "
        "under function_phones in sluss.yml.",
    ),
    "summary-markup": _m(
        "sammanfattningen innehåller {found}; den visas som ren text",
        "the summary contains {found}; it is shown as plain text",
        "Skriv sammanfattningen utan Markdown och HTML.",
        "Write the summary without Markdown or HTML.",
        WARNING,
    ),
    "body-empty": _m(
        "brödtexten är tom",
        "the body is empty",
        "Skriv under front matter: {body}",
        "Write below the front matter: {body}",
        WARNING,
    ),
    # --- what the site's Markdown renderer can build (content/markdown_limits.py)
    "markdown-nesting": _m(
        "raden ligger {depth} nivåer djupt i listor, citat eller <div markdown> – fler än "
        "gränsen {limit}",
        "the line is nested {depth} levels deep in lists, quotes or <div markdown>, more "
        "than the limit {limit}",
        "Minska indraget, antalet > och listtecken i början av raden, eller antalet "
        "<div markdown> i varandra.",
        "Indent less, use fewer > and list markers at the start of the line, or fewer "
        "<div markdown> inside each other.",
    ),
    "markdown-openers": _m(
        "stycket från rad {first} har fler än {limit} tecken {chars} – så många gör "
        "webbplatsen för långsam att bygga",
        "the paragraph from line {first} has more than {limit} {chars} characters – so many "
        "make the site too slow to build",
        "Ta bort de {chars} som inte hör till en länk, en HTML-tagg eller kursiv stil, "
        "eller dela stycket med tomma rader.",
        "Remove the {chars} that are not part of a link, an HTML tag or emphasis, or split "
        "the paragraph with blank lines.",
    ),
    "markdown-unclosed-tags": _m(
        "brödtexten har fler än {limit} HTML-taggar utan > på samma rad – så många gör "
        "webbplatsen för långsam att bygga",
        "the body has more than {limit} HTML tags without a > on their line – so many "
        "make the site too slow to build",
        "Skriv &lt; för ett < som inte börjar en tagg, eller stäng taggen med > på samma rad.",
        "Write &lt; for a < that does not start a tag, or close the tag with > on its line.",
    ),
    "markdown-openers-body": _m(
        "brödtexten har fler än {limit} tecken {chars} – så många gör webbplatsen för "
        "långsam att bygga",
        "the body has more than {limit} {chars} characters – so many make the site too "
        "slow to build",
        "Ta bort de {chars} som inte hör till en länk eller en HTML-tagg.",
        "Remove the {chars} that are not part of a link or an HTML tag.",
    ),
    # --- links and headings the strict build refuses (content/body_links.py, build/links.py)
    "link-missing": _m(
        "länken {target} går till sidan {page}, som inte finns",
        "the link {target} goes to the page {page}, which does not exist",
        "Texten visas på sidan {here}, och länken räknas därifrån: till en annan idé "
        "skriv ../ideer/dess-id.md. Kontrollera stavningen, och att posten inte är ett "
        "utkast (draft: true).",
        "The text is shown on the page {here}, and the link counts from there: to another "
        "idea write ../ideer/its-id.md. Check the spelling, and that the item is not a "
        "draft (draft: true).",
    ),
    "link-no-file": _m(
        "länken {target} går inte till någon sida eller fil på webbplatsen",
        "the link {target} goes to no page or file of the site",
        "Texten visas på sidan {here}, och länken räknas därifrån. Länka till sidans "
        ".md-fil (../idebank/index.md, inte ../idebank/), eller skriv en hel adress med "
        "https://.",
        "The text is shown on the page {here}, and the link counts from there. Link to "
        "the page's .md file (../idebank/index.md, not ../idebank/), or write a full "
        "address with https://.",
    ),
    "link-anchor": _m(
        "länken {target} går till #{anchor}, som inte finns på sidan {page}",
        "the link {target} goes to #{anchor}, which is not on the page {page}",
        "Ett ankare är rubrikens text med små bokstäver och bindestreck (## Så gick det "
        "till → #sa-gick-det-till). På sidan finns: {anchors}",
        "An anchor is its heading's text in lower case with hyphens (## How it went → "
        "#how-it-went). The page has: {anchors}",
    ),
    "heading-theme-id": _m(
        'rubriken får id:t "{id}", som webbplatsens tema själv använder – sidans skript '
        "slutar fungera",
        "the heading gets the id \"{id}\", which the site's theme uses itself – the page's "
        "scripts stop working",
        "Börja inte rubriken med __ (två understreck).",
        "Do not start the heading with __ (two underscores).",
    ),
    # --- the sluice itself (sluss check --stale; needs the Git history)
    "stale-idea": _m(
        "idén har väntat {days} dagar med status {status} (sedan {since}; gränsen är {limit})",
        "the idea has waited {days} days with the status {status} (since {since}; limit {limit})",
        "Ta ställning till idén och ändra status, eller skriv i filen vad som händer med den. "
        "Gränserna står under stale: i sluss.yml.",
        "Decide on the idea and change its status, or write in the file what is happening. "
        "The limits are under stale: in sluss.yml.",
        WARNING,
    ),
    "low-need-for-testing": _m(
        "idén testas fast behovet bedömdes till {need} (slussens regel: minst {limit})",
        "the idea is being tested although its need was assessed at {need} "
        "(the rule: at least {limit})",
        "Motivera i beslutet varför idén testas ändå, eller ta upp den i slussen igen. "
        "Regeln står under rules: i sluss.yml.",
        "Explain in the decision why it is tested anyway, or take it up again. "
        "The rule is under rules: in sluss.yml.",
        WARNING,
    ),
    "config": _m(
        "sluss.yml: {problem}",
        "sluss.yml: {problem}",
        "Rätta sluss.yml; se kommentarerna i filen.",
        "Fix sluss.yml; see the comments in the file.",
    ),
}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    args: tuple[tuple[str, str | Text], ...] = ()
    severity: str = ""  # empty: the message's default

    @property
    def level(self) -> str:
        return self.severity or MESSAGES[self.code].severity

    def message(self, lang: str = "sv") -> str:
        return MESSAGES[self.code].text(lang).format_map(_Args(self.args, lang))

    def hint(self, lang: str = "sv") -> str:
        return MESSAGES[self.code].hint(lang).format_map(_Args(self.args, lang))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class _Args(dict[str, str]):
    """Message arguments in one language: a `Text` argument is translated too."""

    def __init__(self, args: tuple[tuple[str, str | Text], ...], lang: str) -> None:
        super().__init__((k, v(lang) if isinstance(v, Text) else v) for k, v in args)

    def __missing__(self, key: str) -> str:
        return ""


def diag(path: str, line: int, column: int, code: str, **args: object) -> Diagnostic:
    if code not in MESSAGES:
        raise KeyError(code)
    return Diagnostic(
        path,
        line,
        column,
        code,
        tuple((k, v if isinstance(v, Text) else str(v)) for k, v in args.items()),
    )


def with_severity(d: Diagnostic, severity: str) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.column, d.code, d.args, severity)


# --- Output formats -----------------------------------------------------------


def format_text(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    lines = []
    for d in diagnostics:
        lines.append(
            f"{d.path}:{d.line}:{d.column}: {d.level}[{d.code}]: {d.message(lang)}\n"
            f"    {'tips' if lang == 'sv' else 'hint'}: {d.hint(lang)}"
        )
    return "\n".join(lines)


def format_json(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    rows = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.level,
            "code": d.code,
            "message": d.message(lang),
            "hint": d.hint(lang),
        }
        for d in diagnostics
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(diagnostics: Iterable[Diagnostic], lang: str) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's lines."""
    lines = []
    for d in diagnostics:
        kind = "error" if d.level == ERROR else "warning"
        props = (
            f"file={_gh_escape(d.path, True)},line={d.line},col={d.column},"
            f"title={_gh_escape(f'sluss check [{d.code}]', True)}"
        )
        lines.append(f"::{kind} {props}::{_gh_escape(d.message(lang) + ' – ' + d.hint(lang))}")
    return "\n".join(lines)


def summary(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    errors = sum(1 for d in diagnostics if d.level == ERROR)
    warnings = len(diagnostics) - errors
    if lang == "en":
        verdict = "no errors" if not errors else f"{errors} error{'s' * (errors != 1)}"
        return f"{files} files checked: {verdict}, {warnings} warning{'s' * (warnings != 1)}."
    verdict = "inga fel" if not errors else f"{errors} fel"
    return f"{files} filer kontrollerade: {verdict}, {warnings} varning{'ar' * (warnings != 1)}."


def stopped(diagnostics: list[Diagnostic], files: int, lang: str) -> str:
    """Why a build or an export did not start: its errors, the summary, what to do."""
    errors = [d for d in diagnostics if d.level == ERROR]
    advice = (
        "sluss: bygget avbröts – rätta felen ovan och kör igen."
        if lang == "sv"
        else "sluss: build stopped – fix the errors above and try again."
    )
    return "\n".join([format_text(errors, lang), summary(diagnostics, files, lang), advice])
