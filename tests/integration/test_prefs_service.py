"""Archiving preferences through the service, against the real Prosody, in both dialects."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
import pytest_asyncio

from archiveviewer.domain import AutoArchiving, Dialect, MethodUse, OtrMode, SaveMode, SaveRule
from archiveviewer.errors import ServerError
from archiveviewer.ports.prefs import ChangeKind, PreferenceRefused, PrefsChange, PrefsUnavailable
from archiveviewer.services.connection import Connection
from archiveviewer.services.prefs import AUTO_ON_NOTICE, PrefsService
from archiveviewer.xmpp.session import AccountSession, AccountSettings
from tests.integration.xmpp_helpers import new_account
from tests.server.prosody import ProsodyServer

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]

ROMEO = "romeo@montague.net"


@pytest.fixture(params=[Dialect.SEED, Dialect.URN], ids=["seed", "urn"])
def dialect(request: pytest.FixtureRequest) -> Dialect:
    return request.param  # type: ignore[no-any-return]


async def open_service(settings: AccountSettings, dialect: Dialect) -> PrefsService:
    session = AccountSession(settings)
    await session.connect()
    await session.archive.discover(prefer=dialect)
    connection = Connection()
    connection.network = session
    return PrefsService(connection)


async def close(service: PrefsService) -> None:
    network = service.connection.network
    assert network is not None
    await network.disconnect()


@pytest_asyncio.fixture
async def service(prosody: ProsodyServer, dialect: Dialect) -> AsyncIterator[PrefsService]:
    opened = await open_service(new_account(prosody), dialect)
    yield opened
    await close(opened)


@dataclass(frozen=True)
class Words:
    """Values of each dialect for the same intent."""

    allow: OtrMode
    try_: OtrMode
    whole: SaveMode
    may: MethodUse
    never: MethodUse


def words(dialect: Dialect) -> Words:
    if dialect is Dialect.SEED:
        return Words(OtrMode.ALLOW, OtrMode.TRY, SaveMode.ALL, MethodUse.ALLOW, MethodUse.NEVER)
    return Words(
        OtrMode.CONCEDE, OtrMode.PREFER, SaveMode.MESSAGE, MethodUse.CONCEDE, MethodUse.FORBID
    )


async def test_a_new_account_shows_the_servers_default_as_unset(service: PrefsService) -> None:
    snapshot = await service.load()
    assert snapshot.prefs.default is not None
    assert snapshot.prefs.default.unset is True
    assert {kind for kind, _ in snapshot.prefs.methods} == {"auto", "local", "manual"}


async def test_every_field_round_trips(service: PrefsService, dialect: Dialect) -> None:
    w = words(dialect)
    default = SaveRule(SaveMode.BODY, w.allow, expire=31536000)
    romeo = SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid=ROMEO)
    benvolio = SaveRule(w.whole, w.try_, jid="benvolio@montague.net", expire=630720000)
    domain = SaveRule(
        SaveMode.BODY,
        w.allow,
        jid="capulet.com",
        exactmatch=dialect is Dialect.URN,
    )
    methods = (("auto", w.never), ("local", w.may), ("manual", MethodUse.PREFER))
    await service.save_default(default)
    for item in (romeo, benvolio, domain):
        await service.save_item(item)
    await service.save_methods(methods)
    scope = "stream" if dialect is Dialect.URN else None
    await service.set_auto(AutoArchiving(True, scope=scope))
    prefs = (await service.load()).prefs
    assert prefs.default == default
    assert set(prefs.items) == {romeo, benvolio, domain}
    assert dict(prefs.methods) == dict(methods)
    assert prefs.auto is not None
    assert prefs.auto.save is True
    await service.set_auto(AutoArchiving(False))
    prefs = (await service.load()).prefs
    assert prefs.auto is not None
    assert prefs.auto.save is False


async def test_never_expiring_replaces_an_expiry(service: PrefsService, dialect: Dialect) -> None:
    allow = words(dialect).allow
    await service.save_item(SaveRule(SaveMode.BODY, allow, jid=ROMEO, expire=60))
    await service.save_item(SaveRule(SaveMode.BODY, allow, jid=ROMEO))
    [item] = (await service.load()).prefs.items
    assert item.expire is None


async def test_invalid_combinations_are_refused_before_sending(
    service: PrefsService, dialect: Dialect
) -> None:
    before = (await service.load()).prefs
    other = SaveMode.MESSAGE if dialect is Dialect.SEED else SaveMode.ALL
    with pytest.raises(PreferenceRefused) as refused:
        await service.save_default(SaveRule(SaveMode.BODY, OtrMode.REQUIRE))
    assert set(refused.value.reasons) == {"save"}
    with pytest.raises(PreferenceRefused) as refused:
        await service.save_item(SaveRule(other, OtrMode.REQUIRE, jid=ROMEO))
    assert "does not exist on this server" in refused.value.reasons["save"]
    with pytest.raises(PreferenceRefused):
        await service.save_item(SaveRule(SaveMode.FALSE, OtrMode.REQUIRE, jid="a@@b"))
    with pytest.raises(PreferenceRefused):
        await service.set_auto(AutoArchiving(True, encrypt=True))  # no #encrypt here
    assert (await service.load()).prefs == before


async def test_removing_a_contact_preference(service: PrefsService, dialect: Dialect) -> None:
    allow = words(dialect).allow
    await service.save_item(SaveRule(SaveMode.BODY, allow, jid=ROMEO))
    if dialect is Dialect.SEED:
        with pytest.raises(PreferenceRefused, match="default's values"):
            await service.remove_item(ROMEO)
        return
    await service.remove_item(ROMEO)
    assert (await service.load()).prefs.items == ()
    with pytest.raises(ServerError, match="no preference for this contact"):
        await service.remove_item(ROMEO)


async def test_pushes_from_another_resource_reach_the_watcher(
    prosody: ProsodyServer, dialect: Dialect
) -> None:
    settings = new_account(prosody)
    laptop = await open_service(settings, dialect)
    phone = await open_service(settings, dialect)
    try:
        changes: asyncio.Queue[PrefsChange] = asyncio.Queue()
        laptop.watch(changes.put_nowait)
        await laptop.load()  # the server pushes to resources that asked
        allow = words(dialect).allow
        await phone.save_item(SaveRule(SaveMode.BODY, allow, jid=ROMEO, expire=604800))
        pushed = await asyncio.wait_for(changes.get(), 10)
        assert pushed.kind is ChangeKind.PUSHED
        assert [i.jid for i in pushed.prefs.items] == [ROMEO]
        if dialect is Dialect.URN:
            await phone.remove_item(ROMEO)
            removed = await asyncio.wait_for(changes.get(), 10)
            assert (removed.kind, removed.removed) == (ChangeKind.REMOVED, (ROMEO,))
    finally:
        await close(phone)
        await close(laptop)


async def test_a_server_without_pref_says_so(
    make_prosody: Callable[..., ProsodyServer], dialect: Dialect
) -> None:
    server = make_prosody(pref=False)
    service = await open_service(new_account(server), dialect)
    try:
        with pytest.raises(PrefsUnavailable, match="does not let clients read or change"):
            await service.load()
        assert await service.auto_archiving_notice() is None
    finally:
        await close(service)


async def test_a_compulsory_archive_is_told_once_and_refusals_are_sentences(
    make_prosody: Callable[..., ProsodyServer], dialect: Dialect
) -> None:
    server = make_prosody(required_save="body")
    service = await open_service(new_account(server), dialect)
    try:
        assert await service.auto_archiving_notice() == AUTO_ON_NOTICE
        assert await service.auto_archiving_notice() is None
        with pytest.raises(ServerError, match="administrator requires"):
            await service.save_default(SaveRule(SaveMode.FALSE, words(dialect).allow))
        with pytest.raises(ServerError, match=r"automatic archiving|administrator"):
            await service.set_auto(AutoArchiving(False))
    finally:
        await close(service)


async def test_the_effective_policy_reads_what_the_server_holds(service: PrefsService) -> None:
    snapshot = await service.load()
    dialect = snapshot.capabilities.dialect
    allow = words(dialect).allow
    await service.save_item(SaveRule(SaveMode.FALSE, allow, jid="montague.net"))
    prefs = (await service.load()).prefs
    found = service.effective(prefs, "romeo@montague.net/orchard", dialect)
    assert found.source == "domain item"
    assert found.summary.startswith("nothing saved")
    with pytest.raises(PreferenceRefused):
        service.effective(prefs, "@@", dialect)
