"""A lead officer records a red quarterly update; a member sees the plan's RAG summary change
and opens the action; democratic services attach the action-plan report to an agenda item.
Every page is checked with axe-core."""

import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import AgendaItem, Appendix
from shp.models import Organisation
from strategies.models import Action, Update
from tests.meetings.factories import tiny_pdf

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PLAN = "An Action Plan for Tackling Violence 2008-11"
MARAC = "National roll-out of Multi-Agency Risk Assessment Conferences (MARACs)"
COMMENTARY = "Two of the planned MARACs have no chair yet, so the roll-out has slipped."


def test_lead_officer_updates_member_reads_and_the_report_goes_into_a_pack(
    live_server, page, sign_in, screenshot, axe, tmp_path, settings, celery_worker_process
):
    settings.MEDIA_ROOT = celery_worker_process.media_root  # the worker renders the pack
    call_command("load_demo", verbosity=0)
    # Scenario: Cleveland Police lead action 19 (the seed names only national owners).
    action = Action.objects.get(plan__slug="tackling-violence-2008-11", number="19")
    action.lead_organisations.add(Organisation.objects.get(name="Cleveland Police"))

    # The lead officer records a red update; a renamed non-PDF is refused first.
    sign_in("officer", "demo-officer-pass")
    page.get_by_role("link", name="Strategies", exact=True).first.click()
    screenshot("strategies-plan-list")
    axe("plan list")
    page.get_by_role("link", name=PLAN).click()
    page.get_by_role("link", name=MARAC).click()
    screenshot("strategies-action-before")
    axe("action page (officer)")
    page.get_by_role("button", name="Record a quarterly update").click()
    axe("update form")
    page.get_by_label("Quarter").select_option(label="2010/11 Q3")
    page.get_by_label("Red").check()
    page.get_by_label("Percentage complete").fill("40")
    page.get_by_label("Commentary").fill(COMMENTARY)
    fake = tmp_path / "minutes.pdf"
    fake.write_bytes(b"PK\x03\x04 a zip file, not a PDF")
    page.get_by_label("Evidence (optional)").set_input_files(str(fake))
    page.get_by_role("button", name="Save update").click()
    assert "contents are not a PDF" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_label("Commentary").input_value() == COMMENTARY
    screenshot("strategies-update-error")
    axe("update form with an error")
    real = tmp_path / "marac-minutes.pdf"
    real.write_bytes(tiny_pdf())
    page.get_by_label("Evidence (optional)").set_input_files(str(real))
    page.get_by_role("button", name="Save update").click()
    assert (
        "Update for 2010/11 Q3 saved: Red"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert COMMENTARY in page.get_by_test_id("updates").inner_text()
    screenshot("strategies-action-updated")
    axe("action page after the update")
    assert Update.objects.get(action=action).rag == "red"
    page.get_by_test_id("sign-out").click()

    # A member sees the red in the plan's summary and opens the action.
    sign_in("member", "demo-member-pass")
    page.get_by_role("link", name="Strategies", exact=True).first.click()
    page.get_by_role("link", name=PLAN).click()
    row = page.get_by_test_id("summary-4").inner_text().split("\t")
    assert row[1:] == ["1", "0", "0", "1", "2"], row  # red, amber, green, no update, actions
    assert page.get_by_test_id("progress-table").inner_text().count("2010/11 Q3") == 1
    page.wait_for_selector("[data-testid=progress-chart][data-drawn=true]")
    screenshot("strategies-plan-member")
    axe("plan page (member)")
    page.get_by_role("link", name=MARAC).click()
    assert COMMENTARY in page.get_by_test_id("updates").inner_text()
    assert "Record a quarterly update" not in page.content()
    axe("action page (member)")
    page.get_by_test_id("sign-out").click()

    # Democratic services attach the action-plan report to the strategy item's report.
    sign_in("democratic", "demo-democratic-pass")
    item = AgendaItem.objects.get(report__subject__startswith="Domestic Abuse Strategy")
    page.goto(reverse("meetings:agenda", kwargs={"pk": item.meeting_id}))
    page.get_by_role("link", name=f"Attach an appendix to {item.title}").click()
    page.get_by_label("Label").fill("Appendix B")
    page.get_by_label("Title").fill("Violence action plan: progress")
    page.get_by_label("Generated", exact=True).check()
    page.get_by_label("Generate", exact=True).select_option(label="Action-plan report")
    page.get_by_role("button", name="Attach appendix").click()
    assert "Choose the plan" in page.locator(".govuk-error-summary").inner_text()
    axe("appendix form with an error")
    page.get_by_label("Plan (for an action-plan report)").select_option(label=PLAN)
    page.get_by_label("Only this objective (optional)").select_option(
        label=f"{PLAN} — 4. To roll out the good practice we have developed in tackling "
        "domestic violence"
    )
    screenshot("strategies-appendix-form")
    page.get_by_role("button", name="Attach appendix").click()
    assert "Appendix B attached" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(reverse("meetings:report-detail", kwargs={"pk": item.pk}))
    appendices = page.get_by_test_id("appendices").inner_text()
    assert (
        "Appendix B: Violence action plan: progress (generated with the agenda pack)" in appendices
    )
    screenshot("strategies-report-appendix")
    axe("report with the generated appendix")
    appendix = Appendix.objects.get(report__item=item, label="Appendix B")
    assert appendix.generator == "action_plan"
    assert appendix.generator_options["plan"] == action.plan_id
    assert appendix.generator_options["objective"] == action.objective_id

    # Democratic services make the members' pack: the action-plan report is in it.
    page.goto(reverse("meetings:pack-list", kwargs={"pk": item.meeting_id}))
    page.get_by_role("button", name="Make the members' pack").click()
    page.get_by_test_id("job-status").filter(has_text="Done").wait_for(timeout=120_000)
    page.goto(reverse("meetings:pack-list", kwargs={"pk": item.meeting_id}))
    href = page.get_by_test_id("pack-versions").get_by_role("link").first.get_attribute("href")
    pdf = page.request.get(href).body()
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "Appendix B: Violence action plan: progress" in text
    assert MARAC in text and COMMENTARY in text
