"""The parts of a message, as the catalogue's Conventions define them.

Greeting: the first line if it opens with a salutation ("Hi", "Dear", "Hola", "Respected
Sir") or is only a name and ","; a letter's date and address lines above it go with it. In a
one-paragraph note the greeting is the text up to the first "," or "!".

Closing: the first line of at most five words that ends in "," or "!", or that is a sign-off
in any language ("Un saludo", "thanks"), or a dash and a name ("- Kai"), with everything
after it: signature, P.S. and quoted chain. A line only counts as the closing when what
follows it looks like a closing too (short signature lines, a P.S., quoted text), so a short
exclamation in the middle of the body does not cut the message.

The counted body is the rest. The P.S. is kept apart: ask.* and attach.resume read it, the
counts do not. Quoted text ("On Mon, Ana wrote:", "> …") is never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffeechat.lib.etiquette.text import normalize

CI = re.IGNORECASE

SALUTATION = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|howdy|heya|dear|dearest|greetings|good\s+(?:morning|afternoon"
    r"|evening|day)|to\s+whom\s+it\s+may\s+concern|respected|hola|buenos\s+d[ií]as|estimad[oa]s?"
    r"|bonjour|salut|cher|ch[eè]re|hallo|liebe[rs]?|sehr\s+geehrte[rs]?|guten\s+tag|ciao|salve"
    r"|buongiorno|gentile|ol[aá]|prezad[oa]|caro|cara|hej|hei|moi|namaste|szanown[ya]|yo)\b",
    CI,
)
SIGNOFF = re.compile(
    r"^\s*(?:best|all\s+the\s+best|regards|kind(?:est)?\s+regards|warm(?:est)?\s+regards|warmly"
    r"|warm\s+wishes|sincerely|yours|respectfully|very\s+respectfully|cordially|cheers|thanks"
    r"|thank\s+you|thx|ty|many\s+thanks|with\s+(?:many\s+)?(?:thanks|gratitude|appreciation"
    r"|best\s+wishes|respect)|gratefully|appreciatively|take\s+care|talk\s+soon|looking\s+forward"
    r"|until\s+then|be\s+well|peace|semper\s+fi|un\s+saludo|saludos|atentamente|cordialmente"
    r"|gracias|merci|cordialement|bien\s+[àa]\s+vous|danke|viele\s+gr[üu](?:ß|ss)e|mit\s+freundlichen"
    r"|liebe\s+gr[üu](?:ß|ss)e|grazie|cordiali\s+saluti|distinti\s+saluti|obrigad[oa]|abra[çc]os"
    r"|tak|mange\s+tak|hilsen|med\s+vennlig|v[äa]nliga\s+h[äa]lsningar|h[äa]lsningar"
    r"|dzi[eę]kuj[eę]|pozdrawiam|z\s+powa[zż]aniem|arigato|namaste|shukran|toda|salam)\b",
    CI,
)
_BULLET = re.compile(r"^\s*(?:[*\u2022\u25aa\u25e6\u2023]|\d+[.)]|-(?=\s+\S+(?:\s+\S+){3,}))\s*")
_DASH_NAME = re.compile(r"^\s*[-\u2013\u2014~]+\s*\S+(?:\s+\S+){0,3}\s*$")
_POSTSCRIPT = re.compile(r"^\s*(?:P\.?\s*)+S\.?(?=[\s:,.\-]|$)", CI)
_QUOTED = re.compile(
    r"^\s*>|^\s*On\b.{0,120}\bwrote:\s*$|^\s*-{2,}\s*(?:Original|Forwarded)\s+Message"
    r"|^\s*(?:From|Sent|De|Von):\s+\S.*$",
    CI,
)
_INLINE_SIGNOFF = re.compile(
    r"(?<=[.?!])\s+(?:(?:thanks|thank\s+you|cheers|best|regards|many\s+thanks|tak|merci|gracias"
    r"|danke|grazie|obrigad[oa])\b[^.?!\n]{0,40}[.!]?|\S+!)\s*\Z",
    CI,
)


@dataclass(frozen=True)
class Parts:
    greeting: str
    body: str  # the counted body
    signoff: str  # the sign-off line, "" when the message has none
    signature: str  # what follows the sign-off, without P.S. and quoted text
    postscript: str
    quoted: str

    @property
    def signed(self) -> bool:
        """A name follows the sign-off, or the sign-off line carries one ("Best, Sam")."""
        if re.search(r"[^\W\d_]", self.signature):
            return True
        line = self.signoff.strip()
        if _DASH_NAME.match(line):
            return True
        if not SIGNOFF.match(line):
            return bool(re.search(r"[^\W\d_]", line))  # a bare name as the last line
        rest = re.split(r"[,!]", line, maxsplit=1)
        return len(rest) == 2 and bool(re.search(r"[^\W\d_]", rest[1]))


def _words(line: str) -> int:
    return len(line.split())


# --- greeting ------------------------------------------------------------------------------


def _whole_line_greeting(line: str, has_more: bool) -> bool:
    stripped = line.strip()
    if _words(stripped) > 8:
        return False
    return stripped[-1:] in {",", ":", ";", "!"} or (has_more and stripped[-1:] not in {".", "?"})


def _greeting_end(lines: list[str]) -> tuple[int, int]:
    """(line index, column) where the body starts."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return 0, 0
    first = filled[0]
    for index in filled[:10]:
        line = lines[index]
        if not SALUTATION.match(line):
            continue
        above = [lines[i] for i in filled if i < index]
        if any(_words(a) > 8 or a.rstrip().endswith("?") for a in above):
            break
        if _whole_line_greeting(line, index != filled[-1]):
            return index + 1, 0
        cut = re.search(r"[,!]", line)
        return (index, cut.end()) if cut else (index, 0)
    line = lines[first].strip()
    if first != filled[-1] and _words(line) <= 5 and line.endswith((",", ":")):
        return first + 1, 0  # "Ana," or "Respected Sir,"
    return first, 0


