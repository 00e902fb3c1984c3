"""Product photos captured in the field become product images once their row is written.

The intake writes the registry when the focal point's accepted submission is committed
(intake.runs.submission_commit, which saves the submission as "committed"); a receiver of
that save finds, for each field record of the submission, the product its row created or
kept (enterprise and product name) and gives it the record's photo, once.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from etalase.catalog.images import MAX_IMAGES_PER_PRODUCT
from etalase.catalog.models import Product, ProductImage
from etalase.fieldcapture.models import FieldPhoto
from etalase.intake.models import Submission, SubmissionRow


def connect() -> None:
    post_save.connect(_on_submission_saved, sender=Submission,
                      dispatch_uid="fieldcapture-photos-after-commit")


def _on_submission_saved(sender, instance: Submission, **kwargs) -> None:
    if instance.status == Submission.Status.COMMITTED:
        attach_photos(instance)


def attach_photos(submission: Submission) -> int:
    """Photos of the submission's records → images of their products; how many were added."""
    photos = list(FieldPhoto.objects.filter(record__submission=submission,
                                            product_image__isnull=True)
                  .select_related("record"))
    if not photos:
        return 0
    rows = {r.row: r for r in SubmissionRow.objects.filter(
        submission=submission, row__in=[p.record.row for p in photos]).exclude(enterprise=None)}
    added = 0
    for photo in photos:
        row = rows.get(photo.record.row)
        if row is None or not row.product:
            continue  # rejected, or no product named: the photo stays with the record
        product = Product.objects.filter(enterprise_id=row.enterprise_id,
                                         name=row.product.get("name", "")).first()
        if product is None or product.images.count() >= MAX_IMAGES_PER_PRODUCT:
            continue
        image = ProductImage.objects.create(
            product=product, image=photo.image.name, thumbnail=photo.thumbnail.name,
            width=photo.width, height=photo.height, position=product.images.count(),
            alt_text=product.name[:200],
        )
        FieldPhoto.objects.filter(pk=photo.pk).update(product_image=image)
        added += 1
    return added
