"""Headless archiving preferences: ``prefs show|set-default|set-item|remove-item|method|auto``
and, for the message archive (MAM), ``prefs mam …`` (:mod:`archiveviewer.cli.mam_prefs`).

Each command logs in like ``sync``, checks the values with the same rules as
the window (so a refused value is never sent, and exits 2 with the reason),
does one thing and prints what the server now holds. ``--dialect`` picks the
archiving protocol when the server speaks both.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from archiveviewer.cli import arguments, mam_prefs
from archiveviewer.cli.base import (
    EXIT_OK,
    EXIT_SERVER,
    EXIT_USAGE,
    add_command,
    has_jid,
    login_of,
)
from archiveviewer.domain import (
    AutoArchiving,
    Dialect,
    MethodUse,
    OtrMode,
    Prefs,
    SaveMode,
    SaveRule,
)
from archiveviewer.ports.prefs import PreferenceRefused, PrefsSnapshot, PrefsUnavailable
from archiveviewer.protocol.pref_rules import parse_expiry
from archiveviewer.services.connection import Connection
from archiveviewer.services.login import Login, connect
from archiveviewer.services.prefs import PrefsService

#: The commands this module adds to the command line.
COMMANDS = ("prefs",)

_DIALECTS = {"seed": Dialect.SEED, "urn": Dialect.URN}


# --- grammar --------------------------------------------------------------------------------


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    account: argparse.ArgumentParser,
) -> None:
    """Add ``prefs`` and its actions to the command line."""
    server = argparse.ArgumentParser(add_help=False, parents=[account])
    server.add_argument(
        "--dialect",
        choices=sorted(_DIALECTS),
        help="when the server speaks both: seed (2007 draft) or urn (urn:xmpp:archive)",
    )
    # Every parser of the tree is the root's OneLineParser, so an argument error is one
    # line that names its command ("archiveviewer prefs mam always: …"), as elsewhere.
    prefs = add_command(commands, "prefs", "read or change the archiving preferences")
    actions = prefs.add_subparsers(dest="prefs_command", required=True, metavar="ACTION")
    show = _action(actions, "show", "print the preferences", server)
    show.add_argument("--json", action="store_true", help="as JSON, for scripts")
    show.add_argument(
        "--for",
        dest="for_jid",
        metavar="JID",
        type=arguments.contact,
        help="also say which rule applies to JID, and why",
    )
    _rule_options(_action(actions, "set-default", "set the default Save and OTR modes", server))
    item = _action(actions, "set-item", "set the modes for a contact or domain", server)
    item.add_argument(
        "contact", metavar="JID", type=arguments.contact, help="full JID, bare JID or domain"
    )
    _rule_options(item)
    item.add_argument(
        "--exactmatch", action="store_true", help="urn only: match this JID alone (no resources)"
    )
    remove = _action(actions, "remove-item", "forget a contact's preference (urn)", server)
    remove.add_argument("contact", metavar="JID", type=arguments.contact)
    method = _action(actions, "method", "set how clients use an archiving method", server)
    method.add_argument("type", metavar="TYPE", choices=("auto", "local", "manual"))
    method.add_argument("use", metavar="USE", choices=sorted(u.value for u in MethodUse))
    auto = _action(actions, "auto", "switch automatic archiving of a connection on or off", server)
    auto.add_argument("state", metavar="on|off", choices=("on", "off"))
    auto.add_argument("--scope", choices=("stream", "global"), help="urn only: stream or global")
    auto.add_argument("--encrypt", action="store_true", help="seed only, with server encryption")
    mam_prefs.add_actions(actions, account)


def _action(
    actions: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    server: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    return add_command(actions, name, summary, server)


def _rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--save", required=True, choices=[m.value for m in SaveMode], help="Save Mode"
    )
    parser.add_argument("--otr", required=True, choices=[m.value for m in OtrMode], help="OTR Mode")
    parser.add_argument(
        "--expire",
        default="never",
        metavar="WHEN",
        type=arguments.expiry,
        help="never (default), seconds, or a number with d, m (30 days) or y (365 days)",
    )


# --- running --------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """Run ``prefs …``; return the exit code."""
    if not has_jid(args):
        return EXIT_USAGE
    if args.prefs_command == "mam":
        return mam_prefs.run(args)
    try:
        request = _request(args)
    except ValueError as error:
        return arguments.usage_error(f"archiveviewer prefs {args.prefs_command}", str(error))
    login = login_of(args)
    try:
        return asyncio.run(_with_service(login, _DIALECTS.get(args.dialect or ""), request))
    except PreferenceRefused as refused:
        print(f"archiveviewer: {refused.user_message}", file=sys.stderr)
        return EXIT_USAGE
    except PrefsUnavailable as unavailable:
        print(f"archiveviewer: {unavailable.user_message}", file=sys.stderr)
        return EXIT_SERVER


Request = Callable[[PrefsService], Awaitable[int]]


def _request(args: argparse.Namespace) -> Request:
    """What to do once connected, built before connecting so bad values fail fast."""
    command = args.prefs_command
    if command == "show":
        return lambda service: _show(service, as_json=args.json, for_jid=args.for_jid)
    if command == "set-default":
        rule = _rule(args, jid=None)
        return lambda service: _then_show(service.save_default(rule), service)
    if command == "set-item":
        rule = _rule(args, jid=args.contact, exactmatch=args.exactmatch)
        return lambda service: _then_show(service.save_item(rule), service)
    if command == "remove-item":
        return lambda service: _then_show(service.remove_item(args.contact), service)
    if command == "method":
        methods = ((args.type, MethodUse(args.use)),)
        return lambda service: _then_show(service.save_methods(methods), service)
    auto = AutoArchiving(save=args.state == "on", encrypt=args.encrypt, scope=args.scope)
    return lambda service: _auto(service, auto)


async def _auto(service: PrefsService, auto: AutoArchiving) -> int:
    code = await _then_show(service.set_auto(auto), service)
    if auto.scope != "global":
        # <auto/> belongs to one stream, and this command's stream ends now.
        print(
            "archiveviewer: note: this holds for this command's own connection only, which "
            "ends now; servers that speak urn:xmpp:archive keep it with --scope global.",
            file=sys.stderr,
        )
    return code


def _rule(args: argparse.Namespace, *, jid: str | None, exactmatch: bool = False) -> SaveRule:
    return SaveRule(
        save=SaveMode(args.save),
        otr=OtrMode(args.otr),
        jid=jid,
        expire=parse_expiry(args.expire),
        exactmatch=exactmatch,
    )


async def _with_service(login: Login, prefer: Dialect | None, request: Request) -> int:
    async with open_prefs(login, prefer) as service:
        return await request(service)


@contextlib.asynccontextmanager
async def open_prefs(login: Login, prefer: Dialect | None) -> AsyncIterator[PrefsService]:
    """Log in (for this one command) and hand over the account's preferences."""
    async with connect(login) as session:
        await session.archive.discover(prefer=prefer)
        connection = Connection()
        connection.network = session
        yield PrefsService(connection)


