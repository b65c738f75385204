"""Plural sentences that read right before any translation is loaded.

Sentences with a count are written the Qt way, ``tr("%n conversation(s)", "", n)``,
so that ``pyside6-lupdate`` finds them and a translator gives every plural
form. With no translation loaded Qt only puts in the number; :func:`english`
then turns the "(s)" into English.
"""

from __future__ import annotations


def english(text: str, n: int) -> str:
    """``"(s)"`` read as English for ``n``: "1 conversation", "3 conversations"."""
    return text.replace("(s)", "" if n == 1 else "s")
