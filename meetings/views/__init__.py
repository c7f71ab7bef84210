"""Views of the meetings app, one module per journey: public reading, committees, agenda,
minutes and packs."""
