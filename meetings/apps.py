from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        from indicators.snapshots import source_register
        from meetings import signals  # noqa: F401 (a new committee's standing items)
        from meetings.packs.snapshots import members_packs_printed

        # Dashboards say which figures were revised since the members' packs printed them.
        source_register(members_packs_printed)
