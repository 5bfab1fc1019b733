"""Seeding the challenge taxonomy."""

from django.db import transaction

from citypeers.knowledge.models import ChallengeArea
from citypeers.knowledge.taxonomy import TAXONOMY


@transaction.atomic
def seed_taxonomy() -> tuple[int, int]:
    """Create or refresh the two-level taxonomy by slug; returns (created, total).

    Existing areas keep their primary keys, so statements and solutions stay attached.
    """
    created = total = 0
    for order, (slug, name, description, children) in enumerate(TAXONOMY, start=1):
        parent, made = ChallengeArea.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "order": order * 10,
                "parent": None,
            },
        )
        created += made
        total += 1
        for child_order, (child_slug, child_name) in enumerate(children, start=1):
            _, made = ChallengeArea.objects.update_or_create(
                slug=child_slug,
                defaults={"name": child_name, "parent": parent, "order": order * 10 + child_order},
            )
            created += made
            total += 1
    return created, total
