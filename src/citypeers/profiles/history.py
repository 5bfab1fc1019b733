"""A profile's change history (django-simple-history), as who / when / which fields changed."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import Truncator

from citypeers.directory.models import Jurisdiction, ProfilePerson

HISTORY_LIMIT = 500
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


# Fields a person edits, shown with their values when the first version recorded for an object is
# an edit: the directory is loaded without history, so there is no earlier version to diff.
FIRST_VERSION_FIELDS = {
    "jurisdiction": ("summary", "future_plans", "story_status"),
    "profileperson": ("name", "title", "email", "phone"),
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str | None  # None: no earlier value was recorded
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    action: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    first_recorded: bool = False  # an edit with no earlier version to compare with


def _text(value) -> str:
    if value in (None, ""):
        return "—"
    return Truncator(str(value)).chars(160)


def _display(record, name: str):
    getter = getattr(record, f"get_{name}_display", None)
    return getter() if getter is not None else getattr(record, name)


def _entries(records, model, subject) -> list[HistoryEntry]:
    """Entries from one object's records in date order, each diffed against the one before."""
    entries, previous = [], None
    historical = {f.name for f in model.history.model._meta.fields}
    labels = {
        f.name: str(f.verbose_name).capitalize()
        for f in model._meta.fields
        if f.name in historical
        # Versions only guard against lost updates; they are no change anyone made.
        and f.name not in {"id", "created_at", "updated_at", "version", "story_version"}
    }
    for record in records:
        changes = []
        first_recorded = previous is None and record.history_type == "~"
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, included_fields=list(labels))
            changes = [
                FieldChange(labels.get(c.field, c.field), _text(c.old), _text(c.new))
                for c in delta.changes
            ]
        elif first_recorded:
            changes = [
                FieldChange(labels.get(name, name), None, _text(_display(record, name)))
                for name in FIRST_VERSION_FIELDS.get(model._meta.model_name, ())
                if getattr(record, name, "") not in (None, "")
            ]
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.display_name if user is not None else "System (import or setup)",
                subject=subject(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                first_recorded=first_recorded,
            )
        )
        previous = record
    return entries


def profile_history(jurisdiction: Jurisdiction) -> list[HistoryEntry]:
    """Changes to the profile and its people, newest first. Two queries."""
    own = jurisdiction.history.select_related("history_user").order_by("history_date", "history_id")
    people = (
        ProfilePerson.history.filter(jurisdiction_id=jurisdiction.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    entries = _entries(list(own[:HISTORY_LIMIT]), Jurisdiction, lambda r: "Profile")
    by_person: dict[int, list] = {}
    for record in people[:HISTORY_LIMIT]:
        by_person.setdefault(record.id, []).append(record)
    for records in by_person.values():
        entries.extend(_entries(records, ProfilePerson, lambda r: f"Person: {r.name}"))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
