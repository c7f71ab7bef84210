"""Report definitions are data the lead edits: the appendix prints their sections in order;
bad sections, stale pages and other roles are refused with nothing changed."""

import pytest
from django.urls import reverse

from indicators.models import Indicator, ReportDefinition, ReportSection
from indicators.reports import ReportError, performance_appendix_html
from shp.roles import Role

pytestmark = pytest.mark.django_db
OPTIONS = {"area": "E06000001", "period": "2015/16"}


@pytest.fixture
def lead(client, role_user, catalogue):
    user = role_user(Role.PERFORMANCE_LEAD, username="the-lead")
    client.force_login(user)
    return user


def ids(*codes):
    return [str(i.pk) for i in Indicator.objects.filter(code__in=codes)]


def test_the_lead_builds_a_definition_and_the_appendix_prints_it_in_order(client, lead, seed):
    response = client.post(
        reverse("indicators:report-definition-add"),
        {"name": "Fires and ASB briefing", "description": "", "read_version": "0"},
    )
    definition = ReportDefinition.objects.get(name="Fires and ASB briefing")
    assert response.status_code == 302 and not definition.is_default
    add = reverse("indicators:report-section-add", kwargs={"slug": definition.slug})
    for title, codes in [("Quokka fires in {area}", ["DELIB_FIRES"]), ("Wombat ASB", ["ASB"])]:
        definition.refresh_from_db()
        form = {"kind": "table", "title": title, "indicators": ids(*codes)}
        assert client.post(add, {**form, "read_version": definition.version}).status_code == 302
    text = performance_appendix_html(options={**OPTIONS, "definition": definition.slug},
                                     with_charts=False)  # fmt: skip
    assert text.index("Quokka fires in Hartlepool") < text.index("Wombat ASB")
    assert "Shoplifting" not in text  # only what the definition names
    definition.refresh_from_db()
    move = reverse(
        "indicators:report-section-action", kwargs={"slug": definition.slug, "position": 2}
    )
    client.post(move, {"action": "up", "read_version": definition.version})
    text = performance_appendix_html(options={**OPTIONS, "definition": definition.slug},
                                     with_charts=False)  # fmt: skip
    assert text.index("Wombat ASB") < text.index("Quokka fires in Hartlepool")
    default = performance_appendix_html(options=OPTIONS, with_charts=False)
    assert "Recorded crime in Hartlepool" in default and "Wombat" not in default
    page = client.get(definition.get_absolute_url()).content.decode()
    assert page.index("Wombat ASB") < page.index("Quokka fires in {area}")


def test_an_unknown_definition_is_a_clear_error(seed):
    with pytest.raises(ReportError, match="no report definition 'nope'"):
        performance_appendix_html(options={**OPTIONS, "definition": "nope"}, with_charts=False)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"kind": "table", "indicators": []}, "Choose at least one indicator"),
        ({"kind": "scorecard", "indicators": ["TRC"]}, "choose no indicators"),
        ({"kind": "districts", "indicators": ["OPIATE_EFFECTIVE"]}, "no rate per 1,000"),
        ({"kind": "pie", "indicators": ["TRC"]}, "Select a valid choice"),
        ({"kind": "table", "indicators": ["TRC"], "title": "x" * 201}, "at most 200"),
        ({"kind": "table", "indicators": "not-a-number"}, "Choose indicators from the list"),
    ],
)
def test_a_bad_section_is_refused_and_nothing_changes(client, lead, form, message):
    definition = ReportDefinition.objects.get(slug="quarterly-performance")
    before = (definition.version, definition.sections.count())
    codes = form["indicators"]
    posted = {**form, "indicators": ids(*codes) if isinstance(codes, list) else codes}
    add = reverse("indicators:report-section-add", kwargs={"slug": definition.slug})
    response = client.post(add, {**posted, "read_version": definition.version})
    assert response.status_code == 200 and message in response.content.decode()
    definition.refresh_from_db()
    assert (definition.version, definition.sections.count()) == before


def test_a_stale_page_changes_nothing(client, lead):
    definition = ReportDefinition.objects.get(slug="quarterly-performance")
    stale = definition.version
    sections = definition.sections.count()
    edit = reverse(
        "indicators:report-section-edit", kwargs={"slug": definition.slug, "position": 2}
    )
    fresh = {"kind": "table", "title": "Fresh", "indicators": ids("TRC"), "read_version": stale}
    assert client.post(edit, fresh).status_code == 302
    response = client.post(edit, {**fresh, "title": "Stale"})
    assert "Someone changed Quarterly performance appendix" in response.content.decode()
    action = reverse(
        "indicators:report-section-action", kwargs={"slug": definition.slug, "position": 1}
    )
    client.post(action, {"action": "remove", "read_version": stale})
    client.post(action, {"action": "remove"})  # no version read at all
    section = ReportSection.objects.get(definition=definition, position=2)
    assert section.title == "Fresh" and definition.sections.count() == sections


def test_there_is_always_one_default(client, lead):
    definition = ReportDefinition.objects.get(slug="quarterly-performance")
    url = reverse("indicators:report-definition-edit", kwargs={"slug": definition.slug})
    response = client.post(url, {"name": definition.name, "read_version": definition.version})
    assert "Make another definition the default" in response.content.decode()
    client.post(
        reverse("indicators:report-definition-add"),
        {"name": "New default", "is_default": "on", "read_version": "0"},
    )
    assert list(ReportDefinition.objects.filter(is_default=True)) == [
        ReportDefinition.objects.get(name="New default")
    ]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.MEMBER, Role.DEMOCRATIC_SERVICES, None])
def test_only_the_lead_edits_report_definitions(client, role_user, catalogue, role):
    client.force_login(role_user(role, username=f"u-{role}"))
    definition = ReportDefinition.objects.get(slug="quarterly-performance")
    sections = definition.sections.count()
    pages = [
        reverse("indicators:report-definitions"),
        definition.get_absolute_url(),
        reverse("indicators:report-section-add", kwargs={"slug": definition.slug}),
    ]
    for url in pages:
        assert client.get(url).status_code == 403
    action = reverse(
        "indicators:report-section-action", kwargs={"slug": definition.slug, "position": 1}
    )
    assert (
        client.post(action, {"action": "remove", "read_version": definition.version}).status_code
        == 403
    )
    assert definition.sections.count() == sections
