"""The "server personalities" of the test module: deployed XEP-0136 servers, as options.

Each entry is the ``make_prosody`` options of one personality (see
tests/server/README.md). ``"text"`` is the module as the specification
reads; the others speak 1.x only and each does one thing a deployed server
does. ``"openfire"`` answers list and retrieve only and archives every
message automatically, as Openfire's Monitoring plugin does.
"""

from __future__ import annotations

PERSONALITIES: dict[str, dict[str, object]] = {
    "text": {},
    "opaque_ids": {"personality": ["opaque_ids"]},
    "modified_by_start": {"personality": ["modified_by_start"]},
    "start_is_range": {"personality": ["start_is_range"]},
    "ignore_open": {"personality": ["ignore_open"]},
    "drop_notes": {"personality": ["drop_notes"]},
    "openfire": {
        "personality": ["list_retrieve_only"],
        "required_save": "body",
        "default_save": "body",
    },
}

#: The personalities that store what a client uploads (all but Openfire's).
UPLOADING = [name for name in PERSONALITIES if name != "openfire"]
