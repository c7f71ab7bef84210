"""Democratic services plan a key decision on the forward plan, build it into the agenda and ask
an officer for the report; the officer drafts it in the app and submits it; democratic services
clear it and publish the agenda; after the meeting they publish the decision notice. Signed out,
the public sees the key decision on the forward plan, finds the report by search and its
decision in the register. Every page is checked with axe-core."""

from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings import services
from meetings.models import Committee, Report
from meetings.packs.services import agenda_pack_render
from tests.browser.test_meetings_journey import travel_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Night-time Economy Strategy"
DECISION = "That the night-time economy strategy be adopted."
SECTIONS = {
    "Purpose of report": "To adopt a strategy for a safer town centre at night.",
    "Background": (
        "## Where harm happens\n\n| Street | Incidents |\n|---|---|\n| Church Street | 41 |"
    ),
    "Risk implications": "Without a strategy, violence may rise.",
    "Financial considerations": "Met from the existing budget.",
    "Legal considerations": "It supports the partnership's duty to reduce crime.",
    "Child and family poverty": "None.",
    "Equality and diversity considerations": "None.",
    "Section 17 of the Crime and Disorder Act 1998": "It supports the Section 17 duty.",
    "Staff considerations": "None.",
    "Asset management considerations": "None.",
    "Recommendations": "That the strategy be adopted.",
    "Reasons for recommendations": "To reduce violence at night.",
    "Contact officers": "Demo Police Analyst",
}


def test_an_officer_drafts_a_report_that_is_cleared_published_found_and_decided(
    live_server, sign_in, screenshot, axe, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    committee = Committee.objects.get(name="Safer Hartlepool Partnership")
    day = timezone.localdate() + timedelta(days=60)
    meeting, _ = services.meeting_schedule(
        committee=committee, day=day, start_time=time(10), venue="Civic Centre"
    )

    # Democratic services put a key decision on the forward plan.
    page = sign_in("democratic", "demo-democratic-pass")
    page.goto(committee.get_absolute_url())
    page.get_by_role("link", name="Forward plan").click()
    page.get_by_role("button", name="Plan an item").click()
    page.get_by_label("Expected at the meeting on").select_option(label=f"{day:%-d %B %Y}, 10:00")
    page.get_by_label("Section").select_option(label="Items for decision")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Lead officer").fill("Director of Regeneration and Neighbourhoods")
    page.get_by_label("This is a key decision").check()
    screenshot("clearance-plan-item")
    axe("plan an item")
    page.get_by_role("button", name="Save the planned item").click()
    assert "Key decision" in page.get_by_test_id(f"forward-plan-{day:%Y-%m-%d}").inner_text()
    page.get_by_test_id("sign-out").click()
    page.goto(f"/meetings/committees/{committee.slug}/forward-plan/")
    plan = page.get_by_test_id(f"forward-plan-{day:%Y-%m-%d}").inner_text()
    assert TITLE in plan and "Key decision" in plan
    screenshot("clearance-public-forward-plan")
    axe("public forward plan")

    # The agenda is built from the plan, and an officer is asked for the report.
    page = sign_in("democratic", "demo-democratic-pass")
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    page.get_by_role("button", name="Add the planned items to the agenda").click()
    assert f"4.1 {TITLE}" in page.get_by_test_id("agenda-builder").inner_text()
    page.get_by_role("link", name=f"Ask officers for the report for {TITLE}").click()
    page.get_by_label("Demo Police Analyst").check()
    axe("ask for a report")
    page.get_by_role("button", name="Ask them to write it").click()
    page.get_by_test_id("sign-out").click()

    # The officer drafts it and submits it; a stale or incomplete submission is explained.
    page = sign_in("officer", "demo-officer-pass")
    page.goto("/meetings/")
    page.get_by_role("link", name="Reports you are writing").click()
    axe("reports you are writing")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Report of").fill("Director of Regeneration and Neighbourhoods")
    for label, text in SECTIONS.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Financial considerations").fill("")
    page.get_by_role("button", name="Save and submit for clearance").click()
    assert "Draft saved, but not submitted" in page.content()
    page.get_by_label("Financial considerations").fill("Met from the existing budget.")
    screenshot("clearance-officer-draft")
    axe("officer's draft")
    page.get_by_role("button", name="Save and submit for clearance").click()
    assert "submitted to democratic services" in page.content()
    assert Report.objects.get(item__meeting=meeting).status == Report.Status.SUBMITTED
    page.get_by_test_id("sign-out").click()

    # Democratic services clear it and publish the agenda.
    page = sign_in("democratic", "demo-democratic-pass")
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    page.get_by_role("link", name=f"Review for clearance of the report for {TITLE}").click()
    assert "Church Street" in page.locator("table").first.inner_text()
    screenshot("clearance-review")
    axe("clearance review")
    page.get_by_role("button", name="Clear for publication").click()
    assert "Report cleared" in page.content()
    page.get_by_role("button", name="Check and publish").click()
    page.get_by_role("button", name="Publish the agenda").click()
    assert "Agenda published" in page.locator(".govuk-notification-banner").inner_text()
    # The public pack as a web page (made here as the worker would on publication).
    agenda_pack_render(meeting=meeting, variant="public")
    page.goto(f"/meetings/{meeting.pk}/pack/public/")
    assert "Church Street" in page.get_by_test_id("pack-html").inner_text()
    screenshot("clearance-pack-html")
    axe("public pack as a web page")

    # On the day: held, minuted, and the decision notice published.
    travel_to(monkeypatch, day)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Mark as held").click()
    page.get_by_role("link", name="Write the minutes and decisions").click()
    page.get_by_role("button", name="Start the minutes from the agenda").click()
    minute = meeting.minutes.get(title=TITLE)
    page.get_by_role("link", name=f"{minute.number}. {TITLE}").click()
    page.get_by_label("Decision", exact=True).fill(DECISION)
    page.get_by_role("button", name="Add decision").click()
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Publish the decision notice").click()
    assert "Decision notice published" in page.content()
    axe("meeting with its record published")
    page.get_by_test_id("sign-out").click()

    # The public find the report by search and the decision in the register.
    page.goto("/meetings/")
    page.get_by_label("Search papers, minutes and decisions").fill("night-time economy")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("search-results").inner_text()
    assert TITLE in results
    screenshot("clearance-public-search")
    axe("public search results")
    page.get_by_test_id("search-results").get_by_role("link", name=f"4.1 {TITLE}").click()
    assert "Church Street" in page.content()
    page.goto("/meetings/decisions/")
    register = page.get_by_test_id("decisions-register").inner_text()
    assert DECISION in register and "Draft minutes, not yet confirmed" in register
    screenshot("clearance-public-register")
    axe("public decisions register")
    minute = meeting.minutes.get(title=TITLE)
    register_links = page.get_by_test_id("decisions-register")
    register_links.get_by_role("link", name=f"{minute.number}. {TITLE}").click()
    assert DECISION in page.get_by_test_id("decision-notice").inner_text()
    axe("public decision notice")
