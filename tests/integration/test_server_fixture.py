"""The Prosody test server: a verifying STARTTLS client gets in; one trusting another CA fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ConnectionFailed, close_client, connect_client
from tests.server.prosody import ProsodyServer, make_certificate

pytestmark = pytest.mark.prosody


@pytest.mark.asyncio
async def test_client_connects_with_starttls_and_verified_certificate(
    prosody: ProsodyServer,
) -> None:
    jid, password = prosody.new_user("tls")
    client = await connect_client(prosody, f"{jid}/laptop", password)
    try:
        assert client.is_connected()
        assert str(client.boundjid) == f"{jid}/laptop"
        cipher = client.transport.get_extra_info("cipher")
        assert cipher is not None, "the stream is not encrypted"
    finally:
        await close_client(client)


@pytest.mark.asyncio
async def test_client_trusting_another_ca_is_refused(
    prosody: ProsodyServer, tmp_path: Path
) -> None:
    jid, password = prosody.new_user("tls")
    other_ca, _ = make_certificate(tmp_path, "localhost")
    with pytest.raises(ConnectionFailed, match="certificate"):
        await connect_client(prosody, jid, password, ca_cert=other_ca)


@pytest.mark.asyncio
async def test_wrong_password_is_refused(prosody: ProsodyServer) -> None:
    jid, _ = prosody.new_user("tls")
    with pytest.raises(ConnectionFailed, match="authentication"):
        await connect_client(prosody, jid, "not the password")


def test_restart_keeps_accounts(fresh_prosody: ProsodyServer) -> None:
    fresh_prosody.register("juliet", "pw")
    fresh_prosody.restart()
    assert fresh_prosody.running
    assert (fresh_prosody.data_path / "localhost" / "accounts" / "juliet.dat").exists()
    assert fresh_prosody.log_errors() == []
