from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = "Strategies and action plans"

    def ready(self):
        from strategies import appendices, reminders, setup

        setup.register()  # the files a partnership is set up from
        appendices.register()  # the generated appendix it adds to agenda packs
        reminders.register()  # actions overdue, to their leads
