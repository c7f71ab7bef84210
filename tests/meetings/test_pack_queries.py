"""Composing an agenda pack takes the same number of queries whatever the number of reports
(each with an uploaded appendix and a generated one): no query per report."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.packs.compose import pack_compose
from tests.meetings.factories import meeting_with_reports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def composing_queries(meeting, variant: str) -> int:
    meeting.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        pack_compose(meeting=meeting, variant=variant)
    return len(captured)


@pytest.mark.parametrize("variant", ["public", "members"])
def test_composing_a_pack_takes_the_same_queries_for_1_4_and_8_reports(variant):
    counts = [composing_queries(meeting_with_reports(n), variant) for n in (1, 4, 8)]
    assert counts[0] == counts[1] == counts[2], counts
