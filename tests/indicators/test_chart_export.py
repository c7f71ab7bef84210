"""Chart export to SVG tries again only when kaleido's page was not ready, and at most twice."""

import pytest

from indicators import reports


class Figure:
    def __init__(self, errors):
        self.errors = list(errors)
        self.calls = 0

    def update_layout(self, **kwargs):
        pass

    def to_image(self, **kwargs):
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return b"<svg/>"


NOT_READY = RuntimeError("ReferenceError: kaleido_scopes is not defined")


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(reports.time, "sleep", lambda seconds: None)


def test_a_page_not_ready_is_tried_again():
    figure = Figure([NOT_READY])
    assert reports._svg_data_uri(figure).startswith("data:image/svg+xml;base64,")
    assert figure.calls == 2


def test_it_gives_up_after_three_tries_and_other_errors_are_not_retried():
    figure = Figure([NOT_READY] * 3)
    with pytest.raises(RuntimeError, match="kaleido_scopes"):
        reports._svg_data_uri(figure)
    assert figure.calls == reports.KALEIDO_ATTEMPTS
    other = Figure([ValueError("bad figure")])
    with pytest.raises(ValueError):
        reports._svg_data_uri(other)
    assert other.calls == 1
