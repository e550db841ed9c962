"""An analyst reads the API documentation and tries a call with their token, in the browser.

The ``page`` fixture fails on any CSP refusal or script error, so this also proves that
Swagger UI runs under the site's strict Content-Security-Policy, from local files only.
"""
from playwright.sync_api import expect

from api.services import token_create


def test_docs_page_runs_under_the_csp_and_a_token_can_try_a_call(page, live_server, people, open_round):
    secret = token_create(user=people["reviewer"], name="Docs", lifetime_days=30).secret
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/docs/")
    expect(page.get_by_role("heading", name="Levelling-up readiness API")).to_be_visible()
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".modal-ux input").first.fill(secret)
    page.locator(".modal-ux button.modal-btn.authorize").click()
    page.locator(".modal-ux button.btn-done").click()
    operation = page.locator("#operations-rounds-rounds_list")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table tbody .response-col_status").first).to_contain_text("200")
    expect(operation.locator(".live-responses-table")).to_contain_text(open_round.name)
    assert all(url.startswith(live_server.url) for url in requests), "the docs page called another origin"


def test_docs_page_passes_axe_and_reflows_while_trying_a_call(page, live_server, people, open_round):
    """Swagger UI with the service's contrast, reflow and naming fixes (static/css/api-docs.css,
    static/js/api-docs-a11y.mjs): clean in every state an analyst reaches, not only on load."""
    from tests.browser.test_crawl import _problems

    secret = token_create(user=people["reviewer"], name="Docs", lifetime_days=30).secret
    page.goto("/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    assert _problems(page) == []
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".modal-ux input").first.fill(secret)
    page.locator(".modal-ux button.modal-btn.authorize").click()
    assert _problems(page) == []  # the dialog, its close button named
    page.get_by_role("button", name="Close this dialog").click()
    operation = page.locator("#operations-rounds-rounds_list")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table")).to_contain_text(open_round.name)
    assert _problems(page) == []  # parameters, the response and its code panels, at 320 px too
