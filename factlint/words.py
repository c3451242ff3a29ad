"""Words that say little: stop words, left out of claim words, and the function words no keyword may be alone.

Apart from matching, so that `factlint ledger check` (FL314) reads them without importing the matcher.
"""

from __future__ import annotations

from factlint.fold import fold

STOPWORDS = frozenset(
    "the a an of in on at to for by with from as than that which who whom whose is was are were be been being has "
    "have had do does did and or but not no nor so yet this these those it its their his her our your my they them "
    "he she we you i per over under about around more less into out up down after before since during while will "
    "would could should may might can also just only some any each every all both than then there here what when "
    "where why how said says say according new total percent per cent".split()
)
# Stop words that still say something as a keyword: a direction of change ("up", "down"), a comparison, a
# total, a unit word. The rest are function words, no keyword on their own.
FUNCTION_WORDS = STOPWORDS - frozenset("up down over under more less after before during total new percent per "
                                       "cent".split())


def signals_nothing(keyword: str) -> bool:
    """Whether a keyword is empty or function words alone ("since", "for", "of the"): almost every sentence
    has them, so they are no sign of any fact (matching.features.keyword_phrases leaves them out; FL314)."""
    return FUNCTION_WORDS.issuperset(fold(keyword).split())
