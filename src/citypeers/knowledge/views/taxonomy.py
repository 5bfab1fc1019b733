from django.shortcuts import render

from citypeers.core.panels import panels_for
from citypeers.knowledge import selectors


def challenge_area_list(request):
    areas = selectors.challenge_area_tree()
    return render(request, "knowledge/challenge_area_list.html", {"areas": areas})


def challenge_area_detail(request, slug):
    area = selectors.challenge_area_by_slug(slug)
    area_ids = selectors.area_ids_with_descendants(area)
    statements = (
        selectors.statements_visible_to(request.user)
        .filter(area_id__in=area_ids)
        .select_related("jurisdiction")
        .order_by("jurisdiction__name", "pk")
    )
    solutions = selectors.solutions_for_areas(request.user, area_ids)
    subareas = list(area.children.order_by("order", "name")) if area.parent_id is None else []
    return render(
        request,
        "knowledge/challenge_area_detail.html",
        {
            "area": area,
            "subareas": subareas,
            "statements": list(statements),
            "solutions": list(solutions),
            "panels": [
                {
                    "template": panel.template,
                    "data": panel.context(request.user, area, frozenset()) if panel.context else {},
                }
                for panel in panels_for("challenge-area")
            ],
        },
    )
