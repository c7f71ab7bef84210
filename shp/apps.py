from django.apps import AppConfig


class ShpConfig(AppConfig):
    name = "shp"
    verbose_name = "Partnership"
