"""Chromium journeys through the pages that make the app any partnership's: the administrator
renames the partnership and sees it in the header; democratic services adds a standing item and
a report section of the committee's own; the performance lead adds an objective and a priority
to the demo plan. axe-core checks each page; screenshots under test-artifacts/screens/."""

import pytest
from django.core.management import call_command

from meetings.models import Committee
from strategies.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_the_partnership_is_configured_in_the_app(transactional_db, sign_in, page, screenshot, axe):
    call_command("load_demo", verbosity=0)

    sign_in("admin", "demo-admin-pass")
    page.get_by_role("link", name="The partnership and its set-up").click()
    axe("partnership page")
    page.get_by_label("Name of the partnership").fill("")
    page.get_by_role("button", name="Save the partnership's details").click()
    assert "Enter the partnership" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Name of the partnership").fill("Safer Hartlepool Partnership Board")
    page.get_by_role("button", name="Save the partnership's details").click()
    assert "Safer Hartlepool Partnership Board" in page.locator("header").inner_text()
    screenshot("partnership-details")
    sign_out(page)

    sign_in("democratic", "demo-democratic-pass")
    page.goto("/meetings/committees/safer-hartlepool-partnership/")
    page.get_by_role("link", name="Standing agenda items").click()
    axe("standing items")
    page.get_by_label("Title on the agenda").fill("Partnership performance update")
    page.get_by_label("Part of the agenda").select_option(label="Items for discussion/information")
    page.get_by_role("button", name="Save the standing item").click()
    assert "Partnership performance update" in page.get_by_test_id("standing-items").inner_text()
    page.get_by_role("button", name="Move up Partnership performance update").click()
    screenshot("standing-items")
    committee = Committee.objects.get(slug="safer-hartlepool-partnership")
    titles = list(committee.standing_items.values_list("title", flat=True))
    assert titles.index("Partnership performance update") == len(titles) - 2

    page.goto("/meetings/committees/safer-hartlepool-partnership/")
    page.get_by_role("link", name="Report sections").click()
    page.get_by_label("Heading").fill("Community cohesion")
    page.get_by_label("Required: the agenda cannot be published while it is blank").check()
    page.get_by_role("button", name="Save the section").click()
    assert "Community cohesion" in page.get_by_test_id("report-sections").inner_text()
    axe("report sections")
    screenshot("report-sections")
    sign_out(page)

    sign_in("lead", "demo-lead-pass")
    page.goto("/strategies/plans/community-safety-plan-2014-17/")
    page.get_by_role("link", name="Add an objective").click()
    page.get_by_label("The objective", exact=True).fill("Make the night-time economy safer")
    page.get_by_label("Anti-social behaviour incidents (ASB)").check()
    axe("objective form")
    page.get_by_role("button", name="Save the objective").click()
    objectives = page.get_by_test_id("objectives")
    assert "Make the night-time economy safer" in objectives.inner_text()
    plan = Plan.objects.get(slug="community-safety-plan-2014-17")
    number = plan.objectives.get(title="Make the night-time economy safer").number
    page.get_by_role("link", name=f"Add a priority under objective {number}").click()
    page.get_by_label("Financial year").select_option(label="2016/17")
    page.get_by_label("The priority").fill("Street marshals on Friday nights")
    page.get_by_role("button", name="Save the priority").click()
    assert "2016/17: Street marshals on Friday nights" in objectives.inner_text()
    axe("plan page with the new objective")
    screenshot("plan-objectives")
