"""Indexes over a ledger so matching never scans every fact or name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from factlint.extraction.names import stops_runs
from factlint.fold import fold, stem
from factlint.ledger.model import Entity, Fact, Ledger, Source
from factlint.matching.features import FactFeatures, FeatureStore, encode_features, fact_features, keyword_phrases
from factlint.matching.store import FactStore, PackedMap, PackedRecords, numbers_of, pack_numbers
from factlint.matching.support import SupportIndex
from factlint.startup import regex
from factlint.units import canonical


_ARTICLE = regex(r"^(?:the|a|an) ")
MAX_POSTING = 300


def fact_kind(fact: Fact) -> str:
    """What a fact can be compared with: 'date', a unit dimension ('percent', 'currency', ...), or 'none'."""
    if fact.date is not None:
        return "date"
    unit = canonical(fact.unit)
    return unit.dimension if unit else "none"


def deletes(token: str) -> set[str]:
    """The token and every string one deletion away (SymSpell-style blocking for near-misses)."""
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


def _frozen(postings: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Each posting as a sorted tuple."""
    return {key: tuple(sorted(values)) for key, values in postings.items()}


@dataclass
class LedgerIndex:
    """Lookups from folded names, name tokens and keywords to entities and facts."""

    # Sources, entities and facts are kept packed and built when looked up, so the index holds no
    # Ledger: one with its entities or facts left out would mislead.
    sources: Mapping[str, Source] = field(default_factory=dict)
    entities: Mapping[str, Entity] = field(default_factory=dict, repr=False)
    facts: FactStore = field(default_factory=lambda: FactStore.of(()))
    # Values are sorted tuples, not sets: their order is deterministic.
    # The name maps are store.PackedMaps once built: loaded as four buffers each, not ~170k objects.
    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # folded name or alias -> entity ids
    spellings: Mapping[str, str] = field(default_factory=dict)  # folded name or alias -> as written
    max_name_tokens: int = 1
    # First words of the names and aliases that capitalised runs stop short of, having a number or a
    # lower-case word after the first ("Line 4", "Bank of England"): drafts are also searched for
    # these from such a word (extraction.names.spanning_names).
    spanning_heads: frozenset[str] = frozenset()
    near: Mapping[str, str] = field(default_factory=dict)  # deletion key -> the name tokens it comes from, space-separated
    tokens: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # folded token -> folded names that use it
    # entity -> {kind: fact numbers packed by array("I")}, a PackedMap read on the entity's first lookup:
    # 86k "entity\0kind" dict keys of a 100k-fact index took 36 ms of its load, a dict per entity ~5 ms.
    by_entity: Mapping[str, dict[str, bytes]] = field(default_factory=dict)
    # kind -> keyword stem -> fact numbers (pack_numbers). String keys unpickle several times faster than
    # tuples; and a lookup by the sentence's word (its hash kept) builds no key string to hash.
    by_keyword: dict[str, dict[str, bytes]] = field(default_factory=dict)
    urls: dict[str, set[str]] = field(default_factory=dict)  # normalised source URL -> source ids
    source_ids_lower: dict[str, str] = field(default_factory=dict)  # lower-cased source id -> source id
    hosts: dict[str, list[str]] = field(default_factory=dict)  # host -> normalised source URLs on it
    sites: frozenset[str] = frozenset()  # registrable domains of the source URLs
    source_prefixes: dict[str, list[str]] = field(default_factory=dict)  # first 3 letters -> source ids
    # Each fact's FactFeatures, by fact number, computed at build; None for an index built without them.
    packed_features: FeatureStore | None = field(default=None, repr=False)
    _features: dict[str, object] = field(default_factory=dict, repr=False)
    _phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False)  # per entity, source
    _support: SupportIndex | None = field(default=None, repr=False)  # built with the index
    _entity_numbers: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)  # entity_numbers, memo
    _token_names: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # token_names, memo
    # How each distinct run of capitalised words resolves against this index (extraction.names.find_names),
    # filled as drafts are read: kept here, a run is resolved once per process, not once per draft or span.
    name_plans: dict[str, tuple] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, ledger: Ledger) -> "LedgerIndex":
        """Index every entity name, alias and fact once."""
        index = cls(sources=PackedRecords.of(ledger.sources), entities=PackedRecords.of(ledger.entities),
                    facts=FactStore.of(ledger.facts))
        names: dict[str, set[str]] = defaultdict(set)
        near: dict[str, set[str]] = defaultdict(set)
        tokens: dict[str, set[str]] = defaultdict(set)
        heads: set[str] = set()
        spellings: dict[str, str] = {}
        for entity in ledger.entities.values():
            for spelling in (entity.name, *entity.aliases):
                key = _ARTICLE.sub("", fold(spelling))  # "the Electoral Commission" is written after any article
                if not key:
                    continue
                names[key].add(entity.id)
                spellings.setdefault(key, spelling)
                words = key.split()
                index.max_name_tokens = max(index.max_name_tokens, len(words))
                if stops_runs(spelling):
                    heads.add(words[0])
                for token in words:
                    tokens[token].add(key)
                    if len(token) >= 3 and token not in near.get(token, ()):
                        for d in deletes(token):
                            near[d].add(token)
        by_entity: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        by_keyword: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, fact in enumerate(ledger.facts):
            kind = fact_kind(fact)
            for entity_id in dict.fromkeys(fact.about):
                by_entity[entity_id][kind].append(i)
            # Once per keyword phrase, not per distinct first word: a fact's entries among the postings
            # of a sentence's words bound how many of its phrases the sentence can match (keyword_entries).
            for word in (stem(words[0]) for k in fact.keywords if (words := fold(k).split())):
                by_keyword[kind][word].append(i)
        index._index_sources(ledger.sources)
        index._support = SupportIndex.build(ledger.facts, index.facts)
        index.names, index.tokens = PackedMap.of(_frozen(names)), PackedMap.of(_frozen(tokens))
        index.spellings = PackedMap.of(spellings)
        index.spanning_heads = frozenset(heads)
        index.near = PackedMap.of({key: " ".join(sorted(found)) for key, found in near.items()})
        index.by_entity = PackedMap.of({e: {kind: pack_numbers(nums) for kind, nums in kinds.items()}
                                        for e, kinds in by_entity.items()})
        index.by_keyword = {kind: {word: pack_numbers(numbers) for word, numbers in words.items()}
                            for kind, words in by_keyword.items()}
        index.packed_features = FeatureStore.pack(encode_features(index.features(f)) for f in ledger.facts)
        index._features.clear()  # memos of this build: a cached index starts without them, as a fresh one
        index._phrases.clear()
        index._memo.clear()
        return index

    def entity_facts(self, entity_id: str, kinds: tuple[str, ...]) -> list[Fact]:
        """An entity's facts of these kinds (a kind is a unit dimension, 'none' or 'date')."""
        postings = self._entity_postings(entity_id)
        facts = self.facts
        return [facts[i] for kind in kinds for i in numbers_of(postings.get(kind, b""))]

    def _entity_postings(self, entity_id: str) -> dict[str, bytes]:
        """An entity's fact numbers by kind (store.pack_numbers), unpacked on its first lookup."""
        return self.by_entity.get(entity_id) or {}

    def entity_numbers(self, entity_id: str) -> frozenset[int]:
        """The numbers of all an entity's facts, of every kind (none for an id the ledger lacks)."""
        numbers = self._entity_numbers.get(entity_id)
        if numbers is None:
            postings = self._entity_postings(entity_id).values()
            numbers = self._entity_numbers[entity_id] = frozenset(i for p in postings for i in numbers_of(p))
        return numbers

    def keyword_entries(self, words: frozenset[str], kinds: tuple[str, ...]) -> tuple[list[int], list[memoryview]]:
        """The entries of the postings of ``words`` for these kinds of fact, in order: a fact number per
        keyword phrase that starts with the posting's word; and the postings too common to find facts.

        A posting with more than MAX_POSTING entries ("won" in a big ledger) finds nothing on its own: it
        still counts as evidence for facts that a more telling word found. A fact's entries in both
        bound from above how many of its phrases the sentence matches (features.evidence).
        """
        out: list[int] = []
        common: list[memoryview] = []
        tables = [table for kind in kinds if (table := self.by_keyword.get(kind))]
        for word in sorted(words):
            for table in tables:
                packed = table.get(word)
                if packed is None:  # most of a sentence's words: no fact's keyword starts with them
                    continue
                posting = numbers_of(packed)
                if len(posting) <= MAX_POSTING:
                    out.extend(posting)
                else:
                    common.append(posting)
        return out, common

    def named_numbers(self, entity_ids: frozenset[str]) -> frozenset[int]:
        """The numbers of the facts about any of these entities."""
        return frozenset().union(*map(self.entity_numbers, entity_ids))

    def _index_sources(self, sources: dict[str, Source]) -> None:
        """Source ids (case-insensitively) and normalised URLs, for resolving citations."""
        from factlint.matching.urls import host_of, normalise_url, site_of

        urls: dict[str, set[str]] = defaultdict(set)
        for source in sources.values():
            self.source_ids_lower.setdefault(source.id.lower(), source.id)
            for url in (source.url, source.archive_url):
                if url:
                    urls[normalise_url(url)].add(source.id)
        self.urls = dict(urls)
        hosts: dict[str, list[str]] = defaultdict(list)
        for url in self.urls:
            hosts[host_of(url)].append(url)
        self.hosts = dict(hosts)
        self.sites = frozenset(site_of(u) for u in self.urls)
        prefixes: dict[str, list[str]] = defaultdict(list)
        for sid in sources:
            prefixes[sid[:3].lower()].append(sid)
        self.source_prefixes = dict(prefixes)

    def support(self) -> SupportIndex | None:
        """The date and value index used for loose support (FL201)."""
        return self._support

    def features(self, fact: Fact) -> FactFeatures:
        """Word features of a fact: as computed at build (for a fact of this index's store), else now; once."""
        feats = self._features.get(fact.id)
        if feats is None:
            i = self.facts.number(fact) if self.packed_features is not None else None
            if i is not None:
                feats = self.packed_features[i]
            else:
                names = frozenset().union(*(self._name_words(e) for e in fact.about))
                feats = fact_features(fact, names, self._title_words(fact.source), self.keywords(fact))
            self._features[fact.id] = feats
        return feats

    def _name_words(self, entity_id: str) -> frozenset[str]:
        """Folded words of an entity's name and one-word aliases, once per entity.

        Name words say who, not what: they are dropped from claim words (but words of longer aliases such
        as "Tessellate Sync" are kept, since they also say what).
        """
        words = self._memo.get(("name", entity_id))
        if words is None:
            ent = self.entity(entity_id)
            words = frozenset(t for spelling in ((ent.name, *ent.aliases) if ent else ())
                              if spelling == ent.name or len(spelling.split()) == 1 for t in fold(spelling).split())
            self._memo["name", entity_id] = words
        return words

    def _title_words(self, source_id: str) -> frozenset[str]:
        """Words of a source's title (part of each of its facts' claim words), once per source."""
        words = self._memo.get(("title", source_id))
        if words is None:
            from factlint.matching.features import words_of

            source = self.sources.get(source_id)
            words = self._memo["title", source_id] = words_of(source.title) if source else frozenset()
        return words

    def keywords(self, fact: Fact) -> tuple[tuple[str, ...], ...]:
        """A fact's keyword phrases (stemmed words): from its features when they were computed at build,
        else computed, once (cheaper than all its features)."""
        phrases = self._phrases.get(fact.id)
        if phrases is None:
            if self.packed_features is not None and self.facts.number(fact) is not None:
                phrases = self.features(fact).keywords
            else:
                phrases = keyword_phrases(fact)
            self._phrases[fact.id] = phrases
        return phrases

    def keywords_of(self, number: int) -> tuple[tuple[str, ...], ...]:
        """The keyword phrases of the fact at ``number`` in the store, without building the fact when
        its features were stored."""
        if self.packed_features is not None:
            return self.packed_features[number].keywords
        return self.keywords(self.facts[number])

    @property
    def entity_ids(self):
        """Every entity id of the ledger."""
        return self.entities.keys()

    def entity(self, entity_id: str) -> Entity | None:
        """An entity by id."""
        return self.entities.get(entity_id)

    def token_names(self, token: str) -> frozenset[str]:
        """The folded ledger names that use a token, as a set, once per token (near misses intersect them)."""
        names = self._token_names.get(token)
        if names is None:
            names = self._token_names[token] = frozenset(self.tokens.get(token, ()))
        return names

    def near_tokens(self, token: str) -> set[str]:
        """Ledger name tokens within one edit of ``token`` (deletions meet halfway, SymSpell-style)."""
        out: set[str] = set()
        for d in deletes(token):
            out.update(self.near.get(d, "").split())
        return out
