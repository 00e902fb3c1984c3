"""Forms of the accounts app: e-mail sign-in, API tokens and the user admin."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    AuthenticationForm,
    PasswordResetForm,
    UserChangeForm,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from etalase.accounts.admin_scope import is_admin_user
from etalase.accounts.models import ApiToken, User

# Every address is stored lower-case (UserManager.create_user); sign-in and the
# admin forms fold case the same way so "Ana@Example.test" finds ana@example.test.
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in by e-mail. The field stays named ``username``: django-axes reads it."""

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not correct. Please try again."
        ),
        "inactive": _("This account is inactive."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.label = _("E-mail")
        field.max_length = EMAIL_MAX_LENGTH
        field.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
        field.widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "email", "maxlength": EMAIL_MAX_LENGTH}
        )

    def clean_username(self) -> str:
        # Folding case here also folds it for axes, which counts failures per
        # username: "A@x" and "a@x" share one counter.
        return normalise_email(self.cleaned_data.get("username", ""))


class AdminLoginForm(EmailAuthenticationForm, AdminAuthenticationForm):
    """The admin's sign-in: officials and the secretariat, no ``is_staff`` needed."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the e-mail address and password of an office or secretariat "
            "account."
        ),
    }

    def confirm_login_allowed(self, user: User) -> None:
        if not is_admin_user(user):
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class EmailPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. “ERP of PT Cokelat Nusantara”."),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Give the token a name."), code="blank")
        return name


class UserAdminCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("email", ""))
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A user with this e-mail address already exists."),
                                  code="unique")
        return email


class UserAdminChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        email = normalise_email(self.cleaned_data.get("email", ""))
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("A user with this e-mail address already exists."),
                                  code="unique")
        return email
