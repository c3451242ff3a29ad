"""Read YAML into plain values that remember where they were written, rejecting hostile input.

PyYAML's constructors lose positions and silently keep the last of duplicate keys, and a
composed node graph can hide an exponential alias expansion. So this module walks libyaml's
event stream itself (iterative, no recursion) and builds the values directly, with limits.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from factlint.ledger.files import MAX_FILE_BYTES
from factlint.ledger.problems import Problem, Spot

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVERS = _Loader.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()
_TAG = "tag:yaml.org,2002:"

MAX_DEPTH = 64  # a ledger needs 4 levels; libyaml itself has no limit
MAX_SCALAR_CHARS = 100_000  # a claim or quote is a sentence, not a book
ALIAS_BASE = 100_000  # nodes that aliases may add, on top of ...
ALIAS_FACTOR = 10  # ... this many times the nodes actually written


class YMap(dict):
    """A mapping that knows where it, its keys and its values were written."""

    __slots__ = ("spot", "key_spots", "value_spots")


class YList(list):
    """A sequence that knows where it and its items were written."""

    __slots__ = ("spot", "item_spots")


class _Abort(Exception):
    """Reading stops: the problem is already recorded."""


_NO_KEY, _SKIP, _MERGE = object(), object(), object()


def _spot(start: Any, end: Any) -> Spot:
    """1-based (line, column, end line, end column) from two YAML marks."""
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _show_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object' -> '!!python/object'."""
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _scalar_tag(value: str, tag: str | None, plain: bool) -> str:
    """The tag a scalar resolves to, as PyYAML's safe loader resolves it."""
    if tag and tag != "!":
        return tag
    if not plain:
        return _TAG + "str"
    for candidate, regexp in _RESOLVERS.get(value[0] if value else "", ()):
        if regexp.match(value):
            return candidate
    return _TAG + "str"


