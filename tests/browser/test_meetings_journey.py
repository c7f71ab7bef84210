"""Democratic services run a meeting from scheduling to confirmed minutes, with an exempt item
whose decision creates an action, and publish the next meeting; signed out, the meeting page,
agenda, minutes, matters arising and public pack list the exempt item with its paragraph and
nothing of its substance. Every page is checked with axe-core."""

import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Action, Attendance, Declaration, Meeting, Minute
from shp.models import Person
from tests.meetings.factories import tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DECISION_ITEM = "Knife Crime Action Plan"
EXEMPT_ITEM = "Named Repeat Offenders"
PUBLIC_TITLE = "Partnership casework"
EXEMPT_ACTION = "Refer the named repeat offenders to the police"
REPORT = {
    "Report of": "Director of Regeneration and Neighbourhoods",
    "Purpose of report": "To approve a plan to reduce knife crime.",
    "Background": "Knife crime rose last year.",
    "Risk implications": "Without a plan, harm may rise.",
    "Legal considerations": "The partnership has a duty to reduce crime and disorder.",
    "Child and family poverty": "There are no child poverty implications.",
    "Equality and diversity considerations": "There are no equality implications.",
    "Section 17 of the Crime and Disorder Act 1998": "The plan supports the Section 17 duty.",
    "Staff considerations": "There are no staff considerations.",
    "Asset management considerations": "There are no asset considerations.",
    "Recommendations": "That the plan be approved.",
    "Reasons for recommendations": "To reduce knife crime.",
    "Contact officers": "Clare Clark, Head of Community Safety and Engagement",
}


def fill_report(page, values):
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save report").click()


