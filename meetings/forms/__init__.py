"""Forms of the meetings app, one module per journey: committees, agenda and minutes."""

from meetings.forms.agenda import (  # noqa: F401
    AgendaItemForm,
    AppendixUploadForm,
    MeetingForm,
    ReportForm,
)
from meetings.forms.committees import (  # noqa: F401
    CommitteeReportSectionForm,
    MembershipEndForm,
    MembershipForm,
    SeatForm,
    StandingItemForm,
)
from meetings.forms.minutes import (  # noqa: F401
    MEMBER_STATUSES,
    ActionForm,
    AttendanceForm,
    DecisionForm,
    DeclarationForm,
    MemberAttendanceForm,
    MinuteForm,
)
