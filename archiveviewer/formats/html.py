"""Conversations as one self-contained HTML page, for reading in any browser.

The page needs nothing but itself: its style sheet is inline, it has no
script, no image and no link to fetch, and a ``Content-Security-Policy``
meta tag tells the browser to fetch nothing even if a message's text looked
like markup. Every text from the archive (names, subjects, bodies, notes) is
escaped. The layout follows the reader: a heading per conversation, then one
row per item with its time, who spoke, and the text; the user's own lines
are set apart from the contact's, notes and encrypted items in italics.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping

from archiveviewer.domain import (
    Collection,
    EncryptedItem,
    Message,
    Note,
    bare_jid,
    speaker,
    with_whom,
)
from archiveviewer.formats.text import ENCRYPTED_TEXT, export_time

#: Forbids every fetch: the page is complete as it is.
CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_STYLE = """
body { font-family: sans-serif; margin: 2em auto; max-width: 50em; color: #222; }
section { border-top: 1px solid #ccc; padding-top: 0.5em; margin-bottom: 2em; }
h2 { font-size: 1.2em; margin: 0.2em 0; }
p.meta { color: #666; margin: 0.2em 0 0.8em 0; }
table { border-collapse: collapse; width: 100%; }
td { vertical-align: top; padding: 0.15em 0.5em; }
td.time { color: #666; white-space: nowrap; font-size: 0.9em; }
td.who { font-weight: bold; white-space: nowrap; }
tr.to td.who { color: #1a5fb4; }
tr.from td.who { color: #a51d2d; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
tr.note td, tr.encrypted td { font-style: italic; color: #555; }
"""


def archive_as_html(
    collections: Iterable[Collection], names: Mapping[str, str], *, title: str
) -> Iterator[str]:
    """The page, piece by piece, so that a long export never sits whole in memory.

    ``names`` maps a bare JID to its roster name; ``title`` heads the page.
    """
    yield (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n"
    )
    for collection in collections:
        contact = names.get(bare_jid(collection.with_jid), collection.with_jid)
        yield conversation_html(collection, contact)
    yield "</body>\n</html>\n"


def conversation_html(collection: Collection, contact: str) -> str:
    """One conversation as a ``<section>``: heading, start, subject, one row per item."""
    rows = [
        "<section>",
        f"<h2>Conversation with {_e(with_whom(contact, collection.with_jid))}</h2>",
        f'<p class="meta">Started {_e(export_time(collection.start))}'
        + (f" · Subject: {_e(collection.subject)}" if collection.subject else "")
        + "</p>",
        "<table>",
    ]
    for item in collection.items:
        if isinstance(item, Message):
            rows.append(
                _row(item.direction.value, export_time(item.time), speaker(item, contact),
                     item.body or "")
            )  # fmt: skip
        elif isinstance(item, Note):
            rows.append(
                _row("note", export_time(item.time) if item.time else "", "Note", item.text)
            )
        elif isinstance(item, EncryptedItem):
            rows.append(_row("encrypted", "", "", ENCRYPTED_TEXT))
    rows += ["</table>", "</section>\n"]
    return "\n".join(rows)


def _row(kind: str, time: str, who: str, text: str) -> str:
    return (
        f'<tr class="{kind}"><td class="time">{_e(time)}</td>'
        f'<td class="who">{_e(who)}</td><td class="text">{_e(text)}</td></tr>'
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)
