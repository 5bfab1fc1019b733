"""Delegation composition rules, checked by one function.

A convening states its rules as data (`CompositionRules`); a delegation is a list of plain
`Member`s. `check_delegation` says, rule by rule, whether it is met, missing or waived by an
organiser, with a sentence a city can act on. Pages, the API and the services that refuse
changes after the deadline all read the same answer.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

OFFICIAL = "official"
PARTNER = "partner"

SIZE = "size"
SENIOR_OFFICIALS = "senior_officials"
PARTNERS = "partners"
SUBSTITUTES = "substitutes"
DEADLINE = "deadline"

# The order the checklist is shown in.
RULE_ORDER = (SIZE, SENIOR_OFFICIALS, PARTNERS, SUBSTITUTES, DEADLINE)
COMPOSITION_RULES = (SIZE, SENIOR_OFFICIALS, PARTNERS, SUBSTITUTES)

RULE_LABELS = {
    SIZE: "Delegation size",
    SENIOR_OFFICIALS: "Senior city officials",
    PARTNERS: "Partner from the community",
    SUBSTITUTES: "Substitutes",
    DEADLINE: "Changes before the deadline",
}


@dataclass(frozen=True)
class CompositionRules:
    size: int = 3
    min_senior_officials: int = 2
    min_partners: int = 1
    partner_types: frozenset[str] = frozenset(
        {"foundation", "anchor_institution", "chamber_of_commerce"}
    )
    max_substitutes: int = 2
    deadline: date | None = None


@dataclass(frozen=True)
class Member:
    kind: str  # OFFICIAL or PARTNER
    senior: bool = False
    partner_type: str = ""
    substitute: bool = False
    # A partner invited by email counts once they accept.
    confirmed: bool = True


@dataclass(frozen=True)
class RuleCheck:
    code: str
    met: bool
    detail: str
    waived_reason: str = ""
    label: str = field(default="")

    @property
    def ok(self) -> bool:
        return self.met or bool(self.waived_reason)

    @property
    def status(self) -> str:
        """met, waived, missing; a passed deadline is "closed": it limits changes, it is not
        something the delegation lacks."""
        if self.met:
            return "met"
        if self.waived_reason:
            return "waived"
        return "closed" if self.code == DEADLINE else "missing"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def check_delegation(
    rules: CompositionRules,
    members: Iterable[Member],
    *,
    today: date,
    waivers: Mapping[str, str] | None = None,
) -> list[RuleCheck]:
    """Every rule in RULE_ORDER, met or missing, with what to do next.

    Only confirmed members count; substitutes count towards the substitute cap only.
    `waivers` maps a rule code to the organiser's reason for an exception.
    """
    waivers = waivers or {}
    members = list(members)
    seated = [m for m in members if m.confirmed and not m.substitute]
    substitutes = [m for m in members if m.confirmed and m.substitute]
    pending = sum(1 for m in members if not m.confirmed)
    senior = sum(1 for m in seated if m.kind == OFFICIAL and m.senior)
    partners = sum(1 for m in seated if m.kind == PARTNER and m.partner_type in rules.partner_types)

    results: list[tuple[str, bool, str]] = []

    size = len(seated)
    if size == rules.size:
        size_detail = f"{_plural(size, 'member', 'members')}, as asked."
    elif size < rules.size:
        size_detail = f"{size} of {rules.size}: add {rules.size - size} more."
    else:
        size_detail = f"{size} of {rules.size}: make {size - rules.size} a substitute or remove."
    if pending:
        size_detail += f" {_plural(pending, 'invitation is', 'invitations are')} still open."
    results.append((SIZE, size == rules.size, size_detail))

    if senior >= rules.min_senior_officials:
        senior_detail = (
            f"{_plural(senior, 'senior official', 'senior officials')} "
            f"(at least {rules.min_senior_officials})."
        )
    else:
        senior_detail = (
            f"{senior} of at least {rules.min_senior_officials}: add "
            + _plural(
                rules.min_senior_officials - senior, "senior city official", "senior city officials"
            )
            + "."
        )
    results.append((SENIOR_OFFICIALS, senior >= rules.min_senior_officials, senior_detail))

    if partners >= rules.min_partners:
        partner_detail = f"{_plural(partners, 'partner', 'partners')} of an eligible kind."
    else:
        partner_detail = (
            f"{partners} of at least {rules.min_partners}: invite "
            f"{_plural(rules.min_partners - partners, 'partner', 'partners')} from "
            f"{_kinds(rules.partner_types)}."
        )
    results.append((PARTNERS, partners >= rules.min_partners, partner_detail))

    subs = len(substitutes)
    subs_ok = subs <= rules.max_substitutes
    results.append(
        (
            SUBSTITUTES,
            subs_ok,
            f"{subs} of at most {rules.max_substitutes}"
            + ("." if subs_ok else f": remove {subs - rules.max_substitutes}."),
        )
    )

    if rules.deadline is None:
        results.append((DEADLINE, True, "No deadline set."))
    elif today <= rules.deadline:
        days = (rules.deadline - today).days
        results.append(
            (
                DEADLINE,
                True,
                f"Open until {rules.deadline.isoformat()} ({_plural(days, 'day', 'days')} left).",
            )
        )
    else:
        results.append(
            (
                DEADLINE,
                False,
                f"Closed on {rules.deadline.isoformat()}; ask an organiser for an exception.",
            )
        )

    return [
        RuleCheck(
            code=code,
            met=met,
            detail=detail,
            waived_reason=waivers.get(code, "") if not met else "",
            label=RULE_LABELS[code],
        )
        for code, met, detail in results
    ]


def _kinds(types: frozenset[str]) -> str:
    names = [("an " if t[0] in "aeiou" else "a ") + t.replace("_", " ") for t in sorted(types)]
    if not names:
        return "any kind of organisation"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" or {names[-1]}"


def is_complete(checks: Iterable[RuleCheck]) -> bool:
    """Every composition rule met or waived (the deadline only limits changes)."""
    return all(c.ok for c in checks if c.code in COMPOSITION_RULES)


def may_change(checks: Iterable[RuleCheck]) -> bool:
    """Before the deadline, or after it with an organiser's exception."""
    return next(c.ok for c in checks if c.code == DEADLINE)
