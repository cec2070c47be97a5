"""mailto: links (RFC 6068) and .eml files for a drafted email."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import quote

from coffeechat.lib.control_chars import has_controls, without_controls


def mailto_url(to: str, subject: str = "", body: str = "") -> str:
    """A mailto: URL; line breaks become CRLF and every reserved character is encoded."""
    address = quote(to.strip(), safe="@")
    fields = []
    if subject:
        fields.append("subject=" + quote(subject, safe=""))
    if body:
        crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
        fields.append("body=" + quote(crlf, safe=""))
    return f"mailto:{address}" + ("?" + "&".join(fields) if fields else "")


def eml_bytes(to: str, subject: str, body: str, sender: str = "") -> bytes:
    """An unsent message that mail programs open as a draft ready to send."""
    message = EmailMessage()
    if sender and not has_controls(sender):
        message["From"] = sender
    if to and not has_controls(to):
        message["To"] = to
    message["Subject"] = without_controls(subject)  # a line break would end the header
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # Outlook and Apple Mail open it as a draft
    message.set_content(body)
    return bytes(message)
