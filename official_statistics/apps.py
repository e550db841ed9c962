from django.apps import AppConfig


class OfficialStatisticsConfig(AppConfig):
    name = "official_statistics"
    verbose_name = "Official statistics (ONS local indicators)"
