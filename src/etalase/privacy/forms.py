from django import forms
from django.utils.translation import gettext_lazy as _


class ConfirmForm(forms.Form):
    """A checkbox the person ticks: erasure cannot be undone."""

    confirm = forms.BooleanField(label=_("I understand that this cannot be undone"))
