from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from meetings import reminders, signals  # noqa: F401 (signals: a new committee's items)

        reminders.register()  # agenda publication deadlines, to democratic services
