"""Owners' consent for enterprises that arrived through a submission (PDP law).

An office's data is not shown publicly until the owner agrees. The office sends a claim
link — by e-mail from here, or as a WhatsApp click-to-chat link that the officer opens
(we cannot send WhatsApp messages ourselves) — or records a consent collected on paper.

A link carries a random token; only its SHA-256 is stored. It works once, for
INTAKE_CLAIM_DAYS days (30 by default), and only while the consent is still pending.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from etalase.accounts import permissions
from etalase.accounts.models import Role, RoleAssignment
from etalase.enterprises.models import Consent, Enterprise
from etalase.intake import selectors, services
from etalase.intake.forms import AgreeForm, ClaimSignupForm, InviteForm, PaperConsentForm
from etalase.intake.models import ConsentInvitation


def claim_days() -> int:
    return getattr(settings, "INTAKE_CLAIM_DAYS", 30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- services ------------------------------------------------------------------------


def invitation_create(*, actor, enterprise: Enterprise, channel: str
                      ) -> tuple[ConsentInvitation, str]:
    """A new claim link; returns the invitation and its clear token (shown once)."""
    if not (permissions.scope_of(actor).is_official
            and permissions.can_change_enterprise(actor, enterprise)):
        raise PermissionDenied
    if enterprise.consent != Consent.PENDING:
        raise ValidationError(_("This enterprise's consent is not pending."))
    address = enterprise.email if channel == "email" else (enterprise.whatsapp or enterprise.phone)
    if channel not in ("email", "whatsapp") or not address:
        raise ValidationError(_("The enterprise has no address for this channel."))
    token = secrets.token_urlsafe(32)
    invitation = ConsentInvitation.objects.create(
        enterprise=enterprise, channel=channel, address=address, token_hash=token_hash(token))
    return invitation, token


def invitation_message(enterprise: Enterprise, url: str) -> str:
    with translation.override(enterprise.language):
        return _(
            "Hello from Etalase, the MSME platform of BIMP-EAGA. Your provincial office sent "
            "the profile of %(name)s. It is shown to buyers only if you agree. Please check it "
            "and agree here (the link works once, for %(days)d days): %(url)s"
        ) % {"name": enterprise.display_name, "days": claim_days(), "url": url}


def invitation_send_email(*, enterprise: Enterprise, url: str) -> None:
    with translation.override(enterprise.language):
        subject = _("Your enterprise on Etalase: please check and agree")
    send_mail(subject, invitation_message(enterprise, url), None, [enterprise.email])


def whatsapp_link(number: str, message: str) -> str:
    """wa.me wants the number in international form without "+" or spaces."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"https://wa.me/{digits}?text={quote(message)}"


def invitation_find(token: str) -> ConsentInvitation | None:
    """The invitation of a link that still works, else None."""
    if not token or len(token) > 100:
        return None
    invitation = (ConsentInvitation.objects.select_related("enterprise__subdivision")
                  .filter(token_hash=token_hash(token)).first())
    if invitation is None or not _usable(invitation):
        return None
    return invitation


def _usable(invitation: ConsentInvitation) -> bool:
    fresh = invitation.created_at >= timezone.now() - timedelta(days=claim_days())
    return (invitation.used_at is None and fresh
            and invitation.enterprise.consent == Consent.PENDING)


def claim_accept(*, invitation_id: int, user) -> Enterprise:
    """The owner agrees: the enterprise becomes public and the account manages it."""
    with transaction.atomic():
        invitation = ConsentInvitation.objects.select_for_update().get(pk=invitation_id)
        enterprise = Enterprise.objects.select_for_update().get(pk=invitation.enterprise_id)
        invitation.enterprise = enterprise
        if not _usable(invitation):
            raise PermissionDenied(_("This link has been used or has expired."))
        now = timezone.now()
        enterprise.consent, enterprise.consent_at = Consent.ONLINE, timezone.localdate()
        enterprise._change_reason = f"consent given online via claim link {invitation.pk}"
        enterprise.save(update_fields=["consent", "consent_at", "updated_at"])
        RoleAssignment.objects.get_or_create(user=user, role=Role.MSME_OWNER,
                                             enterprise=enterprise)
        user.__dict__.pop("_etalase_scope", None)
        # Single use; the other links sent for this enterprise are void as well.
        ConsentInvitation.objects.filter(enterprise=enterprise, used_at=None).update(used_at=now)
    return enterprise


def pending_of_submission(actor, submission_id: int):
    """The enterprises a submission wrote that still wait for consent, in the actor's area."""
    from etalase.intake.models import SubmissionRow

    written = SubmissionRow.objects.filter(
        submission_id=submission_id, enterprise__isnull=False).values("enterprise_id")
    return selectors.consent_pending_for(actor).filter(pk__in=written)


def consent_bulk_paper(*, actor, submission_id: int, date) -> int:
    """All paper forms of a submission at once: each pending enterprise it wrote becomes
    public, with a history row saying who recorded it (one UPDATE, one history insert)."""
    if not permissions.scope_of(actor).is_official:
        raise PermissionDenied
    with transaction.atomic():
        records = list(pending_of_submission(actor, submission_id).select_for_update())
        reason = (f"paper consent recorded in bulk by {actor} on {timezone.localdate()} "
                  f"(submission {submission_id})")
        for enterprise in records:
            enterprise.consent, enterprise.consent_at = Consent.PAPER, date
        Enterprise.objects.filter(pk__in=[e.pk for e in records]).update(
            consent=Consent.PAPER, consent_at=date, updated_at=timezone.now())
        Enterprise.history.bulk_history_create(
            records, update=True, default_user=actor, default_change_reason=reason)
    return len(records)


