from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, item) -> str:
    """Render a registered panel's template with the page's context plus its own data."""
    panel_template = context.template.engine.get_template(item.panel.template)
    with context.push(**item.data):
        return panel_template.render(context)


@register.filter
def grouped_statements(statements) -> list[list]:
    """Statements that share their words and source, shown once with every area they name.

    A source that names several of a city's challenges in one sentence gives one statement per
    area (so matching and search see each area), and the profile says the sentence once.
    Groups keep the order of their first statement."""
    groups: dict[tuple, list] = {}
    for statement in statements:
        key = (statement.narrative, statement.source_note, statement.status, statement.is_demo)
        groups.setdefault(key, []).append(statement)
    return list(groups.values())
