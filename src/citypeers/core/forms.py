"""USWDS styling for Django forms, so every app's forms look alike without per-field markup."""

from dataclasses import dataclass

from django import forms
from django.db.models import Model, QuerySet

WIDGET_CLASSES = {
    forms.CheckboxSelectMultiple: "usa-checkbox__input",
    forms.RadioSelect: "usa-radio__input",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    forms.CheckboxInput: "usa-checkbox__input",
    forms.ClearableFileInput: "usa-file-input",
}


class UswdsFormMixin:
    """Adds USWDS classes and `aria-describedby` hints to every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)), "usa-input"
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is one too
                # Each option as a USWDS radio or checkbox with its label; the default markup
                # puts the input class on the wrapper, which USWDS hides with the inputs.
                widget.template_name = "core/widgets/choices.html"
                widget.option_template_name = "core/widgets/choice_option.html"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self.auto_id % name}-hint"

    def full_clean(self):
        super().full_clean()
        # Reading self.errors in __init__ would validate before subclasses finish setting up.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} usa-input--error"


def apply_service_errors(form: forms.BaseForm, error) -> None:
    """Show a service's ValidationError on the form: on the field where one matches, else at
    the top of the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def version_field() -> forms.IntegerField:
    """The hidden field an edit form carries: the version of the object the editor read."""
    return forms.IntegerField(min_value=1, widget=forms.HiddenInput)


@dataclass(frozen=True)
class Difference:
    label: str
    theirs: str
    yours: str


def _comparable(value):
    if (
        value is None
        or value == ""
        or (isinstance(value, (list, tuple, set, QuerySet)) and not list(value))
    ):
        return None  # every kind of empty is the same
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, (set, QuerySet)) or (
        isinstance(value, (list, tuple)) and any(isinstance(v, Model) for v in value)
    ):
        return frozenset(_comparable(v) for v in value)  # chosen objects: order is no change
    if isinstance(value, (list, tuple)):
        return tuple(_comparable(v) for v in value)
    if isinstance(value, str):
        return value.strip()
    return value


def _display(field: forms.Field, value) -> str:
    if (
        value is None
        or value == ""
        or (isinstance(value, (list, tuple, QuerySet)) and not list(value))
    ):
        return "(empty)"
    if isinstance(value, (list, tuple, QuerySet)):
        return ", ".join(str(v) for v in value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


def stale_edit_context(form: forms.BaseForm, error, theirs: dict) -> dict:
    """Ready a bound form whose save was refused as stale (`error`, a core StaleEdit) to be shown
    again: the editor's typed values stay, the fields that differ are listed with the values now
    saved (`theirs`, field name to value) next to theirs, and the hidden version moves to the
    current one, so saving again knowingly replaces the other edit.
    """
    differences = [
        Difference(
            form[name].label,
            _display(field, theirs[name]),
            _display(field, form.cleaned_data.get(name)),
        )
        for name, field in form.fields.items()
        if name != "version"
        and name in theirs
        and name in form.cleaned_data
        and _comparable(theirs[name]) != _comparable(form.cleaned_data.get(name))
    ]
    data = form.data.copy()
    data[form.add_prefix("version")] = str(error.current_version)
    form.data = data
    return {"stale": {"message": error.messages[0], "differences": differences}}
