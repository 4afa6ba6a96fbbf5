"""MHTML (a web page and its images in one MIME message, ``.mht``): the page read out and put
back. html-docx-js and other web applications embed one whole in a Word file
(``w:altChunk``), which Word converts when it opens the file."""

from __future__ import annotations

import base64
import email
import quopri
from email.message import Message
from email.policy import compat32

#: Written back as it was read but for the page: no ``>From`` quoting, MIME's line ends.
_POLICY = compat32.clone(mangle_from_=False, linesep="\r\n")


def _page_part(message: Message) -> Message | None:
    return next((part for part in message.walk() if part.get_content_type() == "text/html"),
                None)


def page_of(data: bytes) -> bytes | None:
    """The bytes of the message's web page (``text/html``), decoded from its transfer
    encoding; None when it has none."""
    part = _page_part(email.message_from_bytes(data))
    if part is None:
        return None
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else None


def with_page(data: bytes, page: bytes) -> bytes:
    """The message ``data`` with its web page's bytes replaced by ``page``, in the page's
    transfer encoding (quoted-printable, base64, or as it is); the headers and the other
    parts (images) as they were."""
    message = email.message_from_bytes(data)
    part = _page_part(message)
    if part is None:
        return data
    encoding = (part.get("Content-Transfer-Encoding") or "").strip().lower()
    if encoding == "quoted-printable":
        part.set_payload(quopri.encodestring(page).decode("ascii"))
    elif encoding == "base64":
        part.set_payload(base64.encodebytes(page).decode("ascii"))
    else:
        part.set_payload(page.decode("utf-8", "surrogateescape"))
    return message.as_bytes(policy=_POLICY)
