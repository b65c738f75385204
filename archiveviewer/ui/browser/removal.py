"""The sentences that say exactly what a removal will take off the server.

They are translatable (``QCoreApplication.translate`` with context "Removal";
counts use ``%n`` with the count, see :mod:`archiveviewer.ui.plural`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication

from archiveviewer.domain import Collection, with_whom
from archiveviewer.ports.archive import ContactRow
from archiveviewer.ui import plural
from archiveviewer.ui.browser.dates import DateNode
from archiveviewer.ui.i18n import QT_TRANSLATE_NOOP
from archiveviewer.ui.timefmt import format_day, format_day_time, local

LISTED = 8


def _tr(text: str, n: int = -1) -> str:
    # The texts are marked with QT_TRANSLATE_NOOP where they are written, for lupdate.
    return plural.english(QCoreApplication.translate("Removal", text, None, n), n)


def what_happens(n: int) -> str:
    """ "It is removed …" for one conversation, "They are removed …" for more (to the trash)."""
    if n == 1:
        return _tr(
            QT_TRANSLATE_NOOP(
                "Removal",
                "It is removed from the server and kept in the trash on this computer "
                "(Archive → Trash…), from where you can restore it.",
            )
        )
    return _tr(
        QT_TRANSLATE_NOOP(
            "Removal",
            "They are removed from the server and kept in the trash on this computer "
            "(Archive → Trash…), from where you can restore them.",
        )
    )


def removed_news(n: int) -> str:
    """ "Removed 1 conversation." / "Removed 3 conversations."."""
    return _tr(QT_TRANSLATE_NOOP("Removal", "Removed %n conversation(s)."), n)


def selection_text(
    collections: Sequence[Collection], name_of: Callable[[str], str], tz: tzinfo | None
) -> str:
    """ "Remove these 3 conversations from the server?" and a list of who and when."""
    n = len(collections)
    question = (
        _tr(QT_TRANSLATE_NOOP("Removal", "Remove this conversation from the server?"))
        if n == 1
        else _tr(QT_TRANSLATE_NOOP("Removal", "Remove these %n conversations from the server?"), n)
    )
    lines = [question, ""]
    for c in collections[:LISTED]:
        who = with_whom(name_of(c.with_jid), c.with_jid)
        lines.append(f"• {who}, {format_day_time(c.start, tz)}")
    if n > LISTED:
        lines.append(_tr(QT_TRANSLATE_NOOP("Removal", "• and %n more"), n - LISTED))
    lines += ["", what_happens(n)]
    return "\n".join(lines)


def period_label(node: DateNode) -> str:
    """ "on Saturday 2 March 2024", "in March 2024" or "in 2024"."""
    if node.kind == "day":
        return _tr(QT_TRANSLATE_NOOP("Removal", "on %1")).replace("%1", format_day(node.first))
    if node.kind == "month":
        return _tr(QT_TRANSLATE_NOOP("Removal", "in %1")).replace("%1", f"{node.first:%B %Y}")
    return _tr(QT_TRANSLATE_NOOP("Removal", "in %1")).replace("%1", str(node.first.year))


def period_text(node: DateNode, contact: ContactRow | None) -> str:
    """ "Remove all 4 conversations with Juliet (juliet@…) in March 2024 from the server?"."""
    n = node.count
    if contact is None:
        question = (
            _tr(QT_TRANSLATE_NOOP("Removal", "Remove the one conversation %1 from the server?"))
            if n == 1
            else _tr(
                QT_TRANSLATE_NOOP("Removal", "Remove all %n conversations %1 from the server?"), n
            )
        ).replace("%1", period_label(node))
    else:
        question = (
            _tr(
                QT_TRANSLATE_NOOP(
                    "Removal", "Remove the one conversation with %1 (%2) %3 from the server?"
                )
            )
            if n == 1
            else _tr(
                QT_TRANSLATE_NOOP(
                    "Removal", "Remove all %n conversations with %1 (%2) %3 from the server?"
                ),
                n,
            )
        )
        question = _fill(question, contact.label, contact.jid, period_label(node))
    return f"{question}\n\n{what_happens(n)}"


def contact_text(contact: ContactRow, tz: tzinfo | None) -> str:
    """ "Remove all 41 conversations with Juliet (…), from … to …, from the server?"."""
    span = ""
    if contact.first and contact.last:
        first, last = local(contact.first, tz).date(), local(contact.last, tz).date()
        span = (
            _tr(QT_TRANSLATE_NOOP("Removal", ", on %1")).replace("%1", format_day(first))
            if first == last
            else _fill(
                _tr(QT_TRANSLATE_NOOP("Removal", ", from %1 to %2")),
                format_day(first),
                format_day(last),
            )
        )
    n = contact.collections
    question = (
        _tr(
            QT_TRANSLATE_NOOP(
                "Removal", "Remove the one conversation with %1 (%2)%3, from the server?"
            )
        )
        if n == 1
        else _tr(
            QT_TRANSLATE_NOOP(
                "Removal", "Remove all %n conversations with %1 (%2)%3, from the server?"
            ),
            n,
        )
    )
    return f"{_fill(question, contact.label, contact.jid, span)}\n\n{what_happens(n)}"


def _fill(text: str, *values: str) -> str:
    """Qt's ``%1``, ``%2`` … placeholders, filled in one pass (a value may contain "%2")."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], text)
