"""The account session against the real Prosody: login, trust, roster, disco, reconnecting."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import replace
from pathlib import Path

import pytest

from archiveviewer.domain import Contact
from archiveviewer.errors import (
    AuthenticationFailed,
    HostUnreachable,
    NotConnected,
    Timeout,
    UntrustedCertificate,
)
from archiveviewer.xmpp.session import AccountSession, AccountSettings, SessionState
from tests.integration.xmpp_helpers import (
    StateLog,
    connected,
    new_account,
    server_fingerprint,
)
from tests.server.prosody import ProsodyServer, make_certificate

pytestmark = [pytest.mark.prosody, pytest.mark.asyncio]


async def test_connects_with_starttls_and_reports_the_server_features(
    prosody: ProsodyServer,
) -> None:
    settings = new_account(prosody)
    session = AccountSession(settings)
    log = StateLog(session)
    await session.connect()
    try:
        assert session.jid.bare == settings.jid
        assert isinstance(session.client.socket, ssl.SSLObject)  # STARTTLS happened
        assert "http://jabber.org/protocol/disco#info" in await session.server_features()
        assert await session.account_features() is await session.account_features()
    finally:
        await session.disconnect()
    assert log.states == [
        SessionState.CONNECTING,
        SessionState.CONNECTED,
        SessionState.DISCONNECTED,
    ]


async def test_the_roster_has_the_names_and_groups_the_user_gave(prosody: ProsodyServer) -> None:
    settings = new_account(prosody)
    async with connected(settings) as editor:
        await editor.client.update_roster(
            "juliet@capulet.example", name="Juliet", groups=["Capulets", "Balcony"]
        )
        await editor.client.update_roster("nurse@capulet.example", groups=[])
    async with connected(settings) as session:
        contacts = await session.roster()
    assert contacts == (
        Contact("juliet@capulet.example", "Juliet", ("Balcony", "Capulets")),
        Contact("nurse@capulet.example", None, ()),
    )


async def test_a_wrong_password_is_an_authentication_failure(prosody: ProsodyServer) -> None:
    settings = replace(new_account(prosody), password="wrong")
    session = AccountSession(settings)
    log = StateLog(session)
    with pytest.raises(AuthenticationFailed) as caught:
        await session.connect()
    assert settings.jid in caught.value.user_message
    assert log.changes[-1].state is SessionState.FAILED
    assert log.changes[-1].sentence == caught.value.user_message


async def test_an_untrusted_certificate_is_refused_with_its_fingerprint(
    prosody: ProsodyServer, tmp_path: Path
) -> None:
    other_ca, _ = make_certificate(tmp_path, prosody.host)
    settings = new_account(prosody, ca_certs=other_ca)
    with pytest.raises(UntrustedCertificate) as caught:
        await AccountSession(settings).connect()
    assert caught.value.fingerprint == server_fingerprint(prosody)
    assert caught.value.fingerprint in caught.value.user_message
    # What the trust dialog shows and files the pin under.
    assert caught.value.host == prosody.host
    assert caught.value.reason


async def test_a_pinned_certificate_is_trusted_without_a_ca(prosody: ProsodyServer) -> None:
    settings = new_account(prosody, ca_certs=None, pinned_fingerprint=server_fingerprint(prosody))
    async with connected(settings) as session:
        assert session.connected


async def test_a_pin_of_another_certificate_is_refused(prosody: ProsodyServer) -> None:
    other = "AA:" * 31 + "AA"
    settings = new_account(prosody, ca_certs=None, pinned_fingerprint=other)
    with pytest.raises(UntrustedCertificate) as caught:
        await AccountSession(settings).connect()
    assert caught.value.fingerprint == server_fingerprint(prosody)


async def test_a_closed_port_is_unreachable(prosody: ProsodyServer) -> None:
    settings = new_account(prosody, port=1)
    with pytest.raises(HostUnreachable):
        await AccountSession(settings).connect()


async def test_a_server_that_never_answers_times_out() -> None:
    accepted: list[asyncio.StreamWriter] = []
    silent = await asyncio.start_server(lambda _r, w: accepted.append(w), "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        settings = AccountSettings("a@localhost", "pw", host="127.0.0.1", port=port, timeout=0.5)
        with pytest.raises(Timeout):
            await AccountSession(settings).connect()
    finally:
        for writer in accepted:
            writer.close()
        silent.close()
        await silent.wait_closed()


async def test_a_dropped_connection_is_reestablished(prosody: ProsodyServer) -> None:
    async with connected(new_account(prosody)) as session:
        log = StateLog(session)
        session.client.transport.abort()
        await log.wait_for(SessionState.CONNECTED)
        assert log.states[0] is SessionState.RECONNECTING
        assert "lost" in (log.changes[0].sentence or "")
        assert await session.roster() == ()


async def test_requests_without_a_connection_say_so(prosody: ProsodyServer) -> None:
    session = AccountSession(new_account(prosody))
    with pytest.raises(NotConnected):
        await session.roster()


async def test_a_restarted_server_is_reconnected_to(fresh_prosody: ProsodyServer) -> None:
    async with connected(new_account(fresh_prosody)) as session:
        log = StateLog(session)
        fresh_prosody.restart()
        await log.wait_for(SessionState.CONNECTED)
        assert SessionState.RECONNECTING in log.states
        assert await session.roster() == ()


async def test_a_server_that_stays_away_longer_than_the_waits_is_retried_until_back(
    fresh_prosody: ProsodyServer,
) -> None:
    settings = new_account(fresh_prosody, reconnect_delays=(0.1, 0.1))
    async with connected(settings) as session:
        log = StateLog(session)
        fresh_prosody.stop()
        for attempt in range(4):  # twice as many attempts as there are waits
            await log.wait_for(SessionState.RECONNECTING, after=attempt)
        assert SessionState.FAILED not in log.states
        assert log.changes[-1].retry_in == 0.1
        assert "Could not reach the server" in (log.changes[-1].sentence or "")
        fresh_prosody.start()
        await log.wait_for(SessionState.CONNECTED, timeout=20)
        assert await session.roster() == ()
