"""Committees, memberships, meetings, agendas, reports, attendance, minutes and agenda packs."""
