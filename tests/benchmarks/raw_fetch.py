"""The baseline of bench_sync: fetch every change and collection with bare slixmpp.

It asks the same ``<modified/>`` pages and retrieves the same collections
(every page of each) as a sync, with the same window of requests in flight,
and stores nothing. Run as
``python -m tests.benchmarks.raw_fetch JID PASSWORD PORT CA_CERT WINDOW``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from types import SimpleNamespace

from slixmpp.xmlstream import ET

from tests.helpers import close_client, connect_client

NS = "http://jabber.org/protocol/archive"
RSM = "http://jabber.org/protocol/rsm"
PAGE = 100


def rsm(max_items: int, after: str | None) -> ET.Element:
    element = ET.Element(f"{{{RSM}}}set")
    ET.SubElement(element, f"{{{RSM}}}max").text = str(max_items)
    if after is not None:
        ET.SubElement(element, f"{{{RSM}}}after").text = after
    return element


async def ask(client, element: ET.Element) -> ET.Element:  # type: ignore[no-untyped-def]
    iq = client.Iq()
    iq["type"] = "get"
    iq.xml.append(element)
    result = await iq.send(timeout=120)
    return result.xml[0]


async def retrieve(client, slots: asyncio.Semaphore, with_: str, start: str) -> int:  # type: ignore[no-untyped-def]
    items, after = 0, None
    async with slots:
        while True:
            request = ET.Element(f"{{{NS}}}retrieve", {"with": with_, "start": start})
            request.append(rsm(PAGE, after))
            answer = await ask(client, request)
            page = [c for c in answer if not c.tag.startswith(f"{{{RSM}}}")]
            items += len(page)
            last = answer.findtext(f"{{{RSM}}}set/{{{RSM}}}last")
            count = answer.findtext(f"{{{RSM}}}set/{{{RSM}}}count")
            if not page or last is None or last == after or (count and items >= int(count)):
                return items
            after = last


async def main(jid: str, password: str, port: int, ca_cert: str, window: int) -> None:
    server = SimpleNamespace(port=port, ca_cert=Path(ca_cert))
    client = await connect_client(server, jid, password)
    slots = asyncio.Semaphore(window)
    tasks: list[asyncio.Task[int]] = []
    after = "1970-01-01T00:00:00Z"
    while True:
        request = ET.Element(f"{{{NS}}}modified")
        request.append(rsm(PAGE, after))
        answer = await ask(client, request)
        changed = answer.findall(f"{{{NS}}}changed")
        for change in changed:
            task = retrieve(client, slots, change.get("with"), change.get("start"))
            tasks.append(asyncio.create_task(task))
        if not changed and not answer.findall(f"{{{NS}}}removed"):
            break
        after = answer.findtext(f"{{{RSM}}}set/{{{RSM}}}last")
    items = sum(await asyncio.gather(*tasks))
    print(f"{len(tasks)} collections, {items} items", file=sys.stderr)
    await close_client(client)


if __name__ == "__main__":
    jid, password, port, ca_cert, window = sys.argv[1:6]
    asyncio.run(main(jid, password, int(port), ca_cert, int(window)))
