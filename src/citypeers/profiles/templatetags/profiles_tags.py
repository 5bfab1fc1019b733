from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, item) -> str:
    """Render a registered panel's template with the page's context plus its own data."""
    panel_template = context.template.engine.get_template(item.panel.template)
    with context.push(**item.data):
        return panel_template.render(context)
