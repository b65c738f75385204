"""Export formats: one table of cases, each written and read back (h11 style); hostile files."""

# ruff: noqa: E501  (XML fixtures read best one element a line)

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveviewer.domain import (
    Collection,
    CollectionId,
    Direction,
    EncryptedItem,
    EncryptedKind,
    Message,
    Note,
)
from archiveviewer.errors import KnownError, MalformedInput
from archiveviewer.formats.conversations import archived_messages, conversations
from archiveviewer.formats.html import archive_as_html
from archiveviewer.formats.text import archive_as_text
from archiveviewer.formats.xep0136_file import read_archive, write_archive
from archiveviewer.formats.xep0227 import (
    ArchivedMessage,
    PepItem,
    PepNode,
    PortableAccount,
    RosterItem,
    write_account,
)
from archiveviewer.formats.xep0227_file import read_export

T = datetime(2024, 3, 1, 20, 15, 7, tzinfo=UTC)
ROMEO = "romeo@montague.lit"
JULIET = "juliet@capulet.lit/balcony"
ROOM = "verona@conference.montague.lit"


def at(seconds: int) -> datetime:
    return T + timedelta(seconds=seconds)


BOOKMARKS = (
    '<storage xmlns="storage:bookmarks"><conference jid="verona@conference.montague.lit" '
    'autojoin="true" name="Verona"><nick>romeo</nick></conference></storage>'
)
NATIVE = '<conference xmlns="urn:xmpp:bookmarks:1" name="Verona" autojoin="true"><nick>romeo</nick></conference>'

#: Collections that survive every format that keeps conversations (XEP-0136 file, XEP-0227).
CONVERSATIONS = [
    pytest.param(
        [Collection(CollectionId(T, JULIET), items=(
            Message(Direction.FROM, T, "Art thou not Romeo?"),
            Message(Direction.TO, at(11), "Neither, fair saint & <maid>."),
        ))],
        id="chat",
    ),
    pytest.param(
        [Collection(CollectionId(T, ROOM), items=(
            Message(Direction.FROM, T, "A bawd!", nick="mercutio"),
            Message(Direction.FROM, at(5), "What hast thou found?", nick="romeo2"),
        ))],
        id="groupchat",
    ),
    pytest.param(
        [
            Collection(CollectionId(T, JULIET), items=(Message(Direction.TO, T, "Good night"),)),
            Collection(CollectionId(at(7200), JULIET), items=(Message(Direction.FROM, at(7200), "Again"),)),
            Collection(CollectionId(at(10), "nurse@capulet.lit"), items=(
                Message(Direction.FROM, at(10), "Juliet!"),)),
        ],
        id="two contacts, two conversations",
    ),
    pytest.param(
        [Collection(CollectionId(T, JULIET), items=(
            Message(Direction.FROM, T, "😀 ümlaut\nsecond line"),
            Message(Direction.TO, at(1), None),
        ))],
        id="unicode, newlines, no body",
    ),
]  # fmt: skip


@pytest.mark.parametrize("collections", CONVERSATIONS)
def test_the_xep0136_file_gives_back_what_was_written(
    collections: list[Collection], tmp_path: Path
) -> None:
    path = tmp_path / "archive.xml"
    write_archive(collections, path)
    assert sorted(read_archive(path), key=lambda c: c.id) == sorted(collections, key=lambda c: c.id)


@pytest.mark.parametrize("collections", CONVERSATIONS)
def test_xep0227_gives_back_the_conversations_written(
    collections: list[Collection], tmp_path: Path
) -> None:
    path = tmp_path / "romeo@montague.lit.xml"
    write_account(
        PortableAccount(ROMEO, archive=tuple(archived_messages(collections, ROMEO))), path
    )
    (account,) = read_export(path)
    assert conversations(account.archive) == sorted(collections, key=lambda c: c.id)


ACCOUNTS = [
    pytest.param(PortableAccount(ROMEO), id="empty"),
    pytest.param(
        PortableAccount(ROMEO, roster=(
            RosterItem("juliet@capulet.lit", "Juliet", ("Capulets", "Friends"), "both"),
            RosterItem("tybalt@capulet.lit", None, (), "none", "subscribe"),
            RosterItem("nurse@capulet.lit", "Nurse & co", (), "from"),
        )),
        id="roster",
    ),
    pytest.param(
        PortableAccount(ROMEO, private=(BOOKMARKS, "<exodus xmlns=\"exodus:prefs\"><defaultnick>Romeo</defaultnick></exodus>")),
        id="private XML",
    ),
    pytest.param(
        PortableAccount(ROMEO, pep=(
            PepNode("urn:xmpp:bookmarks:1",
                    (("pubsub#access_model", ("whitelist",)), ("pubsub#persist_items", ("true",))),
                    (PepItem(ROOM, NATIVE),)),
            PepNode("http://jabber.org/protocol/nick", (), (PepItem("current", "<nick xmlns=\"http://jabber.org/protocol/nick\">Romy</nick>"),)),
            PepNode("empty-node", (("pubsub#max_items", ("10",)),), ()),
        )),
        id="PEP nodes",
    ),
    pytest.param(
        PortableAccount(ROMEO, archive=(
            ArchivedMessage("a1", T, Direction.FROM, JULIET, "Hello"),
            ArchivedMessage("a2", at(3), Direction.TO, JULIET, "Hi", "chat",
                            ("<active xmlns=\"http://jabber.org/protocol/chatstates\" />",)),
        )),
        id="archive",
    ),
]  # fmt: skip


