"""Panels that domain apps contribute to pages composed above them (the city profile).

A domain app describes its panel in `<app>/panels.py` (imported the first time panels
are asked for, so a command that shows no page never loads them) and never imports the page
that shows it; the page reads this registry. This is the
same inversion as search's document sources.

A panel names:
- `template`: included with the page's context (`jurisdiction`, `user`, `profile_empty`, …) plus
  whatever `context` returns under `panel_context`;
- `slot`: where on the page ("main" or "aside") and `order` within the slot;
- `context`: optional `(user, jurisdiction, empty) -> dict` computed by the page's view;
- `version`: optional `() -> {alias: expression}`, per-city aggregates (count, latest change)
  added to the page's one version query, so a cached public page is refreshed when the
  panel's data changes; `part` is the name under which a zero count is reported in
  `profile_empty` so the panel can skip its queries;
- `query_budget`: how many queries the panel may cost a render (tests hold it to that).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

SLOTS = ("main", "aside")


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    slot: str = "main"
    order: int = 100
    context: Callable[[Any, Any, frozenset[str]], dict] | None = None
    version: Callable[[], dict[str, Any]] | None = None
    part: str = ""
    count_alias: str = ""
    query_budget: int = 0
    tags: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        if self.slot not in SLOTS:
            raise ValueError(f"Panel {self.name!r}: slot must be one of {SLOTS}.")
        if self.part and not self.count_alias:
            raise ValueError(f"Panel {self.name!r}: a part needs the alias that counts it.")


_PANELS: dict[str, dict[str, Panel]] = {}


def register_panel(page: str, panel: Panel) -> Panel:
    """Register (or replace) a panel on a page such as "profile"."""
    _PANELS.setdefault(page, {})[panel.name] = panel
    return panel


def unregister_panel(page: str, name: str) -> None:
    _PANELS.get(page, {}).pop(name, None)


_discovered = False


def panels_for(page: str, slot: str | None = None) -> list[Panel]:
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules  # noqa: PLC0415 - needs apps ready

        autodiscover_modules("panels")
        _discovered = True
    panels = _PANELS.get(page, {}).values()
    chosen = [p for p in panels if slot is None or p.slot == slot]
    return sorted(chosen, key=lambda p: (p.order, p.name))


def per_city(queryset: QuerySet, field: str, value) -> Subquery:
    """For a panel's `version`: one aggregate of the rows of `queryset` that point at the city
    (a correlated subquery on `field`); None when the city has no such rows."""
    return Subquery(
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(value=value)
        .values("value")[:1]
    )
