"""From the phone to the registry through the intake's review: submit, accept, commit."""

import pytest

from etalase.catalog.models import Product, ProductImage
from etalase.enterprises.models import Enterprise
from etalase.fieldcapture.models import FieldPhoto
from etalase.intake import services as intake
from etalase.intake.models import Submission
from tests.factories import focal_point_of
from tests.fieldcapture.conftest import instance_xml, post_instance

pytestmark = pytest.mark.django_db


def test_reviewed_and_committed_the_photo_becomes_the_product_image(
        client, officer, django_capture_on_commit_callbacks):
    post_instance(client, officer, instance_xml())
    submission = Submission.objects.get()
    intake.submission_submit(submission=submission, actor=officer)
    reviewer = focal_point_of("ID")
    with django_capture_on_commit_callbacks(execute=True):
        intake.submission_accept(submission=submission, actor=reviewer)
    submission.refresh_from_db()
    assert submission.status == "committed", submission.refusal_message
    enterprise = Enterprise.objects.get(legal_name="UD Kopra Talaud Sejahtera")
    assert enterprise.area_id == "ID-71.04" and enterprise.consent == "pending"
    product = Product.objects.get(enterprise=enterprise)
    image = ProductImage.objects.get(product=product)
    assert image.image.name == FieldPhoto.objects.get().image.name
    assert FieldPhoto.objects.get().product_image == image


def test_a_record_after_submitting_starts_a_new_submission(client, officer):
    post_instance(client, officer, instance_xml())
    first = Submission.objects.get()
    intake.submission_submit(submission=first, actor=officer)
    post_instance(client, officer, instance_xml(legal_name="CV Pala Siau", product="",
                                                product_photo=""), photos={})
    second = Submission.objects.exclude(pk=first.pk).get()
    assert second.status == "validated" and second.counts["rows"] == 1
    first.refresh_from_db()
    assert first.status == "submitted" and first.counts["rows"] == 1
