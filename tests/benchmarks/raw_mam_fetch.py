"""The baseline of bench_mam: fetch a whole message archive with bare slixmpp, newest first.

It asks the same pages as the history sync (an empty ``<before/>``, then
``<before>first</before>`` until the archive says it is complete) through
slixmpp's own ``xep_0313`` stanzas and result collector, reads each result's
id, time and body, and stores nothing. Run as
``python -m tests.benchmarks.raw_mam_fetch JID PASSWORD PORT CA_CERT PAGE``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from types import SimpleNamespace

from slixmpp.xmlstream.handler import Collector
from slixmpp.xmlstream.matcher import MatchXMLMask

from tests.helpers import close_client, connect_client


async def fetch(client, page: int) -> int:  # type: ignore[no-untyped-def]
    seen = 0
    before: str | bool = True
    while True:
        iq = client.make_iq_set()
        iq["mam"]["queryid"] = iq["id"]
        iq["mam"]["rsm"]["max"] = str(page)
        iq["mam"]["rsm"]["before"] = before
        mask = client.Message()
        del mask["id"]
        del mask["lang"]
        mask["mam_result"]["queryid"] = iq["id"]
        collector = Collector(f"raw mam {iq['id']}", MatchXMLMask(str(mask)))
        client.register_handler(collector)
        reply = await iq.send(timeout=120)
        for result in collector.stop():
            forwarded = result["mam_result"]["forwarded"]
            stanza = forwarded["stanza"]
            _ = (result["mam_result"]["id"], forwarded["delay"]["stamp"], stanza["body"])
            seen += 1
        fin = reply["mam_fin"]
        if fin["complete"] in ("true", "1") or not fin["rsm"]["first"]:
            return seen
        before = fin["rsm"]["first"]


async def main(jid: str, password: str, port: str, ca_cert: str, page: str) -> None:
    server = SimpleNamespace(port=int(port), ca_cert=Path(ca_cert))
    client = await connect_client(server, jid, password)
    client.register_plugin("xep_0313")
    try:
        count = await fetch(client, int(page))
    finally:
        await close_client(client)
    print(count)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:6]))
