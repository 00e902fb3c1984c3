import pytest

from etalase.accounts.models import Role
from etalase.matching.models import Inquiry, Message
from tests.factories import buyer, grant, make_buyer_org, make_enterprise, make_product, make_user

PERSON = {
    "contact_person": "Siti Rahmawati",
    "phone": "+6281355512345",
    "whatsapp": "+6281355599999",
    "email": "siti.rahma@kakao-tondano.example",
    "address": "Jl. Sam Ratulangi No. 17, Tondano",
}


@pytest.fixture
def owner_world(db):
    """An owner with an enterprise (whose phone changed once: history holds both), a product,
    a buyer's inquiry with messages from both sides that mention her."""
    enterprise = make_enterprise(
        "ID-SA", legal_name="UD Kakao Siti Rahmawati", trade_name="Kakao Bu Siti",
        **{**PERSON, "phone": "+6281355500000"},
    )
    enterprise.phone = PERSON["phone"]
    enterprise.save()
    make_product(enterprise)
    owner = make_user(email="siti.akun@kakao-tondano.example", full_name="Siti Rahmawati Lumowa")
    grant(owner, Role.MSME_OWNER, enterprise=enterprise)
    org = make_buyer_org("PT Cokelat Nusantara")
    buyer_user = buyer(org, email="pembeli@cokelat.example", full_name="Budi Santoso")
    inquiry = Inquiry.objects.create(organisation=org, enterprise=enterprise,
                                     subject="Biji kakao 5 ton", created_by=buyer_user)
    Message.objects.create(inquiry=inquiry, author=buyer_user, side="buyer",
                           body="Ibu Siti Rahmawati, boleh saya telepon ke +6281355512345?")
    Message.objects.create(inquiry=inquiry, author=owner, side="supplier",
                           body="Silakan, WhatsApp saya +6281355599999 <script>x</script>")
    return {"enterprise": enterprise, "owner": owner, "buyer": buyer_user, "inquiry": inquiry}
