"""The sentences that say exactly what a removal will take off the server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo

from archiveviewer.domain import Collection, with_whom
from archiveviewer.ports.archive import ContactRow
from archiveviewer.ui.browser.dates import DateNode
from archiveviewer.ui.timefmt import format_day, format_day_time, local

LISTED = 8
IRREVERSIBLE = "They are removed from the server and from this computer. This cannot be undone."


def _conversations(n: int) -> str:
    return f"{n} conversation{'s' if n != 1 else ''}"


def selection_text(
    collections: Sequence[Collection], name_of: Callable[[str], str], tz: tzinfo | None
) -> str:
    """ "Remove these 3 conversations from the server?" and a list of who and when."""
    n = len(collections)
    lines = [
        f"Remove {'this conversation' if n == 1 else f'these {n} conversations'} from the server?",
        "",
    ]
    for c in collections[:LISTED]:
        who = with_whom(name_of(c.with_jid), c.with_jid)
        lines.append(f"• {who}, {format_day_time(c.start, tz)}")
    if n > LISTED:
        lines.append(f"• and {n - LISTED} more")
    lines += ["", IRREVERSIBLE]
    return "\n".join(lines)


def period_label(node: DateNode) -> str:
    """ "on Saturday 2 March 2024", "in March 2024" or "in 2024"."""
    if node.kind == "day":
        return f"on {format_day(node.first)}"
    if node.kind == "month":
        return f"in {node.first:%B %Y}"
    return f"in {node.first.year}"


def period_text(node: DateNode, contact: ContactRow | None) -> str:
    """ "Remove all 4 conversations with Juliet (juliet@…) in March 2024 from the server?"."""
    who = f"with {contact.label} ({contact.jid})" if contact else "with everyone"
    return (
        f"Remove all {_conversations(node.count)} {who} {period_label(node)} from the server?"
        f"\n\n{IRREVERSIBLE}"
    )


def contact_text(contact: ContactRow, tz: tzinfo | None) -> str:
    """ "Remove all 41 conversations with Juliet (…), from … to …, from the server?"."""
    span = ""
    if contact.first and contact.last:
        first, last = local(contact.first, tz).date(), local(contact.last, tz).date()
        span = (
            f", on {format_day(first)}"
            if first == last
            else (f", from {format_day(first)} to {format_day(last)}")
        )
    return (
        f"Remove all {_conversations(contact.collections)} with {contact.label} ({contact.jid})"
        f"{span}, from the server?\n\n{IRREVERSIBLE}"
    )
