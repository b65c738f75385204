"""The bookmark editor's pure rules: divergence, import merging, names, a table each."""

import pytest

from archiveviewer.domain import BookmarkEntry, BookmarkHome, Conference, UrlBookmark
from archiveviewer.protocol import bookmark_rules as rules
from archiveviewer.protocol import bookmarks as codec
from archiveviewer.protocol.bookmarks import InvalidBookmark

N, P, V = BookmarkHome.NATIVE, BookmarkHome.PEP, BookmarkHome.PRIVATE
ALL = frozenset(BookmarkHome)
ROOM = Conference(jid="council@muc.example.org", name="Council", nick="hamlet")
EXT = ("<x xmlns='urn:example:client'/>",)


def entry_of(*copies: tuple[BookmarkHome, Conference | UrlBookmark]) -> BookmarkEntry:
    (merged,) = codec.merge({home: [b] for home, b in copies})
    return merged


DIVERGENCE = [
    pytest.param([(N, ROOM), (P, ROOM), (V, ROOM)], ALL, (), id="in-step"),
    pytest.param([(V, ROOM)], frozenset({V}), (), id="only-home-offered"),
    pytest.param(
        [(N, ROOM)],
        ALL,
        ("in PEP (XEP-0402) but not in PEP (XEP-0048), private storage",),
        id="only-native",
    ),
    pytest.param(
        [(N, ROOM), (P, ROOM.__class__(**{**ROOM.__dict__, "nick": "ophelia"})), (V, ROOM)],
        ALL,
        ("different nick",),
        id="nick",
    ),
    pytest.param(
        [
            (N, ROOM),
            (P, ROOM),
            (V, Conference(jid=ROOM.jid, name="Council", nick="hamlet", password="secret-word")),
        ],
        ALL,
        ("different password",),
        id="password-named-not-shown",
    ),
    pytest.param(
        [
            (N, Conference(jid=ROOM.jid, name="Council", nick="hamlet", extra=EXT)),
            (P, ROOM),
            (V, ROOM),
        ],
        ALL,
        (),
        id="extensions-not-compared",
    ),
    pytest.param(
        [(P, UrlBookmark(url="https://example.org/", name="Ex"))],
        ALL,
        ("in PEP (XEP-0048) but not in private storage",),
        id="url-never-wanted-in-native",
    ),
]


@pytest.mark.parametrize(("copies", "offered", "expected"), DIVERGENCE)
def test_differences(copies, offered, expected) -> None:
    found = rules.differences(entry_of(*copies), offered)
    assert found == expected
    assert all("secret" not in phrase for phrase in found)
    assert rules.in_step(entry_of(*copies), offered) is (expected == ())


CHECKS = [
    pytest.param(
        Conference(jid=" Council@MUC.example.org ", name="C"),
        frozenset({N, V}),
        Conference(jid="council@muc.example.org", name="C"),
        None,
        id="normalised",
    ),
    pytest.param(
        Conference(jid="council@muc.example.org"),
        frozenset({N}),
        Conference(jid="council@muc.example.org"),
        None,
        id="native-needs-no-name",
    ),
    pytest.param(
        Conference(jid="council@muc.example.org"),
        frozenset({V}),
        None,
        "needs a name to be stored in private storage",
        id="legacy-needs-a-name",
    ),
    pytest.param(
        Conference(jid="council@muc.example.org", name="  "),
        frozenset({N}),
        None,
        "only spaces",
        id="blank-name",
    ),
    pytest.param(
        Conference(jid="not a jid@", name="x"),
        frozenset({N}),
        None,
        "not a valid chat room address",
        id="bad-jid",
    ),
    pytest.param(
        UrlBookmark(url="htp:/nowhere", name="x"),
        frozenset({V}),
        None,
        "must start with http",
        id="bad-url",
    ),
]


@pytest.mark.parametrize(("bookmark", "homes", "expected", "refusal"), CHECKS)
def test_check_for_homes(bookmark, homes, expected, refusal) -> None:
    if refusal is None:
        assert rules.check_for_homes(bookmark, homes) == expected
        return
    with pytest.raises(InvalidBookmark, match=refusal):
        rules.check_for_homes(bookmark, homes)


def test_a_refused_bookmark_never_names_its_password() -> None:
    with pytest.raises(InvalidBookmark) as refused:
        rules.check_for_homes(Conference(jid="bad jid", password="hunter2"), {N})
    assert "hunter2" not in refused.value.user_message


IMPORTS = [
    pytest.param({}, [ROOM], [ROOM], (1, 0, 0), id="new-room-added"),
    pytest.param({ROOM.jid: ROOM}, [ROOM], [], (0, 0, 1), id="same-room-unchanged"),
    pytest.param(
        {ROOM.jid: Conference(jid=ROOM.jid, name="Old", extra=EXT, extra_attrs=(("{u:a}x", "1"),))},
        [Conference(jid=ROOM.jid, name="New", nick="n")],
        [Conference(jid=ROOM.jid, name="New", nick="n", extra=EXT, extra_attrs=(("{u:a}x", "1"),))],
        (0, 1, 0),
        id="updated-keeps-extensions",
    ),
    pytest.param(
        {},
        [Conference(jid="Council@MUC.example.org", name="A"), ROOM],
        [ROOM],
        (1, 0, 0),
        id="listed-twice-counts-once-by-room-jid",
    ),
    pytest.param(
        {ROOM.jid: ROOM},
        [UrlBookmark(url="https://example.org/", name="Ex")],
        [UrlBookmark(url="https://example.org/", name="Ex")],
        (1, 0, 0),
        id="nothing-removed",
    ),
]


@pytest.mark.parametrize(("current", "imported", "writes", "counts"), IMPORTS)
def test_merge_import(current, imported, writes, counts) -> None:
    plan = rules.merge_import(current, imported)
    assert list(plan.writes) == writes
    assert (plan.added, plan.updated, plan.unchanged) == counts


def test_export_then_import_changes_nothing() -> None:
    entries = codec.merge({N: [Conference(jid=ROOM.jid, name="C", extra=EXT)], V: [ROOM]})
    storage = codec.build_storage(rules.export_storage(entries))
    again = codec.parse_storage(storage).bookmarks
    plan = rules.merge_import({e.key: e.bookmark for e in entries}, again)
    assert plan.writes == ()
    assert plan.unchanged == 1
