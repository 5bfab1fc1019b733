"""The organiser's delegation list as CSV rows (the view writes them through
`core.spreadsheet.csv_writer`, which makes every cell safe for spreadsheets)."""

from citypeers.convenings.models import Delegation

CSV_COLUMNS = [
    "city",
    "state",
    "delegation_status",
    "rules_missing",
    "name",
    "email",
    "job_title",
    "kind",
    "senior",
    "organisation",
    "partner_type",
    "relationship",
    "substitute",
    "accepted",
]


def _text(value) -> str:
    return "" if value is None else str(value)


def delegation_rows(delegations: list[Delegation]):
    """One row per delegate (or one empty row for a city with nobody yet)."""
    for delegation in delegations:
        city = delegation.jurisdiction
        missing = "; ".join(c.label for c in delegation.missing)
        head = [city.name, city.state, delegation.get_status_display(), missing]
        delegates = list(delegation.delegates.all())
        if not delegates:
            yield [_text(v) for v in head + [""] * (len(CSV_COLUMNS) - len(head))]
        for d in delegates:
            row = [
                *head,
                d.full_name,
                d.email,
                d.job_title,
                d.get_kind_display(),
                "yes" if d.is_senior else "no",
                d.organisation.name if d.organisation_id else "",
                d.organisation.get_partner_type_display() if d.organisation_id else "",
                d.relationship,
                "yes" if d.is_substitute else "no",
                "yes" if d.is_confirmed else "invited",
            ]
            yield [_text(v) for v in row]
