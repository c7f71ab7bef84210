"""Services of the meetings app: reports and their appendices."""

import pytest
from pypdf import PdfWriter

from meetings import services
from shp.errors import ApplicationError
from tests.meetings.factories import (
    committee_with_members,
    published_meeting,
)

pytestmark = pytest.mark.django_db


def pdf_bytes(pages: int = 1) -> bytes:
    import io

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_checks(settings):
    committee, _ = committee_with_members()
    _, item = published_meeting(committee)
    report = item.report
    with pytest.raises(ApplicationError, match="not a PDF"):
        services.appendix_upload(
            report=report,
            label="Appendix A",
            title="T",
            filename="evil.pdf",
            content=b"MZ\x90\x00 not a pdf",
        )
    with pytest.raises(ApplicationError, match="damaged"):
        services.appendix_upload(
            report=report,
            label="Appendix A",
            title="T",
            filename="x.pdf",
            content=b"%PDF-1.4\n garbage",
        )
    settings.MEETINGS_APPENDIX_MAX_BYTES = 100
    with pytest.raises(ApplicationError, match="smaller than"):
        services.appendix_upload(
            report=report, label="Appendix A", title="T", filename="x.pdf", content=pdf_bytes()
        )
    settings.MEETINGS_APPENDIX_MAX_BYTES = 10_000_000
    appendix = services.appendix_upload(
        report=report,
        label="Appendix A",
        title="Strategy",
        filename="../../etc/strategy.pdf",
        content=pdf_bytes(2),
    )
    assert (
        appendix.pages == 2
        and appendix.file.name.endswith(".pdf")
        and ".." not in appendix.file.name
    )
    with pytest.raises(ApplicationError, match="already has"):
        services.appendix_generated_add(
            report=report, label="appendix a", title="", generator="performance"
        )
    with pytest.raises(ApplicationError, match="needs an area and a period"):
        services.appendix_generated_add(
            report=report, label="Appendix B", title="", generator="performance"
        )
    from indicators import periods
    from indicators.models import Area, Period

    Area.objects.create(code="E06000001", name="Hartlepool", kind="district")
    Period.objects.ensure([periods.parse("2015/16"), periods.parse("2014/15")])
    generated = services.appendix_generated_add(
        report=report,
        label="Appendix B",
        title="",
        generator="performance",
        options={"area": "E06000001", "period": "2015/16", "baseline": ""},
    )
    assert generated.kind == "generated"
    assert report.appendices.count() == 2
