"""Problems are stored as message ids with parameters and shown in the reader's language."""

import pytest
from django.utils import translation

from etalase.intake import services
from etalase.intake.models import SubmissionRow
from etalase.intake.results import Message, message, render
from etalase.regions.models import Subdivision
from tests.factories import officer_of

pytestmark = pytest.mark.django_db


def test_a_message_with_a_label_round_trips_and_translates_the_label_too():
    stored = message("%(label)s cannot be negative.",
                     label=message("The annual turnover")).as_json()
    assert stored == {"msgid": "%(label)s cannot be negative.",
                      "params": {"label": {"msgid": "The annual turnover", "params": {}}}}
    again = Message.from_json(stored)
    with translation.override("en"):
        assert str(again) == "The annual turnover cannot be negative."
    with translation.override("id"):
        shown = render(stored)
    assert "The annual turnover" not in shown and "cannot be negative" not in shown


def test_a_problem_checked_in_indonesian_reads_in_english_for_an_english_reader():
    officer = officer_of("ID-SA")
    submission = services.submission_upload(
        actor=officer, office=Subdivision.objects.get(code="ID-SA"), filename="negatif.csv",
        content=b"Nama Usaha;Omzet per Tahun\nUD Minus;-5000000\n", language="id")
    [stored] = SubmissionRow.objects.get(submission=submission, row=2).problems
    assert stored["msgid"] == "%(label)s cannot be negative."
    assert stored["params"]["label"] == {"msgid": "The annual turnover", "params": {}}
    assert stored["message"] != "The annual turnover cannot be negative."  # checked in id
    with translation.override("en"):
        assert render(stored) == "The annual turnover cannot be negative."
