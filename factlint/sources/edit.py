"""Add `archive_url:` lines to a ledger file in place, keeping every comment, blank line and key order."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass

import yaml

from factlint.sources.locate import SourceBlock, indent_of, is_content, source_blocks
from factlint.startup import regex

_PLAIN_SAFE = regex(r"[A-Za-z0-9][\w.~:/?@!$&*+;=%()-]*")
_FLOW_END = regex(r"^(.*)\}(\s*(?:#.*)?)$", re.DOTALL)
_URL_KEY = regex(r"url\s*:")


class EditError(Exception):
    """The ledger cannot be edited safely; nothing was written."""


@dataclass(frozen=True)
class Insertion:
    """One planned edit: line ``index`` (0-based) is inserted, or replaced when ``replace``."""

    source: str
    index: int
    text: str  # the line without its newline
    replace: bool = False


def yaml_scalar(url: str) -> str:
    """A URL as YAML: plain when that is unambiguous, else double-quoted (JSON strings are valid YAML)."""
    if _PLAIN_SAFE.fullmatch(url) and ": " not in url:
        return url
    return json.dumps(url)


def _plan_block(lines: list[str], block: SourceBlock, value: str) -> Insertion:
    """A new line after the source's url (and its continuation lines), at the url key's indentation."""
    body = [i for i in range(block.key_line + 1, block.end) if is_content(lines[i])]
    url_line = next((i for i in body if _URL_KEY.match(lines[i].lstrip(" "))
                     and indent_of(lines[i]) == indent_of(lines[body[0]])), None)
    if url_line is None:
        raise EditError(f"source {block.id}: no 'url:' line to put archive_url after")
    child = indent_of(lines[url_line])
    after = url_line + 1
    while after < block.end and lines[after].strip() and indent_of(lines[after]) > child:
        after += 1
    return Insertion(block.id, after, " " * child + f"archive_url: {value}")


def _plan_flow(lines: list[str], block: SourceBlock, value: str) -> Insertion:
    """'id: {title: T, url: U}' becomes 'id: {title: T, url: U, archive_url: A}'."""
    line = lines[block.key_line].rstrip("\r\n")
    m = _FLOW_END.match(line)
    if not m:
        raise EditError(f"source {block.id}: its flow mapping spans several lines; add archive_url by hand")
    return Insertion(block.id, block.key_line, f"{m.group(1)}, archive_url: {value}}}{m.group(2)}", replace=True)


def plan(text: str, additions: dict[str, str]) -> list[Insertion]:
    """Where each source's archive_url line goes; EditError when a source cannot be placed."""
    lines = text.splitlines()
    blocks = source_blocks(text)
    planned = []
    for sid, url in additions.items():
        if sid not in blocks:
            raise EditError(f"source {sid}: not found under a block-style 'sources:' key")
        block = blocks[sid]
        make = _plan_flow if block.flow else _plan_block
        planned.append(make(lines, block, yaml_scalar(url)))
    return planned


def apply(text: str, planned: list[Insertion]) -> str:
    """The text with the insertions made, bottom up so earlier indexes stay valid."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    for ins in sorted(planned, key=lambda p: p.index, reverse=True):
        if ins.replace:
            lines[ins.index] = ins.text + newline
        else:
            lines.insert(ins.index, ins.text + newline)
    result = "".join(lines)
    return result if text.endswith(("\n", "\r")) or not text else result[: -len(newline)]


def verify(old: str, new: str, additions: dict[str, str]) -> None:
    """Re-read both versions: the new one must equal the old one plus exactly the added keys."""
    expected = copy.deepcopy(yaml.safe_load(old))
    for sid, url in additions.items():
        expected["sources"][sid]["archive_url"] = url
    try:
        got = yaml.safe_load(new)
    except yaml.YAMLError:
        got = None
    if got != expected:
        raise EditError("the edited ledger would not read back as intended; add the lines by hand")


def add_archive_urls(text: str, additions: dict[str, str]) -> str:
    """The edited text, verified; EditError when it cannot be done safely."""
    new = apply(text, plan(text, additions))
    verify(text, new, additions)
    return new
