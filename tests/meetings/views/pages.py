"""Helpers of the meetings page tests."""


def errors(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body, body[:3000]
    return body
