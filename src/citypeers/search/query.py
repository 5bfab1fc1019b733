"""Parse what a person typed into a search box into a safe, backend-neutral query.

The grammar follows PostgreSQL's `websearch_to_tsquery`, so both backends mean the same thing:
words are ANDed, `"quoted words"` are phrases, `or` between terms means either, and `-word`
excludes. Everything else (FTS5 operators such as `NEAR(`, `*`, `col:x`, stray quotes) is just
text: only runs of letters and digits survive, and each backend renders them quoted. Parsing is
a pure function, so no input can reach the database engine as syntax.

The last word typed also matches as a prefix ("hous" finds housing), because search boxes
search as people type. Both engines stem a prefix before matching it, so a prefix matches
while it is no longer than the word's stem ("hous", "housing" do; "housin" does not).
"""

import re
from dataclasses import dataclass

MAX_TERMS = 16  # bound the work one request can ask of the engine
MAX_WORD_LENGTH = 64
MIN_PREFIX_LENGTH = 2  # a one-letter prefix would match most of the index

# A word is a run of letters/digits; underscores separate words (FTS5's tokenizer agrees).
WORD_RE = re.compile(r"[^\W_]+")
# Quoted phrases (an unclosed quote runs to the end), otherwise whitespace-separated chunks.
CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    """One word or phrase; `negated` terms must not appear."""

    words: tuple[str, ...]
    negated: bool = False
    # The last word may be the start of a longer one (the final bare word of the input).
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """An OR of clauses; each clause is an AND of terms with at least one positive term."""

    clauses: tuple[tuple[Term, ...], ...]

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def has_prefix(self) -> bool:
        return any(t.prefix for clause in self.clauses for t in clause)

    def whole_words(self) -> "ParsedQuery":
        """The same query with every word matched whole (no prefix)."""
        return ParsedQuery(
            tuple(
                tuple(Term(t.words, t.negated) if t.prefix else t for t in clause)
                for clause in self.clauses
            )
        )

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
    chunk_was_bare = False
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
        chunk_was_bare = chunk is not None
    if current:
        if chunk_was_bare and not current[-1].negated:
            current[-1] = _as_prefix(current[-1])
        clauses.append(tuple(current))
    # A clause of exclusions only would match almost everything: drop it.
    kept = tuple(c for c in clauses if any(not t.negated for t in c))
    return ParsedQuery(clauses=_dedupe(kept))


def _as_prefix(term: Term) -> Term:
    if len(term.words[-1]) < MIN_PREFIX_LENGTH:
        return term
    return Term(words=term.words, negated=term.negated, prefix=True)


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
    # Words contain only letters and digits, so a double-quoted string is always a valid phrase;
    # a `*` after it makes its last word a prefix.
    return '"' + " ".join(term.words) + '"' + (" *" if term.prefix else "")


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


def _tsquery_term(term: Term) -> str:
    # Words contain only letters and digits, so a single-quoted operand is always a lexeme;
    # `<->` keeps a phrase's words in order and `:*` makes the last one a prefix.
    operands = [f"'{word}'" for word in term.words]
    if term.prefix:
        operands[-1] += ":*"
    phrase = " <-> ".join(operands)
    if len(operands) > 1:
        phrase = f"({phrase})"
    return f"!{phrase}" if term.negated else phrase


def to_tsquery(query: ParsedQuery) -> str:
    """Render for PostgreSQL `to_tsquery`: the same query, with prefixes (which
    `websearch_to_tsquery` cannot express)."""
    return " | ".join(
        "(" + " & ".join(_tsquery_term(t) for t in clause) + ")" for clause in query.clauses
    )
