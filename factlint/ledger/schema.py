"""The keys ledger v1 allows in each place, and "did you mean" for the others."""

from __future__ import annotations

import difflib

TOP = ("version", "sources", "entities", "facts")
SOURCE = ("title", "url", "publisher", "published", "accessed", "archive_url")
ENTITY = ("name", "aliases", "kind")
FACT = ("id", "claim", "about", "keywords", "value", "unit", "tolerance", "date", "source", "quote",
        "valid_from", "valid_until")

REQUIRED = {"ledger": ("version",), "source": ("title",), "entity": ("name",), "fact": ("id", "claim", "source")}

# Spellings people reach for that difflib would not find from the letters alone.
SYNONYMS = {
    "sources": "source", "entity": "about", "entities": "about", "subject": "about", "subjects": "about",
    "alias": "aliases", "keyword": "keywords", "tags": "keywords", "number": "value", "amount": "value",
    "units": "unit", "from": "valid_from", "until": "valid_until", "valid_to": "valid_until",
    "link": "url", "href": "url", "archive": "archive_url", "archived": "archive_url",
}


def suggest(key: object, known: tuple[str, ...]) -> str | None:
    """The known key the writer most likely meant, if any."""
    word = str(key).strip().lower().replace("-", "_").replace(" ", "_")
    if word in known:
        return word
    if SYNONYMS.get(word) in known:
        return SYNONYMS[word]
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key_message(key: object, known: tuple[str, ...], where: str) -> str:
    """'unknown key 'titel' in source x (did you mean 'title'?)'."""
    hint = suggest(key, known)
    extra = f" (did you mean '{hint}'?)" if hint else f" (known keys: {', '.join(known)})"
    return f"unknown key '{key}' in {where}{extra}"
