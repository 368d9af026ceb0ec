"""The one boundary every form of the site passes: text as :mod:`zfxxgk.text` allows it, and
whole numbers a database column can hold."""
from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator

from ..text import InputError, clean_input, clean_name

# The largest value every database we run on stores in an integer column (PostgreSQL's integer;
# SQLite and bigint columns hold more): a larger one in a URL or a form is refused with a message
# instead of overflowing in the query (a 500).
MAX_INT = 2**31 - 1


class BoundaryMixin:
    """Mixed into a Form: every CharField's value goes through :func:`zfxxgk.text.clean_input`
    (multi-line where the widget is a Textarea; :func:`zfxxgk.text.clean_name` for the fields in
    ``name_fields``), and every IntegerField is bounded."""

    name_fields = ("applicant_name", "contact_person")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for validator in field.validators:
                if isinstance(validator, ProhibitNullCharactersValidator):  # Django's own words read badly in Chinese
                    validator.message = "含有不能保存的空字符（U+0000），请删除后重新填写。"
            if isinstance(field, forms.IntegerField):
                if field.max_value is None:
                    field.max_value = MAX_INT
                    field.validators.append(MaxValueValidator(MAX_INT, "数值过大：不能超过%(limit_value)s。"))
                if field.min_value is None:
                    field.min_value = -MAX_INT
                    field.validators.append(MinValueValidator(-MAX_INT, "数值过小：不能小于%(limit_value)s。"))

    def _clean_fields(self):
        super()._clean_fields()
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if not isinstance(field, forms.CharField) or not isinstance(value, str) or name in self._errors:
                continue
            try:  # the message stands beside the field and under its name: it says “此项”
                if name in self.name_fields:
                    self.cleaned_data[name] = clean_name(value)
                else:
                    self.cleaned_data[name] = clean_input(value, multiline=isinstance(field.widget, forms.Textarea))
            except InputError as exc:
                self.add_error(name, forms.ValidationError(exc.message, code=exc.code))
                self.cleaned_data.pop(name, None)


class Form(BoundaryMixin, forms.Form):
    """A form with the site's boundary rules."""
