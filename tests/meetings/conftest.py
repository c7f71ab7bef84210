import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded appendices go to a temporary folder, not the developer's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
