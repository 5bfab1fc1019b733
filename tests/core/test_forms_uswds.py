"""Choice lists render in USWDS markup: USWDS hides native radio and checkbox inputs and draws
them from the label, so each option needs its own wrapper and label, and the list's wrapper must
not carry the input class (it would be hidden with everything in it)."""

import re

from django import forms

from citypeers.core.forms import UswdsFormMixin


class _Form(UswdsFormMixin, forms.Form):
    areas = forms.MultipleChoiceField(
        choices=[("a", "Housing"), ("b", "Transit")], widget=forms.CheckboxSelectMultiple
    )
    size = forms.ChoiceField(choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect)


def test_checkbox_lists_and_radios_render_each_option_with_its_label():
    html = str(_Form(initial={"areas": ["b"]}))

    wrapper = re.search(r'<div id="id_areas"[^>]*>', html).group(0)
    assert "usa-checkbox__input" not in wrapper
    assert (
        re.findall(r'<div class="usa-checkbox"><input type="checkbox"[^>]*>', html)[1].count(
            "checked"
        )
        == 1
    )
    assert '<label class="usa-checkbox__label" for="id_areas_0">Housing</label>' in html
    assert '<label class="usa-radio__label" for="id_size_1">Large</label>' in html


def test_a_radio_rendered_by_hand_is_the_input_alone():
    choice = next(iter(_Form()["size"]))

    assert choice.tag().startswith('<input type="radio"')
