"""``prefs mam show|set-default|always|never|forget``: what the server's message archive keeps.

Beside XEP-0136's preferences (the rest of ``prefs``): the message archive
(XEP-0313, preferences as XEP-0441 defines them) has a default for everyone
(``always``, ``roster``: contacts in the roster only, ``never``) and JIDs it
always or never keeps. Each command logs in, does one thing, and prints what
the server now holds, with a sentence on what that means; ``--for JID`` says
what is kept of conversations with one JID, and why.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable

from archiveviewer.cli import arguments
from archiveviewer.cli.base import EXIT_OK, EXIT_SERVER, EXIT_USAGE, add_command, login_of
from archiveviewer.ports.mam_prefs import MAM_DEFAULTS, MamList, MamRules
from archiveviewer.ports.prefs import PreferenceRefused, PrefsUnavailable
from archiveviewer.services.connection import Connection
from archiveviewer.services.login import connect
from archiveviewer.services.mam_prefs import MamPrefsService, checked_rules, kept_for, with_jid

Change = Callable[[MamRules], MamRules]


def add_actions(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``prefs mam`` and its actions (their parsers are the tree's OneLineParsers)."""
    mam = add_command(actions, "mam", "what the server's message archive (MAM) keeps", account)
    inner = mam.add_subparsers(dest="mam_command", required=True, metavar="ACTION")
    show = add_command(inner, "show", "print what the message archive keeps", account)
    show.add_argument("--json", action="store_true", help="as JSON, for scripts")
    show.add_argument(
        "--for",
        dest="for_jid",
        metavar="JID",
        type=arguments.contact,
        help="also say what is kept of JID",
    )
    default = add_command(inner, "set-default", "keep always, roster (contacts) or never", account)
    default.add_argument("default", metavar="DEFAULT", choices=MAM_DEFAULTS)
    for name, summary in (
        ("always", "always keep conversations with JID, whatever the default"),
        ("never", "never keep conversations with JID, whatever the default"),
        ("forget", "take JID off both lists (the default applies to it again)"),
    ):
        parser = add_command(inner, name, summary, account)
        parser.add_argument("jids", metavar="JID", nargs="+", type=arguments.contact)


def run(args: argparse.Namespace) -> int:
    """Run ``prefs mam …``; return the exit code."""
    change = _change(args)
    try:
        # Checked before connecting, so a JID that is not one fails fast.
        if change is not None:
            change(MamRules("always"))
        return asyncio.run(_with_service(args, change))
    except PreferenceRefused as refused:
        print(f"archiveviewer: {refused.user_message}", file=sys.stderr)
        return EXIT_USAGE
    except PrefsUnavailable as unavailable:
        print(f"archiveviewer: {unavailable.user_message}", file=sys.stderr)
        return EXIT_SERVER


def _change(args: argparse.Namespace) -> Change | None:
    command = args.mam_command
    if command == "show":
        return None
    if command == "set-default":
        return lambda rules: checked_rules(MamRules(args.default, rules.always, rules.never))
    target: MamList | None = None if command == "forget" else command

    def moved(rules: MamRules) -> MamRules:
        for jid in args.jids:
            rules = with_jid(rules, jid, target)
        return rules

    return moved


async def _with_service(args: argparse.Namespace, change: Change | None) -> int:
    async with connect(login_of(args)) as session:
        connection = Connection()
        connection.network = session
        service = MamPrefsService(connection)
        rules = await service.load()
        if change is not None:
            rules = await service.save(change(rules))
        _print(service, rules, args)
    return EXIT_OK


def _print(service: MamPrefsService, rules: MamRules, args: argparse.Namespace) -> None:
    for_jid = getattr(args, "for_jid", None)
    if getattr(args, "json", False):
        document: dict[str, object] = {
            "default": rules.default,
            "always": list(rules.always),
            "never": list(rules.never),
        }
        if for_jid:
            document["for"] = {"jid": for_jid, "kept": kept_for(rules, for_jid)}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return
    for line in format_rules(service, rules):
        print(line)
    if for_jid:
        print(kept_for(rules, for_jid))


def format_rules(service: MamPrefsService, rules: MamRules) -> list[str]:
    """The message archive's preferences as lines, with what the default means."""
    return [
        f"Message archive default: {rules.default}. {service.meaning(rules.default)}",
        f"Always kept: {', '.join(rules.always) or '(nobody)'}",
        f"Never kept: {', '.join(rules.never) or '(nobody)'}",
    ]
