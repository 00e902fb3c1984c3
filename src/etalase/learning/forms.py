"""Forms of the learning pages. They parse and bound input; the services decide and write."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from etalase.accounts.models import Organisation
from etalase.catalog.models import HSCode
from etalase.enterprises.models import ExportStatus, SizeClass
from etalase.learning.models import (
    TIME_ZONES,
    Mode,
    Programme,
    ProgrammeKind,
    Resource,
    ResourceCategory,
)
from etalase.learning.resources import ResourceData
from etalase.learning.services import ProgrammeData
from etalase.regions.models import Country, Subdivision

LANGUAGES = list(settings.LANGUAGES)
CURRENCIES = [("", "—"), ("IDR", "IDR"), ("MYR", "MYR"), ("PHP", "PHP"), ("BND", "BND"),
              ("USD", "USD"), ("SGD", "SGD")]
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
_DATETIME_FIELDS = ("starts_at", "ends_at", "application_deadline")


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format=LOCAL_FORMAT, **kwargs)


def _local_field(label, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=LocalDateTimeInput(),
                               input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"],
                               help_text=_("In the programme's time zone."))


def _hs_chapter_label(code: HSCode) -> str:
    return f"{code.code} · {code.display_name}"[:90]


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.ENTERPRISE),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=10000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGES)
    delivery_languages = forms.MultipleChoiceField(
        label=_("Languages of delivery"), choices=LANGUAGES, required=False,
        widget=forms.CheckboxSelectMultiple)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices)
    venue = forms.CharField(label=_("Place"), max_length=300, required=False)
    venue_subdivision = forms.ModelChoiceField(
        label=_("Province / state of the place"), required=False,
        queryset=Subdivision.objects.filter(country__is_bimp_eaga=True))
    online_url = forms.URLField(label=_("Online link"), max_length=500, required=False,
                                assume_scheme="https")
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONES)
    starts_at = _local_field(_("Starts"))
    ends_at = _local_field(_("Ends"))
    application_deadline = _local_field(_("Application deadline"), required=False)
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=0, max_value=100_000,
                                  required=False, help_text=_("Empty means unlimited."))
    accepts_enrolment = forms.BooleanField(label=_("Enrol through Etalase"), required=False,
                                           initial=True)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_digits=14, decimal_places=2,
                              required=False, help_text=_("Empty or 0 means free."))
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES, required=False)
    eligible_countries = forms.ModelMultipleChoiceField(
        label=_("Eligible countries"), required=False,
        queryset=Country.objects.filter(is_bimp_eaga=True),
        widget=forms.CheckboxSelectMultiple)
    eligible_subdivisions = forms.ModelMultipleChoiceField(
        label=_("Eligible provinces / states"), required=False,
        queryset=Subdivision.objects.filter(country__is_bimp_eaga=True),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("A region includes its provinces. Leave empty for no restriction."))
    eligible_hs_chapters = forms.ModelMultipleChoiceField(
        label=_("Eligible sectors (HS chapters)"), required=False,
        queryset=HSCode.objects.filter(level=2).prefetch_related("translations"),
        widget=forms.SelectMultiple(attrs={"size": 8}))
    eligible_size_classes = forms.MultipleChoiceField(
        label=_("Eligible size classes"), choices=SizeClass.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    eligible_export_statuses = forms.MultipleChoiceField(
        label=_("Eligible export statuses"), choices=ExportStatus.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    external_url = forms.URLField(label=_("External link"), max_length=500, required=False,
                                  assume_scheme="https")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eligible_hs_chapters"].label_from_instance = _hs_chapter_label
        for code, name in LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name}, max_length=200,
                required=False)
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s") % {"language": name},
                max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def translation_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"title_{code}"], self[f"description_{code}"]) for code, _n in LANGUAGES]

    def clean(self) -> dict:
        data = super().clean()
        zone = ZoneInfo(data.get("time_zone") or settings.TIME_ZONE)
        for name in _DATETIME_FIELDS:
            value = data.get(name)
            if value is not None:
                # Django read the wall-clock time in the site's zone; it means the programme's.
                data[name] = timezone.make_naive(value).replace(tzinfo=zone)
        return data

    def to_data(self) -> ProgrammeData:
        d = self.cleaned_data
        return ProgrammeData(
            kind=d["kind"], provider_id=d["provider"].pk, title=d["title"],
            description=d["description"], language=d["language"],
            delivery_languages=list(d["delivery_languages"]), mode=d["mode"],
            venue=d["venue"], venue_subdivision_id=(d["venue_subdivision"].pk
                                                    if d["venue_subdivision"] else None),
            online_url=d["online_url"], starts_at=d["starts_at"], ends_at=d["ends_at"],
            time_zone=d["time_zone"], application_deadline=d["application_deadline"],
            capacity=d["capacity"], accepts_enrolment=d["accepts_enrolment"],
            cost=d["cost"] or 0, currency=d["currency"],
            eligible_countries=[c.pk for c in d["eligible_countries"]],
            eligible_subdivisions=[s.pk for s in d["eligible_subdivisions"]],
            eligible_hs_chapters=[h.pk for h in d["eligible_hs_chapters"]],
            eligible_size_classes=list(d["eligible_size_classes"]),
            eligible_export_statuses=list(d["eligible_export_statuses"]),
            external_url=d["external_url"],
            translations={code: (d.get(f"title_{code}", ""), d.get(f"description_{code}", ""))
                          for code, _n in LANGUAGES},
        )

    @staticmethod
    def initial_from(programme: Programme) -> dict:
        zone = ZoneInfo(programme.time_zone)
        initial = {
            name: getattr(programme, name)
            for name in ("kind", "title", "description", "language", "delivery_languages",
                         "mode", "venue", "online_url", "time_zone", "capacity",
                         "accepts_enrolment", "cost", "currency", "external_url",
                         "eligible_size_classes", "eligible_export_statuses")
        }
        initial["provider"] = programme.provider_id
        initial["venue_subdivision"] = programme.venue_subdivision_id
        for name in _DATETIME_FIELDS:
            value = getattr(programme, name)
            initial[name] = value.astimezone(zone).replace(tzinfo=None) if value else None
        initial["eligible_countries"] = [c.pk for c in programme.eligible_countries.all()]
        initial["eligible_subdivisions"] = [s.pk for s in programme.eligible_subdivisions.all()]
        initial["eligible_hs_chapters"] = [h.pk for h in programme.eligible_hs_chapters.all()]
        for translation in programme.translations.all():
            initial[f"title_{translation.language_code}"] = translation.title
            initial[f"description_{translation.language_code}"] = translation.description
        return initial


class EnrolForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Enrol my enterprise"), queryset=None,
                                        empty_label=None)

    def __init__(self, *args, enterprises, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class AttendanceForm(forms.Form):
    """`present` lists the confirmed enrolments that came; the others are marked absent."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args, enrolment_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(i, str(i)) for i in enrolment_ids]


class ResourceForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=ResourceCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), max_length=50000, required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGES)
    destination_country = forms.ModelChoiceField(
        label=_("Export destination"), queryset=Country.objects.all(), required=False)
    provider = forms.ModelChoiceField(
        label=_("Source"), required=False,
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.ENTERPRISE))
    tags = forms.CharField(label=_("Tags"), max_length=400, required=False,
                           help_text=_("Separate tags with commas."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, name in LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name}, max_length=200,
                required=False)
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary in %(language)s") % {"language": name}, max_length=500,
                required=False)
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text in %(language)s") % {"language": name}, max_length=50000,
                required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def translation_fields(self) -> list[tuple]:
        return [(self[f"title_{c}"], self[f"summary_{c}"], self[f"body_{c}"])
                for c, _n in LANGUAGES]

    def to_data(self) -> ResourceData:
        d = self.cleaned_data
        return ResourceData(
            category=d["category"], title=d["title"], summary=d["summary"], body=d["body"],
            language=d["language"],
            destination_country_id=d["destination_country"].pk if d["destination_country"]
            else None,
            provider_id=d["provider"].pk if d["provider"] else None,
            tags=[t.strip() for t in d["tags"].split(",") if t.strip()],
            translations={c: (d.get(f"title_{c}", ""), d.get(f"summary_{c}", ""),
                              d.get(f"body_{c}", "")) for c, _n in LANGUAGES},
        )

    @staticmethod
    def initial_from(resource: Resource) -> dict:
        initial = {name: getattr(resource, name)
                   for name in ("category", "title", "summary", "body", "language")}
        initial["destination_country"] = resource.destination_country_id
        initial["provider"] = resource.provider_id
        initial["tags"] = ", ".join(t.name for t in resource.tags.all())
        for translation in resource.translations.all():
            code = translation.language_code
            initial[f"title_{code}"] = translation.title
            initial[f"summary_{code}"] = translation.summary
            initial[f"body_{code}"] = translation.body
        return initial


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX or image)"))
    name = forms.CharField(label=_("Name shown"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", "—"), *LANGUAGES])
