"""PEP requests and notifications for private storage, checked against fixed XML."""

import xml.etree.ElementTree as ET

from archiveviewer.protocol import pep
from archiveviewer.protocol.untrusted_xml import parse_untrusted


def canonical(xml: str | ET.Element) -> str:
    text = xml if isinstance(xml, str) else ET.tostring(xml, encoding="unicode")
    return ET.canonicalize(xml_data=text, strip_text=True, rewrite_prefixes=True)


def test_publish_carries_the_publish_options_form() -> None:
    payload = parse_untrusted("<conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'/>")
    built = pep.build_publish(
        "urn:xmpp:bookmarks:1",
        "room@muc.example",
        payload,
        [("pubsub#persist_items", "true"), ("pubsub#access_model", "whitelist")],
    )
    assert canonical(built) == canonical(
        """<pubsub xmlns='http://jabber.org/protocol/pubsub'>
             <publish node='urn:xmpp:bookmarks:1'>
               <item id='room@muc.example'>
                 <conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'/>
               </item>
             </publish>
             <publish-options>
               <x xmlns='jabber:x:data' type='submit'>
                 <field var='FORM_TYPE' type='hidden'>
                   <value>http://jabber.org/protocol/pubsub#publish-options</value>
                 </field>
                 <field var='pubsub#persist_items'><value>true</value></field>
                 <field var='pubsub#access_model'><value>whitelist</value></field>
               </x>
             </publish-options>
           </pubsub>"""
    )


def test_retract_asks_for_notification() -> None:
    assert canonical(pep.build_retract("urn:xmpp:bookmarks:1", "room@muc.example")) == canonical(
        """<pubsub xmlns='http://jabber.org/protocol/pubsub'>
             <retract node='urn:xmpp:bookmarks:1' notify='true'>
               <item id='room@muc.example'/>
             </retract>
           </pubsub>"""
    )


def test_items_reply_is_read_in_order() -> None:
    reply = parse_untrusted(
        """<pubsub xmlns='http://jabber.org/protocol/pubsub'>
             <items node='urn:xmpp:bookmarks:1'>
               <item id='a@muc.example'><conference xmlns='urn:xmpp:bookmarks:1'/></item>
               <item id='b@muc.example'/>
             </items>
           </pubsub>"""
    )
    items = pep.parse_items(reply)
    assert [item_id for item_id, _ in items] == ["a@muc.example", "b@muc.example"]
    assert items[0][1] is not None
    assert items[0][1].tag == "{urn:xmpp:bookmarks:1}conference"
    assert items[1][1] is None


def test_event_with_publish_and_retract() -> None:
    event = parse_untrusted(
        """<event xmlns='http://jabber.org/protocol/pubsub#event'>
             <items node='urn:xmpp:bookmarks:1'>
               <item id='a@muc.example'><conference xmlns='urn:xmpp:bookmarks:1'/></item>
               <retract id='b@muc.example'/>
             </items>
           </event>"""
    )
    change = pep.parse_event(event)
    assert change is not None
    assert change.node == "urn:xmpp:bookmarks:1"
    assert [i for i, _ in change.published] == ["a@muc.example"]
    assert change.retracted == ("b@muc.example",)


def test_event_of_another_kind_is_not_items() -> None:
    event = parse_untrusted(
        "<event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='x'/></event>"
    )
    assert pep.parse_event(event) is None


def test_precondition_failure_is_recognised() -> None:
    error = parse_untrusted(
        """<error xmlns='jabber:client' type='cancel'>
             <conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
             <precondition-not-met xmlns='http://jabber.org/protocol/pubsub#errors'/>
           </error>"""
    )
    assert pep.is_precondition_failure(error)
    assert not pep.is_precondition_failure(parse_untrusted("<error xmlns='jabber:client'/>"))
