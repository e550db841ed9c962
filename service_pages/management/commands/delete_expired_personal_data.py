from django.core.management.base import BaseCommand

from service_pages.services import personal_data_delete_expired


class Command(BaseCommand):
    help = "Delete personal data past the retention periods of the privacy notice. Run daily."

    def handle(self, *args, **options):
        deleted = personal_data_delete_expired()
        self.stdout.write("Deleted " + ", ".join(f"{count} {what}" for what, count in deleted.items()) + ".")
