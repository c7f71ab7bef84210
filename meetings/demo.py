"""The seed's meetings: 11 March 2016 (minutes 52–65) and 17 June 2016, and the next one."""

from django.db.models import Max, Min

from meetings.models import Meeting, Minute

FIXTURES = ("meetings/committee.json", "meetings/meetings_2016.json")


def demo_load() -> list[str]:
    """Nothing to compute: the fixtures hold the meetings; report what is there."""
    numbers = Minute.objects.aggregate(first=Min("number"), last=Max("number"))
    return [f"Meetings: {Meeting.objects.count()}; minutes {numbers['first']}–{numbers['last']}"]
