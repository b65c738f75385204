"""Ctrl+C (a cancelled task) during a request is never lost, even as the reply arrives.

Python 3.11's ``asyncio.wait_for`` returns the result when the awaited future
completes in the same turn of the loop as the cancellation, and the
cancellation is gone: the sync went on after the user's first Ctrl+C. The
request waits with ``asyncio.timeout`` instead, which keeps it.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from archiveviewer.xmpp.iq import _exchange


class _Reply:
    def __init__(self) -> None:
        self.xml = ET.Element("{jabber:client}iq", {"type": "result", "id": "q1"})

    def __getitem__(self, key: str) -> str:
        return str(self.xml.get(key))


class _Client:
    """Just what a request needs of slixmpp's client: handlers, events, send."""

    boundjid = "romeo@montague.example/home"

    def __init__(self) -> None:
        self.handlers: dict[str, Any] = {}
        self.sent: list[object] = []

    def register_handler(self, handler: Any) -> None:
        self.handlers[handler.name] = handler

    def remove_handler(self, name: str) -> None:
        del self.handlers[name]

    def add_event_handler(self, name: str, pointer: Any) -> None:
        pass

    def del_event_handler(self, name: str, pointer: Any) -> None:
        pass

    def send(self, request: object) -> None:
        self.sent.append(request)


@pytest.mark.asyncio
async def test_a_cancel_in_the_turn_the_reply_arrives_is_kept() -> None:
    client = _Client()
    request = {"id": "q1", "to": "montague.example"}
    task = asyncio.create_task(_exchange(client, request, 30, "list the archive"))  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert client.sent == [request]
    [handler] = client.handlers.values()
    handler.run(_Reply())  # the reply arrives...
    task.cancel()  # ...and Ctrl+C, in the same turn of the loop
    with pytest.raises(asyncio.CancelledError):
        await task
    assert client.handlers == {}  # its handler is gone either way


@pytest.mark.asyncio
async def test_a_reply_without_a_cancel_is_the_answer() -> None:
    client = _Client()
    task = asyncio.create_task(
        _exchange(client, {"id": "q1", "to": "montague.example"}, 30, "list")  # type: ignore[arg-type]
    )
    await asyncio.sleep(0)
    [handler] = client.handlers.values()
    handler.run(_Reply())
    reply = await task
    assert reply.get("type") == "result"
