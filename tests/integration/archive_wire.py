"""Raw XEP-0136 on the wire for the server tests: the seed's examples, both dialects, answers.

Requests are written as XML text (mostly the seed's own examples) and sent through a plain
slixmpp client; answers come back as ElementTree elements to be read with ``find``.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from slixmpp import ClientXMPP, Iq
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from tests.helpers import parse_test_xml, send_raw

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "xep0136" / "seed"

NS09 = "http://jabber.org/protocol/archive"
NS1 = "urn:xmpp:archive"
RSM = "http://jabber.org/protocol/rsm"
XENC = "http://www.w3.org/2001/04/xmlenc#"
DS = "http://www.w3.org/2000/09/xmldsig#"
STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"
CLIENT = "jabber:client"


@dataclass(frozen=True)
class Dialect:
    """How one version of XEP-0136 spells things."""

    ns: str
    collection: str  # the element of a collection in list and retrieve answers
    save_all: str
    otr: dict[str, str]  # seed word -> this dialect's word
    use: dict[str, str]

    def feature(self, name: str) -> str:
        """The disco feature ``name`` (auto, manage, manual, pref)."""
        return f"{self.ns}#{name}" if self.ns == NS09 else f"{self.ns}:{name}"

    def q(self, name: str) -> str:
        """The qualified name of an element of this dialect."""
        return f"{{{self.ns}}}{name}"

    def translate(self, iq_xml: str) -> str:
        """A request written in the seed's words, in this dialect."""
        if self.ns == NS09:
            return iq_xml
        iq = parse_test_xml(iq_xml)
        for el in iq.iter():
            if el.tag.startswith(f"{{{NS09}}}"):
                el.tag = el.tag.replace(NS09, NS1)
            if el.tag in (f"{{{NS1}}}default", f"{{{NS1}}}item"):
                self._translate_mode(el)
            if el.tag == f"{{{NS1}}}method" and el.get("use") in self.use:
                el.set("use", self.use[el.get("use", "")])
        modified = iq.find(f"{{{NS1}}}modified")
        after = None if modified is None else modified.find(f"{{{RSM}}}set/{{{RSM}}}after")
        if modified is not None and after is not None and _is_time(after.text):
            # The seed's "changed after this time" is the RSM <after/>; 1.x says it with
            # 'start' and keeps <after/> for the ids the server issued.
            modified.set("start", after.text or "")
            modified.find(f"{{{RSM}}}set").remove(after)  # type: ignore[union-attr]
        store = iq.find(f"{{{NS1}}}store")
        if store is not None:
            iq.remove(store)
            save = ET.SubElement(iq, f"{{{NS1}}}save")
            store.tag = f"{{{NS1}}}chat"
            save.append(store)
        return ET.tostring(iq, encoding="unicode")

    def _translate_mode(self, el: ET.Element) -> None:
        if el.get("save") == "all":
            el.set("save", self.save_all)
        if el.get("otr") in self.otr:
            el.set("otr", self.otr[el.get("otr", "")])


def _is_time(text: str | None) -> bool:
    return bool(text) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", text or "") is not None


SEED = Dialect(NS09, "store", "all", {}, {})
V1 = Dialect(
    NS1,
    "chat",
    "message",
    {"allow": "concede", "deny": "forbid", "try": "prefer", "require": "require"},
    {"allow": "concede", "never": "forbid", "prefer": "prefer"},
)
DIALECTS = (SEED, V1)


def seed_example(number: int) -> str:
    """The text of the seed's example ``number`` (see tests/data/xep0136/README.md)."""
    [path] = SEED_DIR.glob(f"{number:02d}-*.xml")
    return path.read_text(encoding="utf-8")


def seed_request(number: int) -> str:
    """The ``<iq>`` of the seed's request example ``number``."""
    return seed_example(number)


def error_condition(answer: ET.Element) -> str | None:
    """The defined condition of an error answer (``bad-request`` ...), None for a result."""
    if answer.get("type") != "error":
        return None
    error = answer.find(f"{{{CLIENT}}}error")
    assert error is not None, ET.tostring(answer)
    for child in error:
        if child.tag.startswith(f"{{{STANZAS}}}") and not child.tag.endswith("}text"):
            return child.tag.split("}", 1)[1]
    raise AssertionError(f"error without condition: {ET.tostring(answer)!r}")


