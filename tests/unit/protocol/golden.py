"""Helpers for golden XML tests: load the seed's examples, compare trees."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from archiveviewer.protocol.safexml import parse_xml

DATA = Path(__file__).resolve().parents[2] / "data" / "xep0136"
RSM_SET = "{http://jabber.org/protocol/rsm}set"


def load(name: str) -> ET.Element:
    """The whole document of a golden file (``seed/…`` or ``urn/…``)."""
    return parse_xml((DATA / name).read_bytes())


def payload(name: str) -> ET.Element:
    """The one child of the golden ``<iq/>`` (or the root of a non-iq file)."""
    root = load(name)
    if root.tag.rsplit("}", 1)[-1] != "iq":
        return root
    (child,) = list(root)
    return child


def _text(value: str | None) -> str:
    return (value or "").strip()


def _children(element: ET.Element, drop: frozenset[str]) -> list[ET.Element]:
    kept = [child for child in element if child.tag not in drop]
    if element.tag.endswith("}pref") or element.tag == RSM_SET:
        # <pref/> and RSM <set/> children may come in any order; compare them by kind.
        kept.sort(key=lambda child: child.tag)
    return kept


def differences(
    got: ET.Element,
    want: ET.Element,
    *,
    drop: frozenset[str] = frozenset(),
    ignore_attrs: frozenset[str] = frozenset(),
    path: str = "",
) -> list[str]:
    """How two trees differ, ignoring whitespace between elements; [] when the same."""
    here = f"{path}/{want.tag}"
    if got.tag != want.tag:
        return [f"{here}: tag {got.tag!r} != {want.tag!r}"]
    problems = []
    got_attrs = {k: v for k, v in got.attrib.items() if k not in ignore_attrs}
    want_attrs = {k: v for k, v in want.attrib.items() if k not in ignore_attrs}
    if got_attrs != want_attrs:
        problems.append(f"{here}: attributes {got_attrs} != {want_attrs}")
    if _text(got.text) != _text(want.text):
        problems.append(f"{here}: text {got.text!r} != {want.text!r}")
    got_children, want_children = _children(got, drop), _children(want, drop)
    if len(got_children) != len(want_children):
        tags = [c.tag for c in got_children], [c.tag for c in want_children]
        return [*problems, f"{here}: children {tags[0]} != {tags[1]}"]
    for a, b in zip(got_children, want_children, strict=True):
        problems += differences(a, b, drop=drop, ignore_attrs=ignore_attrs, path=here)
    return problems
