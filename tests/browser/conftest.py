"""Playwright driving Debian's Chromium against pytest-django's live server.

Screenshots of failing tests land in test-artifacts/failures/; tests save the screenshots a
person should look at through the ``screenshot`` fixture, in test-artifacts/screens/.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("SHP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the tests through scripts/test.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(request, browser, live_server):
    """A fresh browser context and page; on failure its screenshot is kept."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    violations: list[str] = []
    page.csp_violations = violations  # a test that provokes one on purpose clears it
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text[:90]}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        target = ARTIFACTS / "failures" / f"{request.node.name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screens/NAME.png."""

    def take(name: str) -> Path:
        target = ARTIFACTS / "screens" / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)
        return target

    return take


@pytest.fixture
def sign_in(page):
    """Sign in through the real form as ``username``; returns the page on its landing URL."""

    def do(username: str, password: str):
        page.goto("/accounts/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        return page

    return do


AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def run_axe(page, label: str = "") -> None:
    """Run axe-core (from npm, vendored for the tests) on the page; fail on violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        if page.url.startswith("http"):
            # Served as a static file under the test settings only, from the page's own origin,
            # so the site's policy (scripts from 'self', none inline) lets it run.
            page.add_script_tag(url="/static/axe.min.js")
        else:  # a page the test wrote itself: no policy applies
            page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert not problems, f"axe on {label or page.url}:\n" + "\n".join(problems)


@pytest.fixture
def axe(page):
    """``axe(label)`` runs axe-core on the current page."""

    def check(label: str = ""):
        run_axe(page, label)

    return check