_BUILDERS = {
    _TAG + "null": _CONSTRUCTOR.construct_yaml_null,
    _TAG + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _TAG + "int": _CONSTRUCTOR.construct_yaml_int,
    _TAG + "float": _CONSTRUCTOR.construct_yaml_float,
    _TAG + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


# Plain '<<' and '=' resolve to these; outside a merge they are just text, as is an explicit !!str.
_TEXT_TAGS = {_TAG + "str", _TAG + "merge", _TAG + "value"}


class _Reader:
    """One pass over one file's events."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.stack: list[list] = []  # frames: [container, pending key, key spot, anchor, count at start, merges]
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.count = 0  # nodes, counting every alias expansion in full
        self.written = 0  # nodes actually written
        self.expanded = 0  # nodes added by aliases
        self.documents = 0
        self.root: Any = None

    def fail(self, code: str, message: str, spot: Spot) -> None:
        """Record a problem that ends reading."""
        self.problems.append(Problem(self.path, spot, code, message))
        raise _Abort

    def run(self, text: str) -> Any:
        """Build the document's value from the event stream."""
        parser = _Loader(text)
        handlers = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start_mapping,
            yaml.SequenceStartEvent: self.start_sequence,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }
        try:
            get_event = parser.get_event
            while (event := get_event()) is not None:
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            spot = _spot(mark, mark) if mark is not None else (1, 1, 1, 1)
            problem = getattr(exc, "problem", None) or str(exc)
            context, where = getattr(exc, "context", None), getattr(exc, "context_mark", None)
            if context and where is not None and where.line != getattr(mark, "line", None):
                context += f" that starts at line {where.line + 1}"
            self.problems.append(Problem(self.path, spot, "FL301",
                                         f"invalid YAML: {problem}" + (f" ({context})" if context else "")))
            raise _Abort from None
        finally:
            parser.dispose()
        return self.root

    def document(self, event: Any) -> None:
        """Only one document per ledger file."""
        self.documents += 1
        if self.documents > 1:
            self.fail("FL301", "a ledger file holds one YAML document; this is a second one",
                      _spot(event.start_mark, event.end_mark))

    def scalar(self, event: Any) -> None:
        """A scalar resolved and built like PyYAML's safe loader would, but never raising."""
        value: Any = event.value
        spot = _spot(event.start_mark, event.end_mark)
        if len(value) > MAX_SCALAR_CHARS:
            self.fail("FL311", f"a scalar of {len(value):,} characters is longer than the limit of "
                               f"{MAX_SCALAR_CHARS:,}", spot)
        tag = _scalar_tag(value, event.tag, event.implicit[0])
        if tag != _TAG + "str":
            value = self.build(value, tag, spot)
        self.count += 1
        self.written += 1
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add(value, spot)

    def build(self, text: str, tag: str, spot: Spot) -> Any:
        """Construct a typed scalar; an impossible date stays text for the validator to explain."""
        builder = _BUILDERS.get(tag)
        if builder is None:
            if tag not in _TEXT_TAGS:
                self.problems.append(Problem(self.path, spot, "FL303", f"unsupported YAML tag {_show_tag(tag)}"))
            return text
        try:
            return builder(ScalarNode(tag, text))
        except (ValueError, KeyError, OverflowError):
            if tag == _TAG + "timestamp":
                return text
            self.problems.append(Problem(self.path, spot, "FL303", f"{text!r} is not a valid {_show_tag(tag)}"))
            return text

    def _open(self, container: YMap | YList, event: Any) -> None:
        """Push a collection, enforcing the depth limit and checking its tag."""
        spot = _spot(event.start_mark, event.end_mark)
        if len(self.stack) >= MAX_DEPTH:
            self.fail("FL311", f"nesting deeper than {MAX_DEPTH} levels", spot)
        tag = event.tag
        if tag and tag not in ("!", _TAG + "map", _TAG + "seq"):
            self.problems.append(Problem(self.path, spot, "FL303", f"unsupported YAML tag {_show_tag(tag)}"))
        container.spot = spot
        self.count += 1
        self.written += 1
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append([container, _NO_KEY, None, event.anchor, self.count - 1, []])

    def start_mapping(self, event: Any) -> None:
        """Open a mapping."""
        ymap = YMap()
        ymap.key_spots, ymap.value_spots = {}, {}
        self._open(ymap, event)

    def start_sequence(self, event: Any) -> None:
        """Open a sequence."""
        ylist = YList()
        ylist.item_spots = []
        self._open(ylist, event)

    def end(self, event: Any) -> None:
        """Close the innermost collection and hand it to its parent."""
        container, _key, _spot_, anchor, start, merges = self.stack.pop()
        if merges:
            self.merge(container, merges)
        if anchor:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = (container, self.count - start)
        line, column = container.spot[0], container.spot[1]
        container.spot = (line, column, event.end_mark.line + 1, event.end_mark.column + 1)
        self.add(container, container.spot)

    def alias(self, event: Any) -> None:
        """Reuse an anchored value, counting its full size against the expansion budget."""
        spot = _spot(event.start_mark, event.end_mark)
        name = event.anchor
        if name in self.open_anchors:
            self.fail("FL311", f"alias *{name} refers to a collection that contains it", spot)
        if name not in self.anchors:
            self.fail("FL301", f"invalid YAML: alias *{name} has no anchor &{name} before it", spot)
        value, size = self.anchors[name]
        self.count += size
        self.expanded += size
        budget = ALIAS_BASE + ALIAS_FACTOR * self.written
        if self.expanded > budget:
            self.fail("FL311", f"aliases expand to more than {budget:,} nodes (an exponential "
                               "'billion laughs' document?)", spot)
        self.add(value, spot)

    def add(self, value: Any, spot: Spot) -> None:
        """Attach a finished value to the open collection (or make it the document)."""
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if type(container) is YList:
            container.append(value)
            container.item_spots.append(spot)
            return
        key = frame[1]
        if key is _NO_KEY:
            frame[1], frame[2] = self.key(container, value, spot), spot
            return
        frame[1] = _NO_KEY
        if key is _MERGE:
            frame[5].append((value, spot))
        elif key is not _SKIP:
            container[key] = value
            container.key_spots[key] = frame[2]
            container.value_spots[key] = spot

    def key(self, container: YMap, value: Any, spot: Spot) -> Any:
        """Validate a mapping key: text-like, not a duplicate; '<<' merges."""
        if isinstance(value, (YMap, YList)):
            self.problems.append(Problem(self.path, spot, "FL303", "a mapping key must be a plain value, "
                                                                   "not a mapping or a list"))
            return _SKIP
        if value == "<<":
            return _MERGE
        if value in container:
            first = container.key_spots[value]
            self.problems.append(Problem(self.path, spot, "FL306",
                                         f"duplicate key '{value}' (first at line {first[0]}); "
                                         "YAML would silently keep only the last one"))
            return _SKIP
        return value

    def merge(self, container: YMap, merges: list[tuple[Any, Spot]]) -> None:
        """Apply '<<' merge keys: explicit keys win, then earlier merged mappings."""
        for value, spot in merges:
            sources = value if isinstance(value, YList) else [value]
            for source in sources:
                if not isinstance(source, YMap):
                    self.problems.append(Problem(self.path, spot, "FL303", "'<<' must merge a mapping "
                                                                           "or a list of mappings"))
                    continue
                for key, item in source.items():
                    if key not in container:
                        container[key] = item
                        container.key_spots[key] = source.key_spots[key]
                        container.value_spots[key] = source.value_spots[key]


def read_yaml_text(text: str, path: str) -> tuple[Any, list[Problem]]:
    """The document's value (None when unreadable) and the problems met while reading it."""
    reader = _Reader(path)
    try:
        return reader.run(text), reader.problems
    except _Abort:
        return None, reader.problems


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a BOM, or an FL301/FL311 problem naming the line, column and byte offset."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(path, (1, 1, 1, 1), "FL311", f"the file is larger than the limit of {MAX_FILE_BYTES:,} "
                                                           "bytes; split the ledger into a directory of files")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [Problem(path, (line, column, line, column + 1), "FL301",
                              f"invalid UTF-8 at byte offset {exc.start}")]
    return text.removeprefix("\ufeff"), []
