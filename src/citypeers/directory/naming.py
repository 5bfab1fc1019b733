"""Names of places: normalising for matching, Census legal suffixes, and slugs.

Pure functions, no database. The importers and the loader share them so a name written by one
is found by the other.
"""

import re
import unicodedata

from django.utils.text import slugify

from citypeers.directory.enums import GovernmentType

# Census place names end in their legal/statistical description ("Boise City city",
# "Nashville-Davidson metropolitan government (balance)"). Longest first so "city and borough"
# wins over "borough".
LEGAL_SUFFIXES = [
    "metropolitan government (balance)",
    "consolidated government (balance)",
    "unified government (balance)",
    "metro government (balance)",
    "metropolitan government",
    "consolidated government",
    "unified government",
    "charter township",
    "city and borough",
    "city (balance)",
    "urban county",
    "municipality",
    "zona urbana",
    "corporation",
    "plantation",
    "comunidad",
    "(balance)",
    "township",
    "borough",
    "village",
    "city",
    "town",
    "CDP",
]
_SUFFIX_PATTERN = re.compile(
    r"^(?P<name>.+?)\s+(?P<suffix>" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r")$"
)

_KIND_BY_SUFFIX = {
    "city": GovernmentType.CITY,
    "city (balance)": GovernmentType.CONSOLIDATED,
    "town": GovernmentType.TOWN,
    "village": GovernmentType.VILLAGE,
    "borough": GovernmentType.BOROUGH,
    "township": GovernmentType.TOWNSHIP,
    "charter township": GovernmentType.TOWNSHIP,
    "plantation": GovernmentType.TOWN,
    "CDP": GovernmentType.CDP,
    "comunidad": GovernmentType.CDP,
    "zona urbana": GovernmentType.CDP,
}

# Abbreviations folded to one spelling before comparing ("St. Louis" = "Saint Louis").
_WORD_FOLDS = [
    (re.compile(r"\bste\.?(?=\s)"), "sainte"),
    (re.compile(r"\bst\.?(?=\s)"), "saint"),
    (re.compile(r"\bft\.?(?=\s)"), "fort"),
    (re.compile(r"\bmt\.?(?=\s)"), "mount"),
]
_APOSTROPHES = re.compile("['\u2019`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Free-form member lists say "City of Boston" or "Town of Cary".
_GOVERNMENT_PREFIX = re.compile(
    r"^(city|town|village|borough|township|county|municipality) of\s+", re.IGNORECASE
)


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(name: str) -> str:
    """Lower-case ASCII words separated by single spaces, abbreviations spelled out."""
    text = ascii_fold(name or "").lower().strip()
    text = _APOSTROPHES.sub("", text)
    text = re.sub(r"\s+", " ", text) + " "
    for pattern, replacement in _WORD_FOLDS:
        text = pattern.sub(replacement, text)
    return _NON_ALNUM.sub(" ", text).strip()


def split_legal_name(census_name: str) -> tuple[str, str]:
    """("Boise City", "city") from "Boise City city"; ("Princeton", "") when there is no suffix."""
    text = (census_name or "").strip()
    match = _SUFFIX_PATTERN.match(text)
    if not match:
        return text, ""
    return match.group("name").strip(), match.group("suffix")


def kind_for_legal_type(legal_type: str, *, incorporated: bool = True) -> str:
    if legal_type in _KIND_BY_SUFFIX:
        return _KIND_BY_SUFFIX[legal_type]
    if legal_type:
        return GovernmentType.CONSOLIDATED
    return GovernmentType.OTHER if incorporated else GovernmentType.CDP


def consolidated_short_name(name: str) -> str | None:
    """ "Nashville" from "Nashville-Davidson"; consolidated governments are known by their city."""
    for separator in ("/", "-"):
        if separator in name:
            return name.split(separator, 1)[0].strip() or None
    return None


def candidate_keys(name: str) -> list[str]:
    """Normalised forms of a free-form name to try, most literal first."""
    keys: list[str] = []
    raw = (name or "").strip()
    for variant in (raw, _GOVERNMENT_PREFIX.sub("", raw), split_legal_name(raw)[0]):
        key = normalise_name(variant)
        if key and key not in keys:
            keys.append(key)
    return keys


def base_slug(name: str, state: str) -> str:
    return slugify(f"{ascii_fold(name)} {state}")[:110] or f"place-{state.lower()}"


def unique_slug(name: str, state: str, county_name: str, taken: set[str], *, tiebreak: str) -> str:
    """`boston-ma`; if taken, `springfield-sangamon-county-il`; then `…-<tiebreak>`.

    Callers visit rows in a fixed order (largest population first), so the well-known place
    keeps the short slug and the result is the same on every machine.
    """
    candidates = [base_slug(name, state)]
    if county_name:
        candidates.append(base_slug(f"{name} {county_name}", state))
    candidates.append(f"{candidates[-1]}-{slugify(tiebreak)}")
    for candidate in candidates:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    counter = 2
    while f"{candidates[-1]}-{counter}" in taken:
        counter += 1
    slug = f"{candidates[-1]}-{counter}"
    taken.add(slug)
    return slug