def travel_to(monkeypatch, day):
    """The app's today becomes ``day`` (the live server runs in this process)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


def test_democratic_services_run_a_meeting_and_the_public_sees_only_public_papers(
    live_server, sign_in, screenshot, axe, tmp_path, settings, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    day = timezone.localdate() + timedelta(days=42)
    page = sign_in("democratic", "demo-democratic-pass")

    # Schedule the meeting: the standing items are added.
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    screenshot("meetings-list")
    axe("meetings list")
    page.get_by_role("button", name="Schedule a meeting").click()
    page.get_by_label("Committee").select_option(label="Safer Hartlepool Partnership")
    page.get_by_label("Date").fill(day.strftime("%d/%m/%Y"))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue").fill("Committee Room B, Civic Centre")
    page.get_by_role("button", name="Save meeting").click()
    builder = page.get_by_test_id("agenda-builder")
    assert "Apologies for absence" in builder.inner_text()
    assert "Minutes of the meeting held on 29 July 2016" in builder.inner_text()
    assert "to publish the agenda" in page.get_by_test_id("deadline").inner_text()
    meeting = Meeting.objects.get(date=day)

    # Build the agenda: an item for decision and an exempt item.
    page.get_by_role("button", name="Add an item").click()
    page.get_by_label("Section").select_option(label="Items for decision")
    page.get_by_label("Title", exact=True).fill(DECISION_ITEM)
    page.get_by_label("Lead officer").fill("Director of Regeneration and Neighbourhoods")
    screenshot("meetings-item-add")
    axe("add an item")
    page.get_by_role("button", name="Save item").click()
    page.get_by_role("button", name="Add an item").click()
    page.get_by_label("Section").select_option(label="Items for discussion/information")
    page.get_by_label("Title", exact=True).fill(EXEMPT_ITEM)
    page.get_by_label("Exempt from publication").select_option(value="7")
    page.get_by_label("Title the public sees, if exempt").fill(PUBLIC_TITLE)
    page.get_by_role("button", name="Save item").click()
    text = page.get_by_test_id("agenda-builder").inner_text()
    assert f"4.1 {DECISION_ITEM}" in text and f"5.1 {EXEMPT_ITEM}" in text
    screenshot("meetings-agenda-builder")
    axe("agenda builder")

    # The report, with its financial section left blank for now.
    page.get_by_role("link", name=f"Write the report for {DECISION_ITEM}").click()
    fill_report(page, REPORT)
    assert "Financial considerations" in page.locator(".govuk-notification-banner").inner_text()

    # Appendix: a renamed non-PDF is refused; a real PDF is attached.
    page.get_by_role("link", name=f"Attach an appendix to {DECISION_ITEM}").click()
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"PK\x03\x04 this is a zip file, not a PDF")
    page.get_by_label("Label").fill("Appendix A")
    page.get_by_label("Title").fill("Action plan")
    page.get_by_label("Uploaded PDF").check()
    page.get_by_label("PDF file").set_input_files(str(fake))
    page.get_by_role("button", name="Attach appendix").click()
    assert "must be a PDF" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Title").input_value() == "Action plan"
    screenshot("meetings-appendix-error")
    axe("appendix error")
    real = tmp_path / "action-plan.pdf"
    real.write_bytes(tiny_pdf())
    page.get_by_label("PDF file").set_input_files(str(real))
    page.get_by_role("button", name="Attach appendix").click()
    assert "Appendix A attached" in page.locator(".govuk-notification-banner").inner_text()

    # Publishing is stopped by the missing section and the exempt item's missing report.
    page.get_by_role("button", name="Check and publish").click()
    problems = page.get_by_test_id("publish-problems").inner_text()
    assert "Financial considerations" in problems and "attach a report" in problems
    screenshot("meetings-publish-stopped")
    axe("publish stopped")
    assert not Meeting.objects.get(pk=meeting.pk).is_published

    page.get_by_role("link", name="Return to the agenda").click()
    page.get_by_role("link", name=f"Edit the report for {DECISION_ITEM}").click()
    page.get_by_label("Financial considerations").fill("There are no financial considerations.")
    page.get_by_role("button", name="Save report").click()
    page.get_by_role("link", name=f"Write the report for {EXEMPT_ITEM}").click()
    fill_report(page, {**REPORT, "Financial considerations": "None."})
    page.get_by_role("button", name="Check and publish").click()
    page.get_by_role("button", name="Publish the agenda").click()
    assert "Agenda published" in page.locator(".govuk-notification-banner").inner_text()
    screenshot("meetings-meeting-published")
    axe("published meeting (democratic services)")

    # Before the day the meeting cannot be marked held; on the day it can.
    assert page.get_by_role("button", name="Mark as held").count() == 0
    assert day.strftime("%-d %B %Y") in page.get_by_test_id("held-from").inner_text()
    travel_to(monkeypatch, day)
    page.reload()

    # After the meeting: held, attendance with a substitute, a declaration.
    page.get_by_role("button", name="Mark as held").click()
    page.get_by_role("link", name="Record attendance and declarations").click()
    chair = Person.objects.get(name="Christopher Akers-Belcher")
    stand_in = Person.objects.get(name="Jim Lindridge")
    member = Person.objects.get(name="Marjorie James")
    outsider = Person.objects.get(name="Ian Hayton")
    # Members one line each; then the chair is marked as in the chair.
    page.get_by_label("Councillor Christopher Akers-Belcher").select_option(value="present")
    page.get_by_label("Denise Ogden").select_option(value="present")
    page.get_by_label("Gill Alexander").select_option(value="absent")
    page.get_by_role("button", name="Save members' attendance").click()
    assert "Recorded the attendance of 3 members" in page.content()
    page.get_by_label("Person", exact=True).select_option(value=str(chair.pk))
    page.get_by_label("Attendance", exact=True).select_option(value="present")
    page.get_by_label("In the chair").check()
    page.get_by_role("button", name="Record attendance").click()
    # A substitute for someone who is not a member is refused, with the choices kept.
    page.get_by_label("Person", exact=True).select_option(value=str(stand_in.pk))
    page.get_by_label("Attendance", exact=True).select_option(value="substitute")
    page.get_by_label("Substitute for").select_option(value=str(outsider.pk))
    page.get_by_role("button", name="Record attendance").click()
    assert "is not a member" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Person", exact=True).input_value() == str(stand_in.pk)
    screenshot("meetings-attendance-error")
    axe("attendance error")
    page.get_by_label("Substitute for").select_option(value=str(member.pk))
    page.get_by_role("button", name="Record attendance").click()
    assert Attendance.objects.get(meeting=meeting, person=stand_in).substitute_for == member
    assert Attendance.objects.get(meeting=meeting, person=member).status == "apologies"
    page.get_by_role("link", name="Record a declaration of interest").click()
    page.get_by_label("Person").select_option(value=str(stand_in.pk))
    page.get_by_label("Agenda item").select_option(label=f"4.1 {DECISION_ITEM}")
    page.get_by_label("Nature of the interest").select_option(value="personal")
    page.get_by_label("Description").fill("Member of the Police and Crime Panel")
    page.get_by_role("button", name="Record declaration").click()
    assert Declaration.objects.filter(meeting=meeting, person=stand_in).exists()
    screenshot("meetings-attendance")
    axe("attendance")

    # Minutes from the agenda, and a decision that creates an action.
    page.get_by_role("link", name=meeting.date.strftime("%-d %B %Y")).first.click()
    page.get_by_role("link", name="Write the minutes and decisions").click()
    page.get_by_role("button", name="Start the minutes from the agenda").click()
    minute = Minute.objects.get(meeting=meeting, title=DECISION_ITEM)
    page.get_by_role("link", name=f"{minute.number}. {DECISION_ITEM}").click()
    page.get_by_label("Decision", exact=True).fill("That the action plan be approved.")
    page.get_by_label("Action (optional)").fill("Publish the action plan")
    page.get_by_label("Action owner").select_option(
        value=str(Person.objects.get(name="Clare Clark").pk)
    )
    page.get_by_role("button", name="Add decision").click()
    assert "(i) That the action plan be approved." in page.get_by_test_id("decisions").inner_text()
    # A duplicate minute number is refused and the typed text is kept.
    taken = Minute.objects.filter(meeting=meeting).exclude(pk=minute.pk).first().number
    page.get_by_label("Minute number").fill(str(taken))
    page.get_by_label("Issues for consideration").fill("Members welcomed the plan.")
    page.get_by_role("button", name="Save minute").click()
    assert f"Minute {taken} already exists" in page.locator(".govuk-error-summary").inner_text()
    assert (
        page.get_by_label("Issues for consideration").input_value() == "Members welcomed the plan."
    )
    screenshot("meetings-minute-error")
    axe("minute error")
    page.get_by_label("Minute number").fill(str(minute.number))
    page.get_by_role("button", name="Save minute").click()
    assert Action.objects.filter(description="Publish the action plan").exists()
    # The exempt item's decision, with an action of its own.
    exempt_minute = Minute.objects.get(meeting=meeting, title=EXEMPT_ITEM)
    page.get_by_role("link", name=f"{exempt_minute.number}. {EXEMPT_ITEM}").click()
    page.get_by_label("Decision", exact=True).fill("That the named repeat offenders be referred.")
    page.get_by_label("Action (optional)").fill(EXEMPT_ACTION)
    page.get_by_label("Action owner").select_option(
        value=str(Person.objects.get(name="Clare Clark").pk)
    )
    page.get_by_role("button", name="Add decision").click()
    assert Action.objects.filter(description=EXEMPT_ACTION).exists()

    # The next meeting confirms the minutes.
    page.goto("/meetings/new/")
    page.get_by_label("Committee").select_option(label="Safer Hartlepool Partnership")
    page.get_by_label("Date").fill((day + timedelta(days=35)).strftime("%d/%m/%Y"))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Venue").fill("Committee Room B, Civic Centre")
    page.get_by_role("button", name="Save meeting").click()
    # The open actions are matters arising on the next agenda (democratic services see all).
    assert "4 open actions" in page.get_by_test_id("agenda-builder").inner_text()
    # The next meeting's agenda: an item with its report, then published.
    page.get_by_role("button", name="Add an item").click()
    page.get_by_label("Section").select_option(label="Items for decision")
    page.get_by_label("Title", exact=True).fill("Partnership budget")
    page.get_by_role("button", name="Save item").click()
    page.get_by_role("link", name="Write the report for Partnership budget").click()
    fill_report(page, {**REPORT, "Financial considerations": "Within the budget."})
    page.get_by_role("button", name="Check and publish").click()
    page.get_by_role("button", name="Publish the agenda").click()
    assert "Agenda published" in page.locator(".govuk-notification-banner").inner_text()
    following = Meeting.objects.get(date=day + timedelta(days=35))
    page.goto(f"/meetings/{following.pk}/")
    page.get_by_role(
        "button", name=f"Confirm the minutes of {day.strftime('%-d %B %Y')} as a correct record"
    ).click()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.MINUTES_CONFIRMED
    screenshot("meetings-next-meeting")
    axe("next meeting")
    page.get_by_test_id("sign-out").click()

    # The public: published papers and confirmed minutes; the exempt item listed, no more.
    page.goto(f"/meetings/{meeting.pk}/")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert DECISION_ITEM in agenda and EXEMPT_ITEM not in agenda
    assert PUBLIC_TITLE in agenda
    assert "Exempt information: paragraph 7 of Part 1 of Schedule 12A" in agenda
    assert EXEMPT_ITEM not in page.content()
    screenshot("meetings-public-meeting")
    axe("public meeting")
    page.get_by_role("link", name=DECISION_ITEM).click()
    assert "Appendix A: Action plan" in page.get_by_test_id("appendices").inner_text()
    screenshot("meetings-public-report")
    axe("public report")
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_test_id("minutes-link").click()
    assert "That the action plan be approved." in page.content()
    assert EXEMPT_ITEM not in page.content() and "repeat offenders" not in page.content()
    resolution = page.get_by_test_id("exclusion-resolution").inner_text()
    assert "press and public be excluded" in resolution and "paragraph 7" in resolution
    assert PUBLIC_TITLE in page.content()
    screenshot("meetings-public-minutes")
    axe("public minutes")
    exempt = meeting.items.get(title=EXEMPT_ITEM)
    assert page.goto(f"/meetings/items/{exempt.pk}/").status == 404
    # The next meeting's matters arising: the public action, not the exempt one.
    page.goto(f"/meetings/{following.pk}/")
    agenda = page.get_by_test_id("agenda").inner_text()
    assert "Publish the action plan" in agenda and EXEMPT_ACTION not in agenda
    axe("public next meeting")
    # The public pack: the exempt item with its paragraph, nothing of its substance.
    from meetings.packs.services import agenda_pack_render

    pack = agenda_pack_render(meeting=meeting, variant="public")
    body = page.request.get(f"/meetings/packs/{pack.pk}/").body()
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert PUBLIC_TITLE in text and "paragraph 7" in text
    assert EXEMPT_ITEM not in text and "repeat offenders" not in text
