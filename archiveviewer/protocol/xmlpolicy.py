"""The untrusted-XML policy: what this program accepts from a server or a file, and why.

Every byte that arrives from the network or from a file is untrusted. Two
readers enforce this one policy:

- :class:`archiveviewer.protocol.safexml.SafeTreeBuilder` for files and
  stored fragments (it builds the elements our codecs read);
- :class:`archiveviewer.protocol.streamguard.StreamGuard` for the XMPP
  stream, which sees every byte before slixmpp's own parser does, so a
  refused stream is closed before any of it reaches our codecs.

The rules
    - **No DTD.** XMPP forbids one (RFC 6120 §11.1) and XEP-0136 files never
      need one; a DTD is how entity tricks (billion laughs, external files)
      get in. A ``<!DOCTYPE`` stops reading at once.
    - **No entities** but the five predefined ones and character references.
      An entity declaration, an undeclared entity reference or an external
      entity stops reading at once; nothing is ever fetched.
    - **Bounded nesting** (:data:`MAX_DEPTH`): archive XML is a handful of
      levels deep (stream, iq, chat, message, body; XML Encryption adds
      about four), while code that walks or writes a tree recursively fails
      long before a pathological depth of ten thousand.
    - **Bounded sizes**, each checked while reading, before the value is
      copied into an element: one token (a tag with its attributes, a
      comment), one attribute value, one text, one stanza, one collection in
      a file, one document. Memory therefore follows the largest item
      accepted, never what a peer chooses to send.

Each limit is a module constant so that a test or a benchmark can name it;
the readers take them as their defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

_MiB = 1024 * 1024

#: Deepest element nesting, counting the stream's root (or a file's root) as 1.
MAX_DEPTH = 128

#: One attribute value: JIDs (at most 3 × 1023 bytes), times, subjects, ids.
MAX_ATTRIBUTE_BYTES = 64 * 1024

#: One markup token the parser must hold whole before it can report it: a
#: start tag with all its attributes, a comment, a processing instruction.
MAX_TOKEN_BYTES = 1 * _MiB

#: One text: a message body, a note, the base64 of an encrypted collection.
MAX_TEXT_BYTES = 16 * _MiB

#: One stanza of the XMPP stream: a page of a retrieve, an encrypted
#: collection sent whole. Servers cap what clients send far lower
#: (Prosody: 256 KiB); what they send us may be bigger, but not unbounded.
MAX_STANZA_BYTES = 16 * _MiB

#: One ``<store/>`` in an archive file (a file has no pages: a long
#: conversation arrives in one piece). The decrypted content of an encrypted
#: collection has the same bound in :mod:`archiveviewer.crypto.content`.
MAX_COLLECTION_BYTES = 64 * _MiB

#: One XML document kept as text (private XML, payload, an encrypted item).
MAX_DOCUMENT_BYTES = 16 * _MiB

#: One archive file.
MAX_FILE_BYTES = 512 * _MiB


@dataclass(frozen=True)
class Limits:
    """The limits one reader applies; the defaults are the policy above.

    ``item_depth`` is the depth whose elements are the reader's items (the
    stanzas of a stream, the collections of a file, both at depth 2);
    ``item_bytes`` bounds each of them.
    """

    depth: int = MAX_DEPTH
    attribute_bytes: int = MAX_ATTRIBUTE_BYTES
    token_bytes: int = MAX_TOKEN_BYTES
    text_bytes: int = MAX_TEXT_BYTES
    item_depth: int = 2
    item_bytes: int = MAX_DOCUMENT_BYTES
    total_bytes: int = MAX_DOCUMENT_BYTES


#: A stream: stanzas are the items, and the stream itself has no end in size.
STREAM_LIMITS = Limits(item_bytes=MAX_STANZA_BYTES, total_bytes=2**62)

#: An archive file: collections are the items.
FILE_LIMITS = Limits(item_bytes=MAX_COLLECTION_BYTES, total_bytes=MAX_FILE_BYTES)
