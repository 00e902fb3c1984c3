"""After erasure no personal value of the person remains in any table; figures stay."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from etalase.enterprises.models import Enterprise
from etalase.intake.models import ConsentInvitation, Submission, SubmissionRow
from etalase.matching.models import Message
from etalase.privacy import registry, services
from etalase.privacy.models import AuditEntry, ErasureRequest
from tests.factories import make_enterprise, officer_of, secretariat
from tests.privacy.conftest import PERSON

OLD_PHONE = "+6281355500000"


def _everything_text() -> list[tuple[str, str, str]]:
    """(table, column, text) for every text-like column of every row in the database."""
    out = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [f for f in model._meta.concrete_fields if registry.is_text_like(f)]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                       default=str)
                out.append((model._meta.label, field.name, text))
    return out


def _find(needle: str) -> list[tuple[str, str]]:
    return [(t, c) for t, c, text in _everything_text() if needle.lower() in text.lower()]


@pytest.fixture
def spread(owner_world, tmp_path, settings):
    """The person's values in intake, consent, the admin's log and a free-text note too."""
    settings.MEDIA_ROOT = tmp_path
    ent = owner_world["enterprise"]
    officer = officer_of("ID-SA")
    sub = Submission.objects.create(office_id="ID-SA", country_id="ID", uploaded_by=officer,
                                    file="submissions/x.xlsx", filename="dinas-sulut.xlsx",
                                    sha256="0" * 64, refusal_message="")
    SubmissionRow.objects.create(submission=sub, row=2, action="update", enterprise=ent,
                                 values={"contact_person": "Siti Rahmawati",
                                         "phone": OLD_PHONE, "email": PERSON["email"]},
                                 diff={"phone": [OLD_PHONE, PERSON["phone"]]})
    ConsentInvitation.objects.create(enterprise=ent, channel="email", address=PERSON["email"],
                                     token_hash="a" * 64)
    LogEntry.objects.create(user=officer, content_type=ContentType.objects.get_for_model(ent),
                            object_id=str(ent.pk), object_repr="UD Kakao Siti Rahmawati",
                            action_flag=ADDITION, change_message="")
    return owner_world


def _needles(world) -> list[str]:
    return [*PERSON.values(), OLD_PHONE, "UD Kakao Siti Rahmawati", "Kakao Bu Siti",
            "siti.akun@kakao-tondano.example", "Siti Rahmawati Lumowa"]


def test_before_erasure_the_values_are_found(spread):
    """The search below can fail: it finds the person before erasure, history included."""
    found = _find(OLD_PHONE)
    assert ("enterprises.HistoricalEnterprise", "phone") in found
    assert ("intake.SubmissionRow", "values") in found
    assert _find("Siti Rahmawati")


def test_after_erasure_no_personal_value_remains_anywhere(spread):
    world = spread
    ent_counts = (Enterprise.objects.filter(subdivision_id="ID-SA").count(),
                  Enterprise.objects.filter(size_class=world["enterprise"].size_class).count())
    erasure = services.request_erasure(world["owner"])
    summary = services.confirm_erasure(secretariat(), erasure)
    for needle in _needles(world):
        assert _find(needle) == [], needle
    assert summary["enterprises.historicalenterprise"] >= 2
    # Figures stay: the enterprise row is there, in its province, with its size class.
    assert (Enterprise.objects.filter(subdivision_id="ID-SA").count(),
            Enterprise.objects.filter(size_class=world["enterprise"].size_class).count()
            ) == ent_counts
    ent = Enterprise.objects.get(pk=world["enterprise"].pk)
    assert not ent.is_public and ent.products.count() == 1
    owner = type(world["owner"]).objects.get(pk=world["owner"].pk)
    assert not owner.is_active and not owner.has_usable_password()
    # The other side's words stay, with the person's values replaced.
    buyer_message = Message.objects.get(author=world["buyer"])
    assert buyer_message.body.startswith("Ibu [erased], boleh saya telepon")
    assert ErasureRequest.objects.get(pk=erasure.pk).status == "done"
    assert AuditEntry.objects.filter(action="erasure_confirm").count() == 1


def test_other_people_are_untouched(spread):
    other = make_enterprise("ID-SA", contact_person="Yohanes Mandagi", phone="+6281399912345")
    services.confirm_erasure(secretariat(), services.request_erasure(spread["owner"]))
    other.refresh_from_db()
    assert (other.contact_person, other.phone) == ("Yohanes Mandagi", "+6281399912345")
    assert type(spread["buyer"]).objects.get(pk=spread["buyer"].pk).email == (
        "pembeli@cokelat.example")


def test_a_co_owned_enterprise_keeps_its_record(owner_world):
    from etalase.accounts.models import Role
    from tests.factories import grant, make_user

    grant(make_user(), Role.MSME_OWNER, enterprise=owner_world["enterprise"])
    services.erase_user(owner_world["owner"])
    ent = Enterprise.objects.get(pk=owner_world["enterprise"].pk)
    assert ent.legal_name == "UD Kakao Siti Rahmawati" or "[erased]" in ent.legal_name
    assert ent.is_published  # the other owner's storefront stays


def test_a_decided_request_cannot_be_confirmed_again(owner_world):
    erasure = services.request_erasure(owner_world["owner"])
    services.refuse_erasure(secretariat(), erasure)
    with pytest.raises(services.ErasureError):
        services.confirm_erasure(secretariat(), erasure)


def test_the_sweep_covers_every_identifying_and_free_text_column():
    """No column classified personal is skipped by the sweep except files and addresses."""
    skipped = (models.FileField, models.GenericIPAddressField, models.UUIDField)
    for model in apps.get_models():
        for field in registry.fields_of_class(model, registry.IDENTIFYING, registry.FREE_TEXT):
            assert isinstance(field, (models.CharField, models.TextField, models.JSONField,
                                      *skipped)), f"{model._meta.label}.{field.name}"


def test_the_gallery_search_no_longer_finds_the_person(owner_world):
    """The search index (FTS5 or tsvector, filled by triggers) follows the erased row."""
    from etalase.catalog import search

    assert search.search_products(query="Rahmawati").total == 1
    services.erase_user(owner_world["owner"])
    assert search.search_products(query="Rahmawati").total == 0
