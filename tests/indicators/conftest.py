import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The whole 2015/16 seed, loaded through the import services, with comparisons computed."""
    call_command("load_demo", "--no-users", verbosity=0)


@pytest.fixture
def catalogue_committed(transactional_db):
    """The reference data, committed (for tests that use other connections or processes)."""
    call_command(
        "loaddata",
        "partnership.json",
        "indicators/areas.json",
        "indicators/catalogue.json",
        "indicators/report_definitions.json",
        verbosity=0,
    )
