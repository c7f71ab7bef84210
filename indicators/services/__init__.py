"""Writes of the indicators app: importing figures, targets and published tables, and
recomputing comparisons. Each function is keyword-only, atomic, and raises ApplicationError."""
