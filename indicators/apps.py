from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Performance indicators"

    def ready(self):
        from indicators import appendices, reminders, setup

        setup.register()  # the files a partnership is set up from
        appendices.register()  # the generated appendix it adds to agenda packs
        reminders.register()  # figures due and overdue, returns sent back
