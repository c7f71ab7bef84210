"""Composing an agenda pack takes the same number of queries whatever the number of reports
(each with an uploaded appendix and a generated one): no query per report."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings import services
from meetings.models import Section
from meetings.packs.compose import pack_compose
from tests.meetings.factories import FULL_REPORT, committee_with_members, tiny_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def meeting_with_reports(count: int):
    committee, _ = committee_with_members(name=f"Partnership with {count}")
    day = date(2030, 6, 14)
    meeting, _ = services.meeting_schedule(
        committee=committee, day=day, start_time=time(10), venue="Civic Centre",
        today=date(2030, 1, 2),
    )  # fmt: skip
    for n in range(count):
        item = services.agenda_item_add(
            meeting=meeting, section=Section.DECISION, title=f"Report {n}",
            lead_officer="Head of Community Safety", today=date(2030, 1, 2),
        )  # fmt: skip
        report = services.report_save(item=item, **{**FULL_REPORT, "subject": f"Report {n}"})
        services.appendix_upload(
            report=report, label="Appendix A", title="A map", filename="map.pdf",
            content=tiny_pdf(),
        )  # fmt: skip
    return meeting


def composing_queries(meeting, variant: str) -> int:
    meeting.refresh_from_db()
    with CaptureQueriesContext(connection) as captured:
        pack_compose(meeting=meeting, variant=variant)
    return len(captured)


@pytest.mark.parametrize("variant", ["public", "members"])
def test_composing_a_pack_takes_the_same_queries_for_1_4_and_8_reports(variant):
    counts = [composing_queries(meeting_with_reports(n), variant) for n in (1, 4, 8)]
    assert counts[0] == counts[1] == counts[2], counts
