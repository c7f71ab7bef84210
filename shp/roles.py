"""The roles users hold in the partnership, each a Django group with its permissions."""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Performance officer"
    PERFORMANCE_LEAD = "performance_lead", "Performance lead"
    MEMBER = "member", "Partnership member"
    DEMOCRATIC_SERVICES = "democratic_services", "Democratic services"
    ADMINISTRATOR = "administrator", "Administrator"


# Every named set of roles, written once; per-object rules live in each app's permissions.py.
SIGNED_IN_ROLES = frozenset(Role)
# The performance lead's powers: approve, lock and unlock quarters, upload any figures, update
# any action plan; administrators may do all of it.
PERFORMANCE_LEAD_ROLES = frozenset({Role.PERFORMANCE_LEAD, Role.ADMINISTRATOR})
# Who enters figures (officers for their own organisation) or reads the entry pages.
STAFF_ROLES = frozenset({Role.OFFICER}) | PERFORMANCE_LEAD_ROLES
# Who runs meetings: agendas, reports, minutes, packs.
MEETING_EDITOR_ROLES = frozenset({Role.DEMOCRATIC_SERVICES, Role.ADMINISTRATOR})
JOB_RUNNER_ROLES = PERFORMANCE_LEAD_ROLES | MEETING_EDITOR_ROLES
# Who reads every paper, exempt ones and members' packs included, without a seat (DESIGN.md).
ALL_PAPERS_ROLES = PERFORMANCE_LEAD_ROLES | MEETING_EDITOR_ROLES
ADMINISTRATOR_ROLES = frozenset({Role.ADMINISTRATOR})
# Figures (DESIGN.md, "Who sees what"): these roles see every figure whatever its status, marked;
# members may ask for provisional figures too, marked; officers see their own organisation's.
ALL_FIGURES_ROLES = PERFORMANCE_LEAD_ROLES | MEETING_EDITOR_ROLES
PROVISIONAL_FIGURES_ROLES = ALL_FIGURES_ROLES | {Role.MEMBER}

# Model permissions granted to each role's group ("app_label.codename"). The administrator's
# group gets every permission of the project's own apps and of accounts.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.OFFICER: ("shp.view_organisation", "shp.view_person"),
    Role.PERFORMANCE_LEAD: ("shp.view_organisation", "shp.view_person", "shp.view_job"),
    Role.MEMBER: ("shp.view_organisation", "shp.view_person"),
    Role.DEMOCRATIC_SERVICES: (
        "shp.view_organisation",
        "shp.view_person",
        "shp.add_person",
        "shp.change_person",
        "shp.view_job",
    ),
    Role.ADMINISTRATOR: (),
}
ADMINISTRATOR_APPS = ("shp", "indicators", "meetings", "strategies", "auth", "axes")
