"""Agenda packs: one PDF per meeting, composed from its data and rendered with WeasyPrint."""
