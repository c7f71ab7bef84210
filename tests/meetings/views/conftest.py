"""What the meetings page tests share: a signed-in editor."""

import pytest

from shp.roles import Role


@pytest.fixture
def editor(client, role_user):
    client.force_login(role_user(Role.DEMOCRATIC_SERVICES))
    return client