def assert_result(answer: ET.Element) -> ET.Element:
    """Fail with the answer's text unless it is a result; return it."""
    assert answer.get("type") == "result", ET.tostring(answer, encoding="unicode")
    return answer


def rsm(parent: ET.Element) -> dict[str, str | None]:
    """first, first@index, last and count of the answer's ``<set/>`` (None when absent)."""
    s = parent.find(f"{{{RSM}}}set")
    if s is None:
        return {"first": None, "index": None, "last": None, "count": None}
    first = s.find(f"{{{RSM}}}first")
    return {
        "first": first.text if first is not None else None,
        "index": first.get("index") if first is not None else None,
        "last": s.findtext(f"{{{RSM}}}last"),
        "count": s.findtext(f"{{{RSM}}}count"),
    }


def rsm_set(
    max_: int | None = None,
    *,
    after: str | None = None,
    before: str | None = None,
    index: int | None = None,
) -> str:
    """An RSM ``<set/>`` as XML text."""
    parts = []
    if max_ is not None:
        parts.append(f"<max>{max_}</max>")
    if after is not None:
        parts.append(f"<after>{after}</after>")
    if before is not None:
        parts.append(f"<before>{before}</before>" if before else "<before/>")
    if index is not None:
        parts.append(f"<index>{index}</index>")
    return f"<set xmlns='{RSM}'>{''.join(parts)}</set>"


def store_request(d: Dialect, with_: str, start: str, body: str = "", subject: str = "") -> str:
    """Store (v0.9) or save (1.x) a collection with some content, as XML text."""
    attrs = f"with='{with_}' start='{start}'" + (f" subject='{subject}'" if subject else "")
    if d.ns == NS09:
        return f"<iq type='set'><store xmlns='{NS09}' {attrs}>{body}</store></iq>"
    return f"<iq type='set'><save xmlns='{NS1}'><chat {attrs}>{body}</chat></save></iq>"


async def exchange(client: ClientXMPP, d: Dialect, iq_xml: str) -> ET.Element:
    """Send a request written in the seed's words, in dialect ``d``; return the answer."""
    return await send_raw(client, d.translate(iq_xml))


async def exchange_all(client: ClientXMPP, requests: Iterable[str], chunk: int = 500) -> None:
    """Send many requests (raw ``<iq ...>`` text) pipelined, a few writes in all; all must succeed.

    The server answers a stream's requests in order, so the answer to a last ping means every
    request before it has been answered.
    """
    marker = f"bulk-{uuid.uuid4().hex}"
    failures: list[str] = []

    def check(iq: Iq) -> None:
        if iq["type"] == "error" and iq["id"].startswith(marker):
            failures.append(str(iq))

    client.register_handler(Callback(marker, MatchXPath("{jabber:client}iq"), check))
    try:
        texts = [r.replace("<iq ", f"<iq id='{marker}-{n}' ", 1) for n, r in enumerate(requests)]
        for i in range(0, len(texts), chunk):
            client.send_raw("".join(texts[i : i + chunk]))
        # The ping is answered after every request before it: on a busy two-core machine
        # thousands of stores take longer than one ordinary round trip's timeout.
        ping = "<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>"
        assert_result(await send_raw(client, ping, timeout=120.0))
    finally:
        client.remove_handler(marker)
    assert failures == [], failures[:3]


def collections_of(answer: ET.Element, d: Dialect, container: str = "list") -> list[ET.Element]:
    """The collection elements of a list (or keys) answer."""
    el = answer.find(d.q(container))
    assert el is not None, ET.tostring(answer, encoding="unicode")
    return el.findall(d.q(d.collection)) if container == "list" else el.findall(d.q("store"))


def starts(elements: Iterable[ET.Element]) -> list[str]:
    """The start attributes of collection elements."""
    return [el.get("start", "") for el in elements]
