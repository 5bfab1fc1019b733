"""Parse what a person typed into a search box into a safe, backend-neutral query.

The grammar follows PostgreSQL's `websearch_to_tsquery`, so both backends mean the same thing:
words are ANDed, `"quoted words"` are phrases, `or` between terms means either, and `-word`
excludes. Everything else (FTS5 operators such as `NEAR(`, `*`, `col:x`, stray quotes) is just
text: only runs of letters and digits survive, and each backend renders them quoted. Parsing is
a pure function, so no input can reach the database engine as syntax.
"""

import re
from dataclasses import dataclass

MAX_TERMS = 16  # bound the work one request can ask of the engine
MAX_WORD_LENGTH = 64

# A word is a run of letters/digits; underscores separate words (FTS5's tokenizer agrees).
WORD_RE = re.compile(r"[^\W_]+")
# Quoted phrases (an unclosed quote runs to the end), otherwise whitespace-separated chunks.
CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word or phrase; `negated` terms must not appear."""

    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """An OR of clauses; each clause is an AND of terms with at least one positive term."""

    clauses: tuple[tuple[Term, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def words(self) -> list[str]:
        return [
            w for clause in self.clauses for term in clause if not term.negated for w in term.words
        ]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w[:MAX_WORD_LENGTH].lower() for w in WORD_RE.findall(text))


def parse_query(raw: str | None) -> ParsedQuery:
    """Turn raw user input into a `ParsedQuery`; never raises."""
    clauses: list[tuple[Term, ...]] = []
    current: list[Term] = []
    budget = MAX_TERMS
    for match in CHUNK_RE.finditer((raw or "")[:1000]):
        negated_phrase, phrase, chunk = match.groups()
        if chunk is not None and chunk.lower() == "or":
            if current:
                clauses.append(tuple(current))
                current = []
            continue
        if chunk is not None:
            negated = chunk.startswith("-") and len(chunk) > 1
            words = _words(chunk)
        else:
            negated = bool(negated_phrase)
            words = _words(phrase)
        if not words or budget <= 0:
            continue
        budget -= 1
        current.append(Term(words=words, negated=negated))
    if current:
        clauses.append(tuple(current))
    # A clause of exclusions only would match almost everything: drop it.
    kept = tuple(c for c in clauses if any(not t.negated for t in c))
    return ParsedQuery(clauses=_dedupe(kept))


def _dedupe(clauses: tuple[tuple[Term, ...], ...]) -> tuple[tuple[Term, ...], ...]:
    seen = set()
    result = []
    for clause in clauses:
        unique = tuple(dict.fromkeys(clause))
        if unique not in seen:
            seen.add(unique)
            result.append(unique)
    return tuple(result)


def _fts5_term(term: Term) -> str:
    # Words contain only letters and digits, so a double-quoted string is always a valid phrase.
    return '"' + " ".join(term.words) + '"'


def to_fts5(query: ParsedQuery) -> str:
    """Render for SQLite FTS5 `MATCH`: every term double-quoted, operators explicit."""
    rendered = []
    for clause in query.clauses:
        positive = [t for t in clause if not t.negated]
        negative = [t for t in clause if t.negated]
        expression = "(" + " AND ".join(_fts5_term(t) for t in positive) + ")"
        for term in negative:
            expression = f"({expression} NOT {_fts5_term(term)})"
        rendered.append(expression)
    return " OR ".join(rendered)


def to_websearch(query: ParsedQuery) -> str:
    """Render for PostgreSQL `websearch_to_tsquery`: the same query, re-serialised cleanly."""
    rendered = []
    for clause in query.clauses:
        parts = [("-" if t.negated else "") + '"' + " ".join(t.words) + '"' for t in clause]
        rendered.append(" ".join(parts))
    return " or ".join(rendered)
