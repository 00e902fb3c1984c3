"""The fixed-window counter: windows roll over, ended windows are cleared."""

from __future__ import annotations

import pytest

from etalase.limits.counter import hit
from etalase.limits.models import RateCounter

T0 = 1_800_000_000.0  # the start of a 60-second window


@pytest.mark.django_db
def test_a_window_allows_its_limit_then_refuses_until_it_ends():
    verdicts = [hit("signin", "203.0.113.7", 3, 60, now=T0 + n) for n in range(5)]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert [v.hits for v in verdicts] == [1, 2, 3, 4, 5]
    assert verdicts[3].retry_after == 57
    assert hit("signin", "203.0.113.7", 3, 60, now=T0 + 59.5).retry_after == 1
    assert hit("signin", "203.0.113.7", 3, 60, now=T0 + 60).allowed


@pytest.mark.django_db
def test_rules_and_subjects_count_apart():
    for _ in range(3):
        hit("signin", "a", 2, 60, now=T0)
    assert hit("signin", "b", 2, 60, now=T0).allowed
    assert hit("upload", "a", 2, 60, now=T0).allowed


@pytest.mark.django_db
def test_ended_windows_are_deleted_when_a_new_one_starts():
    hit("signin", "a", 2, 60, now=T0)
    hit("signin", "b", 2, 60, now=T0)
    assert RateCounter.objects.count() == 2
    hit("signin", "a", 2, 60, now=T0 + 3600)
    assert RateCounter.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("subject", ["", "x" * 10_000, "<script>", "Ñandú 日本"])
def test_any_subject_makes_a_short_bucket(subject):
    assert hit("api_token", subject, 1, 60, now=T0).hits == 1
    assert len(RateCounter.objects.get().bucket) < 80