@pytest.mark.parametrize("account", ACCOUNTS)
def test_xep0227_gives_back_every_kind_of_item(account: PortableAccount, tmp_path: Path) -> None:
    path = tmp_path / "romeo@montague.lit.xml"
    write_account(account, path)
    assert read_export(path) == [account]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "password" not in path.read_text(encoding="utf-8")


def test_text_and_html_name_speakers_and_escape(tmp_path: Path) -> None:
    collection = Collection(CollectionId(T, JULIET), subject="<b>Balcony</b>", items=(
        Message(Direction.FROM, T, "<script>alert(1)</script> & more"),
        Message(Direction.TO, at(11), "Neither"),
        Note("remember", at(20)),
        EncryptedItem(EncryptedKind.DATA, "<EncryptedData/>"),
    ))  # fmt: skip
    text = "".join(archive_as_text([collection], {"juliet@capulet.lit": "Juliet"}))
    assert "2024-03-01 20:15:07 UTC  Juliet: <script>alert(1)</script> & more" in text
    assert "2024-03-01 20:15:18 UTC  me: Neither" in text
    page = "".join(archive_as_html([collection], {"juliet@capulet.lit": "Juliet"}, title="Romeo"))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "&lt;b&gt;Balcony&lt;/b&gt;" in page
    assert "://" not in page
    assert "src=" not in page
    assert "default-src 'none'" in page


# --- XInclude and hostile exports ---------------------------------------------------------

HEAD = "<?xml version='1.0'?>\n"
XI = "xmlns:xi='http://www.w3.org/2001/XInclude'"


def layout(folder: Path, user_file: str) -> Path:
    (folder / "capulet.lit").mkdir()
    (folder / "capulet.lit" / "juliet.xml").write_text(user_file, encoding="utf-8")
    (folder / "capulet.lit.xml").write_text(
        f"{HEAD}<host xmlns='urn:xmpp:pie:0' {XI} jid='capulet.lit'>"
        "<xi:include href='capulet.lit/juliet.xml'/></host>",
        encoding="utf-8",
    )
    main = folder / "main.xml"
    main.write_text(
        f"{HEAD}<server-data xmlns='urn:xmpp:pie:0' {XI}>"
        "<xi:include href='capulet.lit.xml'/></server-data>",
        encoding="utf-8",
    )
    return main  # fmt: skip


def test_the_xinclude_layout_is_followed(tmp_path: Path) -> None:
    main = layout(tmp_path, f"{HEAD}<user xmlns='urn:xmpp:pie:0' {XI} name='juliet'>"
        "<query xmlns='jabber:iq:roster'><item jid='romeo@montague.lit' name='Romeo' subscription='both'/></query>"
        "<xi:include href='archive.xml'/>"
        "<query xmlns='jabber:iq:private'><x xmlns='my:ns'><xi:include href='/etc/passwd'/></x></query>"
        "</user>")  # fmt: skip
    (tmp_path / "capulet.lit" / "archive.xml").write_text(
        "<archive xmlns='urn:xmpp:pie:0#mam'><result xmlns='urn:xmpp:mam:2' id='1'>"
        "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2024-03-01T20:15:07Z'/>"
        "<message xmlns='jabber:client' from='romeo@montague.lit/x' to='juliet@capulet.lit' type='chat'>"
        "<body>Hi</body></message></forwarded></result></archive>", encoding="utf-8")  # fmt: skip
    (account,) = read_export(main)
    assert account.jid == "juliet@capulet.lit"
    assert [r.name for r in account.roster] == ["Romeo"]
    assert [(m.direction, m.body) for m in account.archive] == [(Direction.FROM, "Hi")]
    assert "/etc/passwd" in account.private[0]  # user data below <user/>: kept, never followed


@pytest.mark.parametrize(
    ("href", "words"),
    [
        ("../../etc/passwd", "outside the export"),
        ("/etc/passwd", "not a file beside the export"),
        ("file:///etc/passwd", "not a file beside the export"),
        ("http://example.com/x.xml", "not a file beside the export"),
        ("juliet.xml' parse='text", "parse"),
        ("juliet.xml' xpointer='x", "xpointer"),
        ("main.xml", "more than once"),
    ],
)
def test_hostile_includes_are_refused_with_a_sentence(
    tmp_path: Path, href: str, words: str
) -> None:
    main = layout(tmp_path, f"{HEAD}<user xmlns='urn:xmpp:pie:0' {XI} name='juliet'>"
                  f"<xi:include href='{href}'/></user>")  # fmt: skip
    if href == "main.xml":
        (tmp_path / "capulet.lit" / "main.xml").symlink_to(main)
    with pytest.raises(MalformedInput, match=words):
        read_export(main)


def test_entities_and_huge_exports_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><server-data xmlns='urn:xmpp:pie:0'>&a;</server-data>"
    )
    with pytest.raises(MalformedInput, match="document type"):
        read_export(bomb)
    big = tmp_path / "big.xml"
    big.write_text("<server-data xmlns='urn:xmpp:pie:0'>" + " " * 300_000 + "</server-data>")
    with pytest.raises(MalformedInput, match="larger"):
        read_export(big, max_bytes=100_000)
    with pytest.raises(KnownError, match="could not be opened"):
        read_export(tmp_path / "missing.xml")
