"""Writes of the meetings app, one module per journey: meetings, committees, agenda, papers,
attendance and minutes. Callers may import from here or from the module."""

from meetings.services.agenda import (  # noqa: F401
    BUSINESS_SECTIONS,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    agenda_publish,
)
from meetings.services.attendance import (  # noqa: F401
    attendance_record,
    attendance_record_members,
    declaration_record,
)
from meetings.services.clearance import (  # noqa: F401
    appendix_remove,
    report_clear,
    report_comment_add,
    report_commission,
    report_delete,
    report_draft_save,
    report_send_back,
    report_submit,
)
from meetings.services.committees import (  # noqa: F401
    membership_appoint,
    membership_end,
    seat_create,
)
from meetings.services.forward_plan import (  # noqa: F401
    agenda_from_forward_plan,
    forward_plan_item_add,
    forward_plan_item_remove,
    forward_plan_item_update,
)
from meetings.services.meetings import (  # noqa: F401
    meeting_schedule,
    meeting_status_set,
    meeting_update,
)
from meetings.services.minutes import (  # noqa: F401
    CONFIRMED_TEXT,
    URGENT_RULING_TEXT,
    URGENT_RULING_TITLE,
    action_update,
    decision_add,
    decision_remove,
    minute_update,
    minutes_confirm,
    minutes_draft,
)
from meetings.services.papers import (  # noqa: F401
    PDF_MAGIC,
    REPORT_FIELDS,
    appendix_generated_add,
    appendix_replace,
    appendix_upload,
    paper_access_record,
    pdf_check,
    pdf_check_size,
    report_save,
    report_section_keys,
)
from meetings.services.publishing import (  # noqa: F401
    decision_notice_due,
    decisions_publish,
    minutes_draft_publish,
)
