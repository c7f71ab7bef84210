"""Uploading figures in the browser: check, preview, then save — or a clear error and nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Figure, FigureUpload
from shp.models import Job
from shp.roles import Role

pytestmark = pytest.mark.django_db

GOOD = (
    b"area,indicator,period,value\nHartlepool,SHOP,2015/16 Q1,300\nHartlepool,SHOP,2015/16 Q2,310\n"
)


def upload(client, content: bytes, name="figures.csv"):
    return client.post(reverse("indicators:upload"), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def lead(client, role_user, catalogue):
    user = role_user(Role.PERFORMANCE_LEAD)
    client.force_login(user)
    return user


def test_upload_previews_then_saves_on_confirmation(
    client, lead, django_capture_on_commit_callbacks
):
    response = upload(client, GOOD)
    record = FigureUpload.objects.get()
    assert response["Location"] == record.get_absolute_url()
    assert Figure.objects.count() == 0  # nothing saved before confirmation
    preview = client.get(record.get_absolute_url()).content.decode()
    assert "Check the figures before you save them" in preview
    assert "2 rows: 2 new, 0 changed, 0 unchanged" in preview
    assert "Shoplifting" in preview and "2015/16 Q2" in preview
    with django_capture_on_commit_callbacks() as callbacks:
        saved = client.post(record.get_absolute_url(), follow=True).content.decode()
    assert "Saved 2 new and 0 changed figures, awaiting approval." in saved
    assert "Approve these figures" in saved
    assert Figure.objects.filter(status=Figure.Status.SUBMITTED).count() == 2
    assert not Figure.objects.approved().exists()  # nothing reaches members unapproved
    record.refresh_from_db()
    assert record.status == FigureUpload.Status.APPLIED and record.recompute_job is not None
    assert len(callbacks) == 1  # the recompute is queued once the figures are committed
    assert Job.objects.get().kind == "comparisons-recompute"


def test_saving_twice_is_refused_and_changes_nothing(client, lead):
    upload(client, GOOD)
    record = FigureUpload.objects.get()
    client.post(record.get_absolute_url())
    history = Figure.history.count()
    again = client.post(record.get_absolute_url(), follow=True).content.decode()
    assert "already been applied" in again
    assert Figure.history.count() == history


def test_a_bad_file_lists_its_problems_and_saves_nothing(client, lead):
    bad = (
        b"area,indicator,period,value\nHartlepool,SHOP,2015/16 Q1,3x0\nNowhere,SHOP,2015/16 Q1,1\n"
    )
    body = upload(client, bad).content.decode()
    assert "govuk-error-summary" in body
    assert "row 2, column value: &quot;3x0&quot; is not a number" in body
    assert "row 3, column area: &quot;Nowhere&quot; is not a known area" in body
    assert FigureUpload.objects.count() == 0 and Figure.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("figures.txt", GOOD, "must be a CSV or XLSX file"),
        ("figures.csv", b"", "The selected file is empty"),
        ("figures.xlsx", b"not really excel", "not an Excel workbook"),
    ],
)
def test_wrong_files_are_refused(client, lead, name, content, message):
    body = upload(client, content, name).content.decode()
    assert message in body
    assert FigureUpload.objects.count() == 0


def test_no_file_at_all(client, lead):
    body = client.post(reverse("indicators:upload"), {}).content.decode()
    assert "Select a CSV or XLSX file" in body


def test_an_oversized_file_is_refused(client, lead, settings):
    settings.FIGURES_IMPORT_MAX_BYTES = 100
    body = upload(client, GOOD * 10).content.decode()
    assert "must be smaller than" in body
    assert FigureUpload.objects.count() == 0


def test_a_hostile_file_name_is_shown_as_text(client, lead):
    upload(client, GOOD, name='<img src=x onerror="alert(1)">.csv')
    body = client.get(FigureUpload.objects.get().get_absolute_url()).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.csv" in body


def test_a_figure_locked_after_upload_stops_the_save(client, lead):
    upload(client, GOOD)
    record = FigureUpload.objects.get()
    client.post(record.get_absolute_url())
    upload(client, GOOD.replace(b"300", b"301"))
    second = FigureUpload.objects.exclude(pk=record.pk).get()
    Figure.objects.update(status=Figure.Status.LOCKED)  # locked after the preview was made
    page = client.get(second.get_absolute_url()).content.decode()
    assert "This file can no longer be applied" in page and "is locked" in page
    assert "Save these figures" not in page
    response = client.post(second.get_absolute_url(), follow=True).content.decode()
    assert "is locked" in response
    assert Figure.objects.get(period__code="2015/16 Q1").value == 300


def test_someone_elses_upload_is_not_found(client, lead, role_user):
    upload(client, GOOD)
    record = FigureUpload.objects.get()
    client.force_login(role_user(Role.PERFORMANCE_LEAD, username="other-lead"))
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.post(record.get_absolute_url()).status_code == 404
    assert Figure.objects.count() == 0


def test_an_officer_cannot_upload_even_by_forging_the_post(client, role_user, catalogue):
    client.force_login(role_user(Role.OFFICER))
    assert upload(client, GOOD).status_code == 403
    assert FigureUpload.objects.count() == 0 and Figure.objects.count() == 0
