"""Render one registered profile panel the way the profile page does."""

from django.template.loader import render_to_string

from citypeers.core.panels import panels_for


def profile_panel(name: str):
    return next(p for p in panels_for("profile") if p.name == name)


def render_profile_panel(name: str, *, user, jurisdiction, empty=frozenset(), request=None):
    panel = profile_panel(name)
    data = panel.context(user, jurisdiction, empty) if panel.context else {}
    context = {"jurisdiction": jurisdiction, "user": user, "profile_empty": empty, **data}
    return render_to_string(panel.template, context, request=request)
