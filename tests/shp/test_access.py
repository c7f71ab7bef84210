"""Walk every URL pattern as every role and check who gets 200, 302-to-sign-in or 403."""

import uuid
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from indicators import periods
from indicators.models import (
    Area,
    CatalogueUpload,
    Figure,
    FigureUpload,
    Indicator,
    Period,
    ReportDefinition,
    ReportSection,
)
from shp.models import Job
from shp.permissions import PUBLIC, SIGNED_IN, view_access
from shp.roles import (
    ADMINISTRATOR_ROLES,
    JOB_RUNNER_ROLES,
    MEETING_EDITOR_ROLES,
    PERFORMANCE_LEAD_ROLES,
    SIGNED_IN_ROLES,
    STAFF_ROLES,
    Role,
)
from tests.factories import OrganisationFactory
from tests.meetings.factories import walk_world

# Who may open each named URL. A new URL must be added here, or test_every_url_is_listed fails.
EXPECTED_ACCESS = {
    "home": PUBLIC,
    "api-docs": PUBLIC,
    "api-tokens": SIGNED_IN_ROLES,
    "api-token-revoke": SIGNED_IN_ROLES,
    "accessibility": PUBLIC,
    "privacy": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "password_change": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "shp:organisation-list": PUBLIC,
    "shp:organisation-detail": PUBLIC,
    "shp:partnership": ADMINISTRATOR_ROLES,
    "shp:partnership-setup": ADMINISTRATOR_ROLES,
    "shp:job-list": JOB_RUNNER_ROLES,
    "shp:reminder-list": JOB_RUNNER_ROLES,
    "shp:job-detail": JOB_RUNNER_ROLES,
    "shp:job-status": JOB_RUNNER_ROLES,
    "indicators:dashboard": SIGNED_IN_ROLES,
    "indicators:indicator-detail": SIGNED_IN_ROLES,
    "indicators:target-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:commentary-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:narrative-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:indicator-list": SIGNED_IN_ROLES,
    "indicators:indicator-add": PERFORMANCE_LEAD_ROLES,
    "indicators:indicator-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:indicator-retire": PERFORMANCE_LEAD_ROLES,
    "indicators:series-break-add": PERFORMANCE_LEAD_ROLES,
    "indicators:report-definitions": PERFORMANCE_LEAD_ROLES,
    "indicators:catalogue-export": SIGNED_IN_ROLES,
    "indicators:catalogue-import": PERFORMANCE_LEAD_ROLES,
    "indicators:catalogue-national": PERFORMANCE_LEAD_ROLES,
    "indicators:catalogue-upload": PERFORMANCE_LEAD_ROLES,
    "indicators:report-definition-add": PERFORMANCE_LEAD_ROLES,
    "indicators:report-definition": PERFORMANCE_LEAD_ROLES,
    "indicators:report-definition-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:report-section-add": PERFORMANCE_LEAD_ROLES,
    "indicators:report-section-edit": PERFORMANCE_LEAD_ROLES,
    "indicators:report-section-action": PERFORMANCE_LEAD_ROLES,
    "indicators:upload": PERFORMANCE_LEAD_ROLES,
    "indicators:upload-detail": PERFORMANCE_LEAD_ROLES | STAFF_ROLES,
    "indicators:upload-approve": PERFORMANCE_LEAD_ROLES,
    "indicators:quarter-list": STAFF_ROLES,
    "indicators:quarter-completeness": STAFF_ROLES,
    "indicators:quarter-entry": STAFF_ROLES,
    "indicators:quarter-sign-off": PERFORMANCE_LEAD_ROLES,
    "indicators:quarter-upload": STAFF_ROLES,
    "indicators:quarter-template": STAFF_ROLES,
    "indicators:figure-history": SIGNED_IN_ROLES,
    "indicators:figure-clear": STAFF_ROLES,
    "indicators:public-performance": PUBLIC,
    "indicators:open-data": PUBLIC,
    "indicators:open-data-dictionary": PUBLIC,
    "indicators:performance-report": SIGNED_IN_ROLES,
    "meetings:meeting-list": PUBLIC,
    "meetings:meeting-create": MEETING_EDITOR_ROLES,
    "meetings:calendar": PUBLIC,
    "meetings:papers-feed": PUBLIC,
    "meetings:action-list": SIGNED_IN_ROLES,
    "meetings:paper-access": MEETING_EDITOR_ROLES,
    "meetings:action-edit": MEETING_EDITOR_ROLES,
    "meetings:committee-detail": PUBLIC,
    "meetings:seat-add": MEETING_EDITOR_ROLES,
    "meetings:seat-appoint": MEETING_EDITOR_ROLES,
    "meetings:membership-end": MEETING_EDITOR_ROLES,
    "meetings:meeting-detail": PUBLIC,
    "meetings:meeting-edit": MEETING_EDITOR_ROLES,
    "meetings:meeting-status": MEETING_EDITOR_ROLES,
    "meetings:agenda": MEETING_EDITOR_ROLES,
    "meetings:item-add": MEETING_EDITOR_ROLES,
    "meetings:agenda-publish": MEETING_EDITOR_ROLES,
    "meetings:attendance": MEETING_EDITOR_ROLES,
    "meetings:declaration-add": MEETING_EDITOR_ROLES,
    "meetings:minutes": PUBLIC,
    "meetings:minutes-edit": MEETING_EDITOR_ROLES,
    "meetings:minutes-confirm": MEETING_EDITOR_ROLES,
    "meetings:report-detail": PUBLIC,
    "meetings:item-edit": MEETING_EDITOR_ROLES,
    "meetings:item-move": MEETING_EDITOR_ROLES,
    "meetings:item-remove": MEETING_EDITOR_ROLES,
    "meetings:report-edit": MEETING_EDITOR_ROLES,
    "meetings:appendix-add": MEETING_EDITOR_ROLES,
    "meetings:appendix": PUBLIC,
    "meetings:minute-edit": MEETING_EDITOR_ROLES,
    "meetings:pack-list": PUBLIC,
    "meetings:pack-render": MEETING_EDITOR_ROLES,
    "meetings:pack-download": PUBLIC,
    "meetings:standing-items": MEETING_EDITOR_ROLES,
    "meetings:standing-item-edit": MEETING_EDITOR_ROLES,
    "meetings:standing-item-action": MEETING_EDITOR_ROLES,
    "meetings:report-sections": MEETING_EDITOR_ROLES,
    "meetings:report-section-edit": MEETING_EDITOR_ROLES,
    "meetings:report-section-action": MEETING_EDITOR_ROLES,
    "meetings:decision-register": PUBLIC,
    "meetings:minutes-pdf": PUBLIC,
    "meetings:pack-html": PUBLIC,
    "meetings:decision-notice": PUBLIC,
    "meetings:record-publish": MEETING_EDITOR_ROLES,
    "meetings:search": PUBLIC,
    "meetings:forward-plan": PUBLIC,
    "meetings:forward-plan-add": MEETING_EDITOR_ROLES,
    "meetings:forward-plan-edit": MEETING_EDITOR_ROLES,
    "meetings:forward-plan-remove": MEETING_EDITOR_ROLES,
    "meetings:agenda-from-plan": MEETING_EDITOR_ROLES,
    "meetings:my-reports": SIGNED_IN_ROLES,
    "meetings:report-draft": SIGNED_IN_ROLES,
    "meetings:report-clearance": MEETING_EDITOR_ROLES,
    "meetings:report-comment": SIGNED_IN_ROLES,
    "meetings:report-commission": MEETING_EDITOR_ROLES,
    "meetings:report-delete": MEETING_EDITOR_ROLES,
    "meetings:appendix-remove": MEETING_EDITOR_ROLES,
    "meetings:appendix-replace": MEETING_EDITOR_ROLES,
    "strategies:plan-list": PUBLIC,
    "strategies:plan-detail": PUBLIC,
    "strategies:plan-report": SIGNED_IN_ROLES,
    "strategies:action-detail": PUBLIC,
    "strategies:plan-add": PERFORMANCE_LEAD_ROLES,
    "strategies:plan-edit": PERFORMANCE_LEAD_ROLES,
    "strategies:objective-add": PERFORMANCE_LEAD_ROLES,
    "strategies:objective-edit": PERFORMANCE_LEAD_ROLES,
    "strategies:priority-add": PERFORMANCE_LEAD_ROLES,
    "strategies:priority-edit": PERFORMANCE_LEAD_ROLES,
    "strategies:priority-remove": PERFORMANCE_LEAD_ROLES,
    "strategies:action-add": frozenset({Role.PERFORMANCE_LEAD, Role.ADMINISTRATOR}),
    "strategies:action-edit": frozenset({Role.PERFORMANCE_LEAD, Role.ADMINISTRATOR}),
    "strategies:update-add": STAFF_ROLES,
    "strategies:action-status": STAFF_ROLES,
    "strategies:evidence": SIGNED_IN_ROLES,
}
# GET answers that differ from plain 200 for an allowed user.
ALLOWED_GET_STATUS = {
    "logout": 405,
    "shp:partnership-setup": 302,  # a POST-only form; GET goes back to the page
    "indicators:performance-report": 404,  # no area or period given
    "indicators:quarter-sign-off": 405,
    "indicators:figure-clear": 405,
    "indicators:upload-approve": 405,
    "indicators:report-section-action": 405,
    "indicators:catalogue-national": 405,
    "meetings:meeting-status": 405,  # POST-only buttons
    "meetings:minutes-confirm": 405,
    "meetings:item-move": 405,
    "meetings:item-remove": 405,
    "meetings:pack-render": 405,
    "strategies:priority-remove": 405,
    "meetings:standing-item-action": 405,
    "meetings:report-section-action": 405,
    "meetings:forward-plan-remove": 405,
    "meetings:record-publish": 405,
    "meetings:agenda-from-plan": 405,
    "meetings:report-comment": 405,
    "meetings:report-delete": 405,
    "meetings:appendix-remove": 405,
    "api-token-revoke": 405,
}
# Pages for the officers named on a report (and democratic services): other roles get 404.
AUTHORS_ONLY = {"meetings:report-draft"}
SIGNED_IN_GET_STATUS = {"login": 302}  # a signed-in user is sent on from the sign-in page

