"""Why each city is in the cohort: whom it teaches (and with what), whom it learns from."""

from collections.abc import Iterable
from typing import TypedDict

from citypeers.workshops.engine.problem import Candidate


class OfferInfo(TypedDict):
    area: str
    approach: str
    label: str
    ref: str


class Link(TypedDict):
    city: str
    key: str
    areas: list[str]
    offers: list[OfferInfo]


class LinkGroup(TypedDict):
    areas: list[str]
    offers: list[OfferInfo]
    cities: list[str]


class Approach(TypedDict):
    area: str
    approach: str


class Reasons(TypedDict):
    teaches: list[Link]
    learns: list[Link]
    teach_groups: list[LinkGroup]
    learn_groups: list[LinkGroup]
    approaches: list[Approach]
    unique_approaches: list[Approach]
    state: str
    region: str
    size_band: str


def _offers_for(teacher: Candidate, areas: set[str]) -> list[OfferInfo]:
    return [
        {"area": o.area, "approach": o.approach, "label": o.label, "ref": o.ref}
        for o in teacher.offers
        if o.area in areas
    ]


def _group(links: list[Link], *, by_offers: bool = True) -> list[LinkGroup]:
    """Merge links that share areas (and offers): "teaches A, B and C about X with Y"."""
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], LinkGroup] = {}
    for link in links:
        offers = tuple(sorted(o["label"] for o in link["offers"])) if by_offers else ()
        key = (tuple(link["areas"]), offers)
        group = groups.setdefault(
            key, {"areas": link["areas"], "offers": link["offers"], "cities": []}
        )
        group["cities"].append(link["city"])
    return sorted(groups.values(), key=lambda g: (-len(g["cities"]), g["areas"]))


def explain_cohort(
    candidates: Iterable[Candidate],
    chosen_keys: Iterable[str],
    *,
    area_labels: dict[str, str] | None = None,
) -> dict[str, Reasons]:
    """{city key: {"teaches", "learns", "approaches", "unique_approaches"}} as plain data.

    A city teaches another when one of its solutions sits on a challenge area the other
    stated; "unique approaches" are (area, approach) pairs no other chosen city brings.
    """
    labels = area_labels or {}
    by_key = {c.key: c for c in candidates}
    cohort = [by_key[k] for k in chosen_keys if k in by_key]
    bringers: dict[tuple[str, str], int] = {}
    for c in cohort:
        for pair in {(o.area, o.approach) for o in c.offers}:
            bringers[pair] = bringers.get(pair, 0) + 1

    reasons: dict[str, Reasons] = {}
    for c in cohort:
        teaches: list[Link] = []
        learns: list[Link] = []
        for other in cohort:
            if other.key == c.key:
                continue
            shared = set(c.offer_areas & other.needs)
            if shared:
                teaches.append(
                    {
                        "city": other.name or other.key,
                        "key": other.key,
                        "areas": sorted(labels.get(a, a) for a in shared),
                        "offers": _offers_for(c, shared),
                    }
                )
            incoming = set(other.offer_areas & c.needs)
            if incoming:
                learns.append(
                    {
                        "city": other.name or other.key,
                        "key": other.key,
                        "areas": sorted(labels.get(a, a) for a in incoming),
                        "offers": _offers_for(other, incoming),
                    }
                )
        pairs = sorted({(o.area, o.approach) for o in c.offers})
        reasons[c.key] = {
            "teaches": teaches,
            "learns": learns,
            "teach_groups": _group(teaches),
            "learn_groups": _group(learns, by_offers=False),
            "approaches": [{"area": labels.get(a, a), "approach": p} for a, p in pairs],
            "unique_approaches": [
                {"area": labels.get(a, a), "approach": p} for a, p in pairs if bringers[(a, p)] == 1
            ],
            "state": c.state,
            "region": c.region,
            "size_band": c.size_band,
        }
    return reasons
