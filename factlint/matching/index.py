"""Indexes over a ledger so matching never scans every fact or name."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from factlint.fold import fold, stem
from factlint.ledger.model import Entity, Fact, Ledger


_ARTICLE = re.compile(r"^(?:the|a|an) ")


def deletes(token: str) -> set[str]:
    """The token and every string one deletion away (SymSpell-style blocking for near-misses)."""
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass
class LedgerIndex:
    """Lookups from folded names, name tokens and keywords to entities and facts."""

    ledger: Ledger
    names: dict[str, set[str]] = field(default_factory=dict)  # folded name or alias -> entity ids
    spellings: dict[str, str] = field(default_factory=dict)  # folded name or alias -> as written
    max_name_tokens: int = 1
    near: dict[str, set[str]] = field(default_factory=dict)  # deletion key of a name token -> folded names
    tokens: set[str] = field(default_factory=set)  # every folded token of every name and alias
    by_entity: dict[str, list[Fact]] = field(default_factory=dict)
    by_keyword: dict[str, list[Fact]] = field(default_factory=dict)  # stemmed first word -> facts
    unbound: list[Fact] = field(default_factory=list)  # facts about no entity
    urls: dict[str, set[str]] = field(default_factory=dict)  # normalised source URL -> source ids
    source_ids_lower: dict[str, str] = field(default_factory=dict)  # lower-cased source id -> source id
    _features: dict[str, object] = field(default_factory=dict, repr=False)
    _support: object = field(default=None, repr=False)

    @classmethod
    def build(cls, ledger: Ledger) -> "LedgerIndex":
        """Index every entity name, alias and fact once."""
        index = cls(ledger)
        names: dict[str, set[str]] = defaultdict(set)
        near: dict[str, set[str]] = defaultdict(set)
        for entity in ledger.entities.values():
            for spelling in (entity.name, *entity.aliases):
                key = _ARTICLE.sub("", fold(spelling))  # "the Electoral Commission" is written after any article
                if not key:
                    continue
                names[key].add(entity.id)
                index.spellings.setdefault(key, spelling)
                tokens = key.split()
                index.max_name_tokens = max(index.max_name_tokens, len(tokens))
                index.tokens.update(tokens)
                for token in tokens:
                    if len(token) >= 3:
                        for d in deletes(token):
                            near[d].add(key)
        by_entity: dict[str, list[Fact]] = defaultdict(list)
        by_keyword: dict[str, list[Fact]] = defaultdict(list)
        for fact in ledger.facts:
            for entity_id in fact.about:
                by_entity[entity_id].append(fact)
            if not fact.about:
                index.unbound.append(fact)
            for keyword in fact.keywords:
                words = fold(keyword).split()
                if words:
                    by_keyword[stem(words[0])].append(fact)
        index._index_sources()
        index.names, index.near = dict(names), dict(near)
        index.by_entity, index.by_keyword = dict(by_entity), dict(by_keyword)
        return index

    def _index_sources(self) -> None:
        """Source ids (case-insensitively) and normalised URLs, for resolving citations."""
        from factlint.matching.urls import normalise_url

        urls: dict[str, set[str]] = defaultdict(set)
        for source in self.ledger.sources.values():
            self.source_ids_lower.setdefault(source.id.lower(), source.id)
            for url in (source.url, source.archive_url):
                if url:
                    urls[normalise_url(url)].add(source.id)
        self.urls = dict(urls)

    def support(self):
        """The date and value index used for loose support (FL201), built on first use."""
        if self._support is None:
            from factlint.matching.support import SupportIndex

            self._support = SupportIndex.build(self.ledger.facts)
        return self._support

    def features(self, fact: Fact):
        """Word features of a fact, computed once on first use."""
        feats = self._features.get(fact.id)
        if feats is None:
            from factlint.matching.features import fact_features

            # Name words say who, not what: drop the entity's name and one-word aliases from claim words
            # (but keep words of longer aliases such as "Tessellate Sync", which also say what).
            names = frozenset(t for e in fact.about if (ent := self.entity(e))
                              for spelling in (ent.name, *ent.aliases)
                              if spelling == ent.name or len(spelling.split()) == 1 for t in fold(spelling).split())
            source = self.ledger.sources.get(fact.source)
            feats = self._features[fact.id] = fact_features(fact, names, source.title if source else "")
        return feats

    def entity(self, entity_id: str) -> Entity | None:
        """An entity by id."""
        return self.ledger.entities.get(entity_id)

    def near_names(self, token: str) -> set[str]:
        """Folded ledger names with a token within one edit of ``token``."""
        out: set[str] = set()
        for d in deletes(token):
            out |= self.near.get(d, set())
        return out