ACTORS = [None, "no-role", *Role]  # None: anonymous


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files the walk creates (a pack) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def named_patterns(resolver=None, namespace=""):
    """Every named URL pattern outside the Django admin, as (full name, pattern)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name in ("admin", "ninja"):  # the read API: tests/api
                continue
            prefix = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_url_is_listed_and_declares_its_access():
    found = dict(named_patterns())
    assert set(found) == set(EXPECTED_ACCESS), "add new URLs to EXPECTED_ACCESS"
    for name, pattern in found.items():
        assert view_access(pattern.callback) == EXPECTED_ACCESS[name], name


def url_for(name: str, user) -> str:
    kwargs = {}
    if name == "shp:organisation-detail":
        kwargs["slug"] = OrganisationFactory(name="Walked Organisation").slug
    elif name in {"shp:job-detail", "shp:job-status"}:
        owner = user if user is not None and user.is_authenticated else None
        kwargs["pk"] = Job.objects.create(kind="walk", title="Walk", created_by=owner).pk
    elif name in {
        "indicators:indicator-detail",
        "indicators:target-edit",
        "indicators:commentary-edit",
        "indicators:indicator-edit",
        "indicators:indicator-retire",
        "indicators:series-break-add",
    }:
        kwargs["code"] = Indicator.objects.get_or_create(
            code="WALK", defaults={"name": "Walked indicator", "theme": "asb"}
        )[0].code
        if name in {"indicators:target-edit", "indicators:commentary-edit"}:
            kwargs["area"] = Area.objects.get_or_create(
                code="W1", defaults={"name": "Walked area", "kind": "district"}
            )[0].code
    elif name in {
        "indicators:report-definition",
        "indicators:report-definition-edit",
        "indicators:report-section-add",
        "indicators:report-section-edit",
        "indicators:report-section-action",
    }:
        definition = ReportDefinition.objects.get_or_create(
            slug="walk", defaults={"name": "Walked definition"}
        )[0]
        kwargs["slug"] = definition.slug
        if name in {"indicators:report-section-edit", "indicators:report-section-action"}:
            kwargs["position"] = ReportSection.objects.get_or_create(
                definition=definition, position=1, defaults={"kind": "scorecard"}
            )[0].position
    elif name == "indicators:narrative-edit":
        kwargs["area"] = Area.objects.get_or_create(
            code="W1", defaults={"name": "Walked area", "kind": "district"}
        )[0].code
    elif name == "indicators:catalogue-export":
        kwargs["fmt"] = "xlsx"
    elif name == "indicators:catalogue-upload":
        owner = user if user is not None and user.is_authenticated else role_owner()
        kwargs["pk"] = CatalogueUpload.objects.create(
            filename="c.csv", content=b"code,name,theme\n", sha256="0", size=16, uploaded_by=owner
        ).pk
    elif name in {"indicators:upload-detail", "indicators:upload-approve"}:
        owner = user if user is not None and user.is_authenticated else role_owner()
        kwargs["pk"] = FigureUpload.objects.create(
            filename="f.csv",
            content=b"area,indicator,period,value\n",
            sha256="0",
            size=28,
            uploaded_by=owner,
        ).pk
    elif name.startswith("indicators:quarter-") and name != "indicators:quarter-list":
        kwargs["quarter"] = "2016/17 Q1"
        if name != "indicators:quarter-completeness":
            person = getattr(user, "person", None) if user is not None else None
            organisation = person.organisation if person else None
            kwargs["organisation"] = (
                organisation or OrganisationFactory(name="Walked Organisation")
            ).slug
        if name == "indicators:quarter-template":
            kwargs["fmt"] = "csv"
    elif name in {"indicators:figure-history", "indicators:figure-clear"}:
        kwargs["pk"] = walked_figure().pk
    elif name.startswith("meetings:"):
        kwargs = meetings_kwargs(name)
    elif name.startswith("strategies:"):
        kwargs = strategies_kwargs(name, user)
    elif name == "api-token-revoke":
        kwargs["pk"] = 1  # a POST-only button; nobody's token is touched by a GET
    elif name == "password_reset_confirm":
        kwargs = {"uidb64": "MQ", "token": "set-password"}
    if name == "indicators:narrative-edit":
        period = Period.objects.ensure([periods.parse("2016/17")])["2016/17"]
        return reverse(name, kwargs=kwargs) + f"?period={period.code}"
    return reverse(name, kwargs=kwargs)


def walked_figure():
    indicator = Indicator.objects.get_or_create(
        code="WALK", defaults={"name": "Walked indicator", "theme": "asb"}
    )[0]
    area = Area.objects.get_or_create(
        code="W1", defaults={"name": "Walked area", "kind": "district"}
    )[0]
    period = Period.objects.ensure([periods.parse("2016/17 Q1")])["2016/17 Q1"]
    # Approved: every signed-in role may open its history (drafts: test_figure_scope.py).
    return Figure.objects.get_or_create(
        indicator=indicator,
        area=area,
        period=period,
        defaults={
            "value": 7,
            "status": "approved",
            "approved_value": 7,
            "approved_at": timezone.now(),
        },
    )[0]


MEETING_KWARGS = {
    "meetings:action-edit": ("action", "pk"),
    "meetings:committee-detail": ("committee", "slug"),
    "meetings:seat-add": ("committee", "slug"),
    "meetings:standing-items": ("committee", "slug"),
    "meetings:report-sections": ("committee", "slug"),
    "meetings:seat-appoint": ("seat", "pk"),
    "meetings:membership-end": ("membership", "pk"),
    "meetings:report-detail": ("item", "pk"),
    "meetings:item-edit": ("item", "pk"),
    "meetings:item-move": ("item", "pk"),
    "meetings:item-remove": ("item", "pk"),
    "meetings:report-edit": ("item", "pk"),
    "meetings:appendix-add": ("item", "pk"),
    "meetings:appendix": ("appendix", "pk"),
    "meetings:minute-edit": ("minute", "pk"),
    "meetings:pack-download": ("pack", "pk"),
    "meetings:forward-plan": ("committee", "slug"),
    "meetings:forward-plan-add": ("committee", "slug"),
    "meetings:report-draft": ("item", "pk"),
    "meetings:report-clearance": ("item", "pk"),
    "meetings:report-comment": ("item", "pk"),
    "meetings:report-commission": ("item", "pk"),
    "meetings:report-delete": ("item", "pk"),
    "meetings:appendix-remove": ("appendix", "pk"),
    "meetings:appendix-replace": ("appendix", "pk"),
}
MEETINGS_WITHOUT_KWARGS = {
    "meetings:meeting-list",
    "meetings:meeting-create",
    "meetings:calendar",
    "meetings:papers-feed",
    "meetings:action-list",
    "meetings:paper-access",
    "meetings:decision-register",
    "meetings:search",
    "meetings:my-reports",
}


def meetings_kwargs(name: str) -> dict:
    """Objects for the meetings URLs: a published meeting whose minutes are confirmed."""
    if name in MEETINGS_WITHOUT_KWARGS:
        return {}
    world = walk_world()
    if name in {"meetings:standing-item-edit", "meetings:standing-item-action"}:
        committee = world["meeting"].committee
        return {"slug": committee.slug, "pk": committee.standing_items.first().pk}
    if name in {"meetings:report-section-edit", "meetings:report-section-action"}:
        committee = world["meeting"].committee
        return {"slug": committee.slug, "pk": committee.report_sections.first().pk}
    if name in {"meetings:forward-plan-edit", "meetings:forward-plan-remove"}:
        return {"slug": world["committee"].slug, "pk": world["plan_item"].pk}
    if name == "meetings:pack-html":
        walked_pack(world["meeting"])
        return {"pk": world["meeting"].pk, "variant": "public"}
    if name == "meetings:pack-download":
        world["pack"] = walked_pack(world["meeting"])
    key, kwarg = MEETING_KWARGS.get(name, ("meeting", "pk"))
    value = world[key]
    return {kwarg: value.slug if kwarg == "slug" else value.pk}


def walked_pack(meeting):
    from django.core.files.base import ContentFile

    from meetings.models import PackVersion

    existing = PackVersion.objects.filter(meeting=meeting, fingerprint="walk").first()
    if existing is not None:
        return existing
    pack = PackVersion(
        meeting=meeting, variant="public", fingerprint="walk", size=4, pages=1, html="<p>Walk</p>"
    )
    pack.file.save("walk.pdf", ContentFile(b"%PDF"), save=False)
    pack.save()
    return pack


def strategies_kwargs(name: str, user) -> dict:
    """An approved plan with one action, led by the walking user's organisation, and an update
    with evidence."""
    from tests.strategies.factories import walk_plan

    world = walk_plan(user)
    if name in {"strategies:plan-list", "strategies:plan-add"}:
        return {}
    if name in {"strategies:plan-detail", "strategies:action-add", "strategies:plan-edit"}:
        return {"slug": world["plan"].slug}
    if name in {"strategies:objective-add"}:
        return {"slug": world["plan"].slug}
    objective = world["action"].objective
    if name in {"strategies:objective-edit", "strategies:priority-add"}:
        return {"slug": world["plan"].slug, "number": objective.number}
    if name in {"strategies:priority-edit", "strategies:priority-remove"}:
        from strategies.models import Priority

        priority = Priority.objects.get_or_create(objective=objective, year=2016, title="Walk")[0]
        return {"slug": world["plan"].slug, "number": objective.number, "pk": priority.pk}
    if name == "strategies:plan-report":
        return {"slug": world["plan"].slug, "fmt": "xlsx"}
    if name == "strategies:evidence":
        return {"pk": world["update"].pk}
    return {"pk": world["action"].pk}


def role_owner():
    from tests.factories import UserFactory

    return UserFactory(username="upload-owner")


def expected_status(name: str, actor) -> int:
    access = EXPECTED_ACCESS[name]
    if actor is None:
        return ALLOWED_GET_STATUS.get(name, 200) if access == PUBLIC else 302
    if name in SIGNED_IN_GET_STATUS:
        return SIGNED_IN_GET_STATUS[name]
    allowed = access in (PUBLIC, SIGNED_IN) or (actor != "no-role" and actor in access)
    if allowed and name in AUTHORS_ONLY and actor not in MEETING_EDITOR_ROLES:
        return 404
    return ALLOWED_GET_STATUS.get(name, 200) if allowed else 403


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: "anonymous" if a is None else str(a))
def test_each_role_gets_what_it_may(client, role_user, actor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the meetings walk uploads an appendix
    user = None
    if actor is not None:
        user = role_user(None if actor == "no-role" else actor)
        client.force_login(user)
    for name in EXPECTED_ACCESS:
        url = url_for(name, user)
        response = client.get(url)
        want = expected_status(name, actor)
        assert response.status_code == want, f"{name} as {actor}: {response.status_code}"
        if want == 302 and actor is None:
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.django_db
def test_someone_elses_job_is_not_found(client, role_user):
    lead = role_user(Role.PERFORMANCE_LEAD)
    other = role_user(Role.DEMOCRATIC_SERVICES)
    job = Job.objects.create(kind="walk", title="Theirs", created_by=other)
    client.force_login(lead)
    assert client.get(reverse("shp:job-detail", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("shp:job-status", kwargs={"pk": job.pk})).status_code == 404


@pytest.mark.django_db
def test_an_administrator_may_watch_every_job(client, role_user):
    admin = role_user(Role.ADMINISTRATOR)
    job = Job.objects.create(kind="walk", title="Theirs", created_by=role_user(Role.OFFICER))
    client.force_login(admin)
    assert client.get(reverse("shp:job-status", kwargs={"pk": job.pk})).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [None, "no-role", *Role], ids=str)
def test_only_administrators_reach_the_django_admin(client, role_user, actor):
    if actor is not None:
        client.force_login(role_user(None if actor == "no-role" else actor))
    response = client.get("/admin/")
    if actor == Role.ADMINISTRATOR:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_unknown_url_gets_the_styled_404(client):
    response = client.get(f"/no-such-page-{uuid.uuid4()}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="govuk-' in response.content.decode()


@pytest.mark.django_db
def test_unknown_job_and_malformed_ids_are_404(client, role_user):
    client.force_login(role_user(Role.ADMINISTRATOR))
    assert client.get(f"/jobs/{uuid.uuid4()}/").status_code == 404
    assert client.get("/jobs/not-a-uuid/").status_code == 404
    assert client.get("/partners/<script>/").status_code == 404


DRAFT_VALUE = "48213"


@pytest.mark.django_db
@pytest.mark.parametrize("actor", [None, "other-officer", Role.MEMBER, "no-role"], ids=str)
def test_no_page_shows_another_organisations_draft(client, role_user, actor, settings, tmp_path):
    """A draft figure of an organisation, with its comparisons computed, is planted; every URL
    (and the dashboard, its export and the indicator page for its area and period, with and
    without asking for provisional figures) is walked without it appearing."""
    from indicators.services.comparisons import comparisons_recompute
    from tests.factories import OrganisationFactory

    settings.MEDIA_ROOT = tmp_path
    source = OrganisationFactory(name="Draft Source")
    indicator = Indicator.objects.create(
        code="SECRETDRAFT", name="Planted indicator", theme="asb", source=source
    )
    area = Area.objects.get_or_create(
        code="W1", defaults={"name": "Walked area", "kind": "district"}
    )[0]
    period = Period.objects.ensure([periods.parse("2016/17 Q1")])["2016/17 Q1"]
    draft = Figure.objects.create(indicator=indicator, area=area, period=period, value=48213)
    comparisons_recompute()
    user = None
    if actor is not None:
        role = {"other-officer": Role.OFFICER, "no-role": None}.get(actor, actor)
        user = role_user(role)
        client.force_login(user)
    wanted = {"area": "W1", "period": "2016/17 Q1"}
    urls = [url_for(name, user) for name in EXPECTED_ACCESS]
    urls += [
        reverse("indicators:dashboard") + "?" + urlencode(wanted),
        reverse("indicators:dashboard") + "?" + urlencode({**wanted, "_export": "csv"}),
        reverse("indicators:indicator-detail", kwargs={"code": indicator.code}) + "?area=W1",
    ]
    asks = [""] if actor == Role.MEMBER else ["", "figures=provisional"]
    for url in urls:
        for ask in asks:
            full = f"{url}{'&' if '?' in url else '?'}{ask}" if ask else url
            response = client.get(full)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert DRAFT_VALUE.encode() not in body and b"48,213" not in body, (actor, full)
    history = reverse("indicators:figure-history", kwargs={"pk": draft.pk})
    refused = {None: 302, "no-role": 403}.get(actor, 404)
    assert client.get(history).status_code == refused
    # The control: the performance lead, asking for provisional figures, does see it (marked).
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="control-lead"))
    seen = client.get(
        reverse("indicators:dashboard") + "?" + urlencode({**wanted, "figures": "provisional"})
    ).content.decode()
    assert "48,213" in seen and "Provisional" in seen
