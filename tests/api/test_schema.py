"""schemathesis against the read API's own OpenAPI schema: generated requests to every
operation, each answer checked (no server error; status, content type and body as the schema
says). Runs in-process through the WSGI application, on the test database."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """A WSGI request would close the database connection at its end (as in production),
    which would end the test's transaction; Django's test client holds it open the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=300,
    derandomize=True,  # the same requests every run: a failure is reproducible
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case, catalogue, keep_the_test_connection):
    case.call_and_validate()
