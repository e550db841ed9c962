"""Collects what a person would not see but that breaks the page: script errors, CSP refusals,
static files that fail to load."""
from playwright.sync_api import ConsoleMessage, Page, Response


class BrowserProblems:
    def __init__(self, page: Page):
        self.problems: list[str] = []
        page.on("pageerror", lambda error: self.problems.append(f"JavaScript error on {page.url}: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # "Failed to load resource" also reports the 403/400 status of the page itself,
        # which some tests expect; static files are checked by status in _response.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.problems.append(f"Console error on {message.page.url if message.page else '?'}: {message.text}")

    def _response(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def assert_none(self) -> None:
        assert not self.problems, "The browser reported problems:\n" + "\n".join(self.problems)
