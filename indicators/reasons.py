"""Why the RAG (against the target) and the direction (against a year earlier) can disagree."""

from indicators.arithmetic import Direction

RAG_AGAINST = "against its target"
DIRECTION_AGAINST = "against the same period a year earlier"


def rag_direction_reason(*, rag: str, direction: str) -> str:
    """One line where the two judgements seem to contradict each other, else ``""``.

    The RAG measures the value against the target's level, worked out from its baseline year;
    the direction compares it with the same period a year earlier. They differ whenever the
    baseline is not last year, or last year was already far from the target."""
    if rag == "green" and direction == Direction.WORSENED:
        return (
            "Worse than a year earlier, but still meeting its target: the target is set "
            "against its baseline year, not last year."
        )
    if rag in ("red", "amber") and direction == Direction.IMPROVED:
        short = "not yet meeting" if rag == "red" else "only just short of"
        return (
            f"Better than a year earlier, but {short} its target: the target is set against "
            "its baseline year, not last year."
        )
    return ""
