"""Sign-in, sign-out, password reset/change and the "my account" page.

Sign-in and passwords are Django's own views, configured here; the account page
is a thin caller of `selectors` and `services`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from etalase.accounts import permissions, selectors, services
from etalase.accounts.forms import ApiTokenForm, EmailAuthenticationForm, EmailPasswordResetForm

login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=EmailAuthenticationForm,
    # Not redirect_authenticated_user: a page that refuses a signed-in user by sending
    # it to sign in would loop.
)
# Django's LogoutView accepts POST only: a link cannot sign anyone out.
logout = auth_views.LogoutView.as_view()

password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    form_class=EmailPasswordResetForm,
    extra_email_context={"site_name": settings.ETALASE["SITE_NAME"]},
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change_form.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


def _account_page(
    request: HttpRequest, *, form: ApiTokenForm | None = None, new_key: str = "", status: int = 200
) -> HttpResponse:
    user = request.user
    may_issue = permissions.can_issue_api_token(user)
    context = {
        "roles": selectors.roles_of(user),
        "tokens": selectors.api_tokens_of(user) if may_issue else [],
        "may_issue_tokens": may_issue,
        "token_form": form or ApiTokenForm(),
        "new_key": new_key,
        "may_use_admin": permissions.can_use_admin(user),
        "may_decide_erasure": permissions.scope_of(user).is_official,
        "may_read_audit_log": permissions.can_read_audit_log(user),
    }
    return render(request, "accounts/account.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@never_cache
@login_required
@require_POST
def token_issue(request: HttpRequest) -> HttpResponse:
    if not permissions.can_issue_api_token(request.user):
        raise PermissionDenied
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, form=form, status=400)
    try:
        _token, key = services.api_token_issue(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as exc:
        form.add_error("name", exc)
        return _account_page(request, form=form, status=400)
    # Rendered, not redirected: the clear key exists only in this response.
    return _account_page(request, new_key=key)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Scoped to the signed-in user's own tokens: another user's id revokes nothing.
    if services.api_token_revoke(user=request.user, token_id=token_id):
        messages.success(request, _("The token was revoked."))
    else:
        messages.error(request, _("There is no such active token."))
    return redirect("accounts:account")
