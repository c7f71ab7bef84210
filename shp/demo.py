"""The demo accounts: one per role, each linked to a demo person of a partner organisation."""

from dataclasses import dataclass

from shp.roles import Role


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    name: str
    job_title: str
    organisation_slug: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "officer",
        "demo-officer-pass",
        Role.OFFICER,
        "Demo Police Analyst",
        "Performance Analyst",
        "cleveland-police",
    ),
    DemoUser(
        "lead",
        "demo-lead-pass",
        Role.PERFORMANCE_LEAD,
        "Demo Performance Lead",
        "Community Safety Research Officer",
        "hartlepool-borough-council",
    ),
    DemoUser(
        "member",
        "demo-member-pass",
        Role.MEMBER,
        "Demo Partnership Member",
        "Elected Member",
        "hartlepool-borough-council",
    ),
    DemoUser(
        "democratic",
        "demo-democratic-pass",
        Role.DEMOCRATIC_SERVICES,
        "Demo Democratic Services Officer",
        "Democratic Services Officer",
        "hartlepool-borough-council",
    ),
    DemoUser(
        "admin",
        "demo-admin-pass",
        Role.ADMINISTRATOR,
        "Demo Administrator",
        "System Administrator",
        "hartlepool-borough-council",
    ),
)
