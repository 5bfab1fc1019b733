"""Who may take a framework: a per-framework rule, checked with a message people can act on."""

from citypeers.assessments.engine.spec import FrameworkVersionSpec


def eligibility_problem(
    spec: FrameworkVersionSpec, *, place: str, population: int | None, source: str = ""
) -> str | None:
    """None if the place may take this framework, else a sentence saying why not."""
    floor = spec.population_at_least
    if floor is None:
        return None
    if population is None:
        return (
            f"{spec.framework_title} is for governments of at least {floor:,} residents, and the "
            f"directory has no population figure for {place}. Ask a site administrator to import "
            "Census population estimates, then try again."
        )
    if population < floor:
        cited = f" ({source})" if source else ""
        return (
            f"{spec.framework_title} is for governments of at least {floor:,} residents; "
            f"{place} has {population:,}{cited}. The Data Maturity Ladder and other frameworks "
            "without a size rule are open to you."
        )
    return None
