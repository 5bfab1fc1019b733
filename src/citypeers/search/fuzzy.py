"""Typo tolerance for place names: "Chatanooga" finds Chattanooga.

When a query finds nothing, each of its words that is not a known name word is replaced by the
closest name word (difflib's ratio, at least `CUTOFF`), and the corrected query is run instead;
the page says so. The vocabulary is the words of every profile title ("Chattanooga, TN"), built
once per process and rebuilt when profile documents change. Both databases behave alike
because the matching happens here, not in the engine.
"""

import difflib
from collections import defaultdict

from django.db.models import Count, Max

from citypeers.search.models import SearchDocument
from citypeers.search.query import WORD_RE, ParsedQuery, Term

CUTOFF = 0.8
MIN_WORD = 4  # shorter words are too easy to "correct" into something else

_cache: dict = {"key": None, "vocabulary": None}


class Vocabulary:
    """Name words bucketed by first letter, so a lookup compares a few thousand words."""

    def __init__(self, titles):
        self.words: set[str] = set()
        buckets: dict[str, list[str]] = defaultdict(list)
        for title in titles:
            for word in WORD_RE.findall(title.split(",")[0].lower()):
                if len(word) >= MIN_WORD and word not in self.words:
                    self.words.add(word)
                    buckets[word[0]].append(word)
        self.buckets = dict(buckets)

    def closest(self, word: str) -> str | None:
        if len(word) < MIN_WORD or word in self.words:
            return None
        found = difflib.get_close_matches(word, self.buckets.get(word[0], ()), n=1, cutoff=CUTOFF)
        return found[0] if found else None

    def correct(self, query: ParsedQuery) -> ParsedQuery | None:
        """The query with misspelt name words replaced, or None when nothing changed."""
        changed = False
        clauses = []
        for clause in query.clauses:
            terms = []
            for term in clause:
                words = []
                for word in term.words:
                    better = None if term.negated else self.closest(word)
                    changed = changed or better is not None
                    words.append(better or word)
                fixed = tuple(words) != term.words
                # A corrected word is a whole word, not the start of one.
                terms.append(Term(tuple(words), term.negated, term.prefix and not fixed))
            clauses.append(tuple(terms))
        return ParsedQuery(tuple(clauses)) if changed else None


def vocabulary() -> Vocabulary:
    profiles = SearchDocument.objects.filter(kind="profile")
    key = tuple(profiles.aggregate(n=Count("id"), last=Max("updated_at")).values())
    if _cache["key"] != key:
        _cache["vocabulary"] = Vocabulary(profiles.values_list("title", flat=True).iterator())
        _cache["key"] = key
    return _cache["vocabulary"]


def corrected(query: ParsedQuery) -> ParsedQuery | None:
    return vocabulary().correct(query)


def display(query: ParsedQuery) -> str:
    """The query as words a person reads ("chattanooga housing")."""
    return " ".join(" ".join(t.words) for clause in query.clauses for t in clause if not t.negated)
