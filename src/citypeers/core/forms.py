"""USWDS styling for Django forms, so every app's forms look alike without per-field markup."""

from django import forms

WIDGET_CLASSES = {
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    forms.CheckboxInput: "usa-checkbox__input",
    forms.RadioSelect: "usa-radio__input",
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
