"""Django's password reset form, with its email sent through the outbox (retried, never lost)."""
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from .services import email_queue


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_queue(kind="password_reset", to_address=to_email, subject=subject, body=body, contains_link=True)
