"""Mail backends for the queue tests: one down (every send fails as a closed SMTP port does), one slow."""
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class MailServerDownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SlowFileBackend(FileBackend):
    """Writes each message to a file, as a mail server that takes a moment per message."""

    def send_messages(self, email_messages):
        time.sleep(0.25 * len(email_messages))
        return super().send_messages(email_messages)