def consent_bulk_invite(*, actor, submission_id: int, url_for) -> tuple[int, list[dict]]:
    """A claim link to every owner of a submission still pending: by e-mail where there is an
    address (sent here), and by WhatsApp to every one with a phone (links for the officer to
    open: WhatsApp cannot be sent from here). `url_for(token)` makes the absolute link."""
    emailed, chats = 0, []
    for enterprise in pending_of_submission(actor, submission_id).iterator(chunk_size=500):
        if enterprise.email:
            _invitation, token = invitation_create(actor=actor, enterprise=enterprise,
                                                   channel="email")
            invitation_send_email(enterprise=enterprise, url=url_for(token))
            emailed += 1
        if enterprise.whatsapp or enterprise.phone:
            invitation, token = invitation_create(actor=actor, enterprise=enterprise,
                                                  channel="whatsapp")
            chats.append({"enterprise": enterprise, "address": invitation.address,
                          "link": whatsapp_link(invitation.address, invitation_message(
                              enterprise, url_for(token)))})
    return emailed, chats


def owner_account_create(*, email: str, full_name: str, password: str, language: str):
    return get_user_model().objects.create_user(email, password, full_name=full_name,
                                                preferred_language=language)


# --- views ---------------------------------------------------------------------------


@login_required
@require_GET
def pending_list(request: HttpRequest) -> HttpResponse:
    if not permissions.scope_of(request.user).is_official:
        raise PermissionDenied
    page = Paginator(selectors.consent_pending_for(request.user), 25).get_page(
        request.GET.get("page"))
    invitations = selectors.invitations_of(list(page.object_list))
    rows = [(e, invitations.get(e.pk, [])) for e in page.object_list]
    return render(request, "intake/consent_list.html", {
        "page": page, "rows": rows, "paper_form": PaperConsentForm(),
        "today": timezone.localdate()})


@login_required
@require_POST
def invite(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.consent_pending_enterprise(request.user, enterprise_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose e-mail or WhatsApp."))
        return redirect("intake:consent")
    channel = form.cleaned_data["channel"]
    try:
        invitation, token = invitation_create(actor=request.user, enterprise=enterprise,
                                              channel=channel)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("intake:consent")
    url = request.build_absolute_uri(reverse("intake:claim", args=[token]))
    if channel == "email":
        invitation_send_email(enterprise=enterprise, url=url)
        messages.success(request, _("The link was sent to %(address)s.")
                         % {"address": invitation.address})
        return redirect("intake:consent")
    return render(request, "intake/consent_whatsapp.html", {
        "enterprise": enterprise, "invitation": invitation,
        "link": whatsapp_link(invitation.address, invitation_message(enterprise, url))})


@login_required
@require_POST
def paper(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.consent_pending_enterprise(request.user, enterprise_id)
    form = PaperConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors.get("date", [_("Give a valid date.")])))
        return redirect("intake:consent")
    services.record_paper_consent(actor=request.user, enterprise=enterprise,
                                  date=form.cleaned_data["date"])
    messages.success(request, _("The paper consent of %(name)s is recorded; it is now public.")
                     % {"name": enterprise.display_name})
    return redirect("intake:consent")


@login_required
@require_POST
def bulk_paper(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    form = PaperConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(form.errors.get("date", [_("Give a valid date.")])))
        return redirect("intake:detail", pk=pk)
    count = consent_bulk_paper(actor=request.user, submission_id=submission.pk,
                               date=form.cleaned_data["date"])
    messages.success(request, _("Paper consent recorded for %(n)d enterprises of this "
                                "submission; they are now public.") % {"n": count})
    return redirect("intake:detail", pk=pk)


@login_required
@require_POST
def bulk_invite(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_for(request.user, pk)
    if not permissions.scope_of(request.user).is_official:
        raise PermissionDenied
    emailed, chats = consent_bulk_invite(
        actor=request.user, submission_id=submission.pk,
        url_for=lambda token: request.build_absolute_uri(reverse("intake:claim", args=[token])))
    return render(request, "intake/consent_bulk.html", {
        "submission": submission, "emailed": emailed, "chats": chats})


def claim(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_find(token)
    if invitation is None:
        return render(request, "intake/claim_invalid.html", status=404)
    enterprise = invitation.enterprise
    signup = ClaimSignupForm(initial={"email": invitation.address
                                      if invitation.channel == "email" else ""})
    agree = AgreeForm()
    if request.method == "POST" and "signup" in request.POST and not request.user.is_authenticated:
        signup = ClaimSignupForm(request.POST)
        if signup.is_valid():
            user = owner_account_create(
                email=signup.cleaned_data["email"], full_name=signup.cleaned_data["full_name"],
                password=signup.cleaned_data["password1"],
                language=translation.get_language() or "en")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("intake:claim", token=token)
    elif request.method == "POST" and request.user.is_authenticated:
        agree = AgreeForm(request.POST)
        if agree.is_valid():
            try:
                claim_accept(invitation_id=invitation.pk, user=request.user)
            except PermissionDenied:
                return render(request, "intake/claim_invalid.html", status=404)
            messages.success(request, _("Thank you: %(name)s is now shown on Etalase, and your "
                                        "account manages it.") % {"name": enterprise.display_name})
            return redirect(_after_claim())
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    products = enterprise.products.select_related("hs_code")[:20]
    return render(request, "intake/claim.html", {
        "enterprise": enterprise, "products": products, "signup": signup, "agree": agree,
        "login_url": f"{reverse('accounts:login')}?next={quote(request.path)}",
        "expires": invitation.created_at + timedelta(days=claim_days())})


def _after_claim() -> str:
    try:
        return reverse("enterprises:manage")
    except NoReverseMatch:
        return "/"