# --- closing -------------------------------------------------------------------------------


def _signature_like(lines: list[str]) -> bool:
    """What follows a sign-off: short lines, then perhaps a P.S. (read apart) or quoted text."""
    for line in lines:
        if _POSTSCRIPT.match(line) or _QUOTED.match(line):
            return True
        if line.strip() and (_words(line) > 10 or line.rstrip().endswith("?")):
            return False
    return True


def _is_closing(line: str, after: list[str]) -> bool:
    stripped = line.strip()
    if not stripped or _BULLET.match(line) or not _signature_like(after):
        return False
    words = _words(stripped)
    if _DASH_NAME.match(stripped):
        return not any(re.match(r"\s*[-*\u2022]", line) for line in after)
    if words <= 5 and stripped[-1] in ",!":
        return True
    if SIGNOFF.match(stripped) and words <= 10 and not stripped.endswith("?"):
        return True
    # "Un saludo" / a bare name as the last line: short, no sentence punctuation.
    return words <= 4 and stripped[-1] not in ".?:;" and not _ends_paragraph_mid(after)


def _ends_paragraph_mid(after: list[str]) -> bool:
    """Only used for unpunctuated short lines: they close a message only near its end."""
    return sum(1 for line in after if line.strip()) > 6


def split_message(text: str) -> Parts:
    """Greeting, counted body and closing of a message (see the module docstring)."""
    lines = normalize(text).strip("\n").split("\n")
    quoted_at = next(
        (i for i, line in enumerate(lines) if i > 0 and _QUOTED.match(line)), len(lines)
    )
    quoted = "\n".join(lines[quoted_at:]).strip()
    lines = lines[:quoted_at]
    start, column = _greeting_end(lines)
    greeting = "\n".join(lines[:start] + ([lines[start][:column]] if column else [])).strip()
    body_lines = lines[start:]
    if column and body_lines:
        body_lines[0] = body_lines[0][column:]
    seen_body = False
    for index, line in enumerate(body_lines):
        if seen_body and _is_closing(line, body_lines[index + 1 :]):
            return _with_closing(greeting, body_lines, index, quoted)
        seen_body = seen_body or bool(line.strip())
    body = "\n".join(body_lines).strip()
    inline = _INLINE_SIGNOFF.search(body) if "\n\n" not in body else None
    signoff = inline.group().strip() if inline else ""
    if inline:
        body = body[: inline.start()].rstrip()
    return Parts(greeting, body, signoff, "", "", quoted)


def _with_closing(greeting: str, lines: list[str], index: int, quoted: str) -> Parts:
    after = lines[index + 1 :]
    ps_at = next((i for i, line in enumerate(after) if _POSTSCRIPT.match(line)), len(after))
    return Parts(
        greeting=greeting,
        body="\n".join(lines[:index]).strip(),
        signoff=lines[index].strip(),
        signature="\n".join(after[:ps_at]).strip(),
        postscript="\n".join(after[ps_at:]).strip(),
        quoted=quoted,
    )


def core_text(body: str) -> str:
    """The part of a message that is counted: no greeting, no closing."""
    return split_message(body).body
