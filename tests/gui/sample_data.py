"""A small archive built in code, shown on first start until the user adds an account.

Stand-in until ``archiveviewer.formats`` reads ``resources/sample-archive.xml``:
``app.load_sample_archive`` is the one caller and the one place to switch.
The same data serves the GUI tests and ``tools/screenshots.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Contact,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Item,
    Message,
    Note,
)

ME = "romeo@montague.example"

ROSTER = (
    Contact("juliet@capulet.example", "Juliet", ("Family", "Verona")),
    Contact("benvolio@montague.example", "Benvolio", ("Family",)),
    Contact("mercutio@verona.example", "Mercutio", ("Friends",)),
    Contact("friar@church.example", "Friar Laurence", ()),
)

_LINES = (
    (Direction.FROM, "Wherefore art thou?"),
    (Direction.TO, "Right here, under the balcony."),
    (Direction.FROM, "The orchard walls are high and hard to climb."),
    (Direction.TO, "With love's light wings did I o'erperch these walls."),
    (Direction.FROM, "If they do see thee, they will murder thee."),
    (Direction.TO, "Alack, there lies more peril in thine eye than twenty of their swords."),
)


def _talk(start: datetime, lines: tuple[tuple[Direction, str], ...], gap: int = 40) -> list[Item]:
    return [
        Message(direction, start + timedelta(seconds=gap * n), body)
        for n, (direction, body) in enumerate(lines)
    ]


def _collection(
    jid: str, start: datetime, items: list[Item], subject: str | None = None, crypt: bool = False
) -> Collection:
    return Collection(CollectionId(start, jid), subject=subject, crypt=crypt, items=tuple(items))


def _juliet() -> list[Collection]:
    jid = "juliet@capulet.example/balcony"
    found = []
    for week in range(40):
        start = datetime(2024, 1, 6, 21, 30, tzinfo=UTC) + timedelta(days=7 * week, hours=week % 5)
        found.append(_collection(jid, start, _talk(start, _LINES[week % 3 :][:4])))
    first = datetime(2023, 11, 14, 22, 5, tzinfo=UTC)
    items = _talk(first, _LINES)
    items.insert(3, Note("She said yes. Remember the orchard wall.", first + timedelta(minutes=3)))
    found.append(_collection(jid, first, items, subject="At the balcony"))
    return found


def _mercutio() -> list[Collection]:
    start = datetime(2024, 3, 2, 12, 0, tzinfo=UTC)
    lines = (
        (Direction.FROM, "Come, we burn daylight, ho!"),
        (Direction.TO, "Peace, peace, Mercutio, peace! Thou talk'st of nothing."),
        (Direction.FROM, "True, I talk of dreams. Queen Mab hath been with you."),
    )
    return [_collection("mercutio@verona.example", start, _talk(start, lines), "Queen Mab")]


def _room() -> list[Collection]:
    start = datetime(2024, 2, 10, 18, 45, tzinfo=UTC)
    said = (
        ("Benvolio", "Here comes the furious Tybalt back again."),
        ("Tybalt", "Thou wretched boy, that didst consort him here."),
        ("Mercutio", "A plague o' both your houses!"),
    )
    items: list[Item] = [
        Message(Direction.FROM, start + timedelta(seconds=20 * n), text, nick=nick)
        for n, (nick, text) in enumerate(said)
    ]
    items.append(Message(Direction.TO, start + timedelta(seconds=90), "Gentlemen, for shame!"))
    return [_collection("square@rooms.verona.example", start, items, subject="The square")]


def _friar() -> list[Collection]:
    start = datetime(2024, 4, 1, 6, 15, tzinfo=UTC)
    secret = EncryptedItem(
        EncryptedKind.DATA,
        '<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"/>',
        key_name="friar-2024",
    )
    return [_collection("friar@church.example", start, [secret], subject=None, crypt=True)]


def sample_collections() -> list[Collection]:
    """Every collection of the sample archive."""
    return _juliet() + _mercutio() + _room() + _friar()
