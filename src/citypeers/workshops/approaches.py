"""A coarse approach taxonomy, so "solved differently" can be counted.

Solutions describe their approach in free text. The optimiser needs a small vocabulary to tell
a land trust from a zoning reform; keywords map the text to a family, and a solution that matches
none keeps its own title as its approach (it counts as different from everything else).
"""

import re

APPROACH_FAMILIES: list[tuple[str, tuple[str, ...]]] = [
    ("Land trust or public land", ("land trust", "land bank", "public land", "surplus land")),
    ("Zoning and regulation", ("zoning", "ordinance", "regulat", "code reform", "permit")),
    ("Cross-sector partnership", ("partnership", "partner with", "coalition", "anchor")),
    ("Data and analytics", ("data", "dashboard", "analytics", "predictive", "sensor")),
    ("Digital service", ("app ", "online", "digital", "platform", "portal", "broadband")),
    (
        "Subsidies, vouchers and incentives",
        ("subsid", "voucher", "incentive", "tax credit", "rebate", "abatement"),
    ),
    ("Dedicated fund or financing", ("fund", "bond", "financ", "loan", "grant")),
    ("Community engagement", ("engagement", "resident", "participat", "co-design", "listening")),
    (
        "Direct services and outreach",
        ("outreach", "case manag", "navigator", "shelter", "housing first", "services"),
    ),
    (
        "Infrastructure and capital works",
        ("infrastructure", "retrofit", "construction", "capital", "pipe", "road"),
    ),
    ("Workforce and training", ("training", "apprentice", "workforce", "skills")),
]


def approach_family(*texts: str) -> str | None:
    blob = " ".join(t.lower() for t in texts if t) + " "
    for family, keywords in APPROACH_FAMILIES:
        if any(k in blob for k in keywords):
            return family
    return None


def approach_key(title: str, approach: str) -> str:
    """The solution's approach family, found in its approach text first, then its title."""
    family = approach_family(approach) or approach_family(title)
    if family:
        return family
    words = re.findall(r"[A-Za-z0-9']+", title)
    return " ".join(words[:6]) or "Other"