async def _then_show(change: Awaitable[None], service: PrefsService) -> int:
    await change
    return await _show(service, as_json=False, for_jid=None)


async def _show(service: PrefsService, *, as_json: bool, for_jid: str | None) -> int:
    snapshot = await service.load()
    effective = None
    if for_jid is not None:
        effective = service.effective(snapshot.prefs, for_jid, snapshot.capabilities.dialect)
    if as_json:
        document = prefs_json(snapshot)
        if effective is not None:
            document["effective"] = {
                "jid": effective.jid,
                "rule": None if effective.rule is None else _rule_json(effective.rule),
                "source": effective.source,
                "reason": effective.reason,
            }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    for line in format_prefs(snapshot, service.describe_expiry):
        print(line)
    if effective is not None:
        print(f"For {effective.jid}: {effective.summary}. {effective.reason}")
    return EXIT_OK


# --- printing -------------------------------------------------------------------------------


def format_prefs(snapshot: PrefsSnapshot, expiry: Callable[[int | None], str]) -> list[str]:
    """The preferences as lines a person reads."""
    prefs, caps = snapshot.prefs, snapshot.capabilities
    lines = [f"Server speaks: {caps.speaks}"]
    if prefs.default is None:
        lines.append("Default: not reported by the server")
    else:
        unset = "  (the server's default: you never chose one)" if prefs.default.unset else ""
        lines.append(f"Default: {_rule_words(prefs.default, expiry)}{unset}")
    lines.append("Contacts:" if prefs.items else "Contacts: none")
    for item in prefs.items:
        exact = " (exact match)" if item.exactmatch else ""
        lines.append(f"  {item.jid}{exact}: {_rule_words(item, expiry)}")
    methods = ", ".join(f"{kind} {use.value}" for kind, use in prefs.methods)
    lines.append(f"Methods: {methods or 'not reported'}")
    lines.append(f"Automatic archiving: {_auto_words(prefs)}")
    return lines


def _rule_words(rule: SaveRule, expiry: Callable[[int | None], str]) -> str:
    return f"save {rule.save.value}, OTR {rule.otr.value}, expire {expiry(rule.expire)}"


def _auto_words(prefs: Prefs) -> str:
    if prefs.auto is None:
        return "not reported"
    words = "on" if prefs.auto.save else "off"
    if prefs.auto.encrypt:
        words += ", encrypted"
    if prefs.auto.scope:
        words += f" ({prefs.auto.scope})"
    return words


def prefs_json(snapshot: PrefsSnapshot) -> dict[str, Any]:
    """The preferences as a JSON object (``--json``)."""
    prefs = snapshot.prefs
    auto = prefs.auto
    return {
        "dialect": snapshot.capabilities.dialect.value,
        "default": None if prefs.default is None else _rule_json(prefs.default),
        "items": [_rule_json(item) for item in prefs.items],
        "methods": {kind: use.value for kind, use in prefs.methods},
        "auto": None
        if auto is None
        else {"save": auto.save, "encrypt": auto.encrypt, "scope": auto.scope},
    }


def _rule_json(rule: SaveRule) -> dict[str, Any]:
    document: dict[str, Any] = {
        "save": rule.save.value,
        "otr": rule.otr.value,
        "expire": rule.expire,
        "unset": rule.unset,
    }
    if rule.jid is not None:
        document = {"jid": rule.jid, **document, "exactmatch": rule.exactmatch}
    return document
