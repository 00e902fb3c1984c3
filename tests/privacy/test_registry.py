"""Every column of every installed model is classified as personal or not (issue 16)."""

from django.apps import apps
from django.db import models

from etalase.privacy import registry, selectors


def test_every_text_column_of_every_model_is_classified():
    missing = selectors.unclassified_fields()
    assert missing == [], (
        "Classify these fields in etalase/privacy/registry.py (identifying, free text or "
        f"not personal): {missing}"
    )


def test_the_registry_names_no_field_that_does_not_exist():
    """A renamed field would otherwise keep a stale, useless classification."""
    stale = []
    for label, fields in registry.REGISTRY.items():
        if label.split(".")[0] not in {c.label for c in apps.get_app_configs()}:
            continue  # an optional app (e.g. limits) not installed in this configuration
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        stale += [f"{label}.{name}" for name in fields if name not in names]
    assert stale == []


def test_a_new_personal_field_is_reported_unclassified():
    """The check can fail: a text column absent from the registry is reported."""

    class Dummy(models.Model):
        nickname = models.CharField(max_length=20)
        visits = models.IntegerField()

        class Meta:
            app_label = "privacy"
            managed = False

        def __str__(self) -> str:
            return self.nickname

    nickname = Dummy._meta.get_field("nickname")
    assert registry.classify(Dummy, nickname) is None
    assert registry.classify(Dummy, Dummy._meta.get_field("visits")) == registry.NOT_PERSONAL
    apps.all_models["privacy"].pop("dummy", None)
    apps.clear_cache()


def test_history_models_follow_their_model():
    historical = apps.get_model("enterprises", "HistoricalEnterprise")
    phone = historical._meta.get_field("phone")
    assert registry.classify(historical, phone) == registry.IDENTIFYING
    reason = historical._meta.get_field("history_change_reason")
    assert registry.classify(historical, reason) == registry.FREE_TEXT
