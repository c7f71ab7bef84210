"""What a quarter grid page showed when it was read: each box's, commentary's and warning
comment's version and text, carried in one signed hidden field so that a save made from a stale
page can be told apart from a fresh one (``services.entry`` refuses what changed meanwhile)."""

from django.core import signing

from indicators.services.entry import BoxInput, TextInput, shown_value

FIELD = "read-state"
SALT = "indicators.quarter-grid"


def box_key(box) -> tuple:
    return (box.indicator.pk, box.area.pk, box.spec.code)


def commentary_name(indicator_id: int, area_id: int) -> str:
    """The form field of the commentary on an indicator in an area."""
    return f"c-{indicator_id}-{area_id}"


def read_state(rows, commentaries: dict, warnings: list) -> str:
    """The signed state of the grid as it is saved now.

    ``commentaries`` maps (indicator id, area id) to Commentary rows; ``warnings`` are
    EntryWarning rows."""
    boxes = {}
    for row in rows:
        for box in row.boxes:
            value, reason = shown_value(box.figure)
            version = box.figure.version if box.figure is not None else 0
            boxes[box.key] = [version, value, reason]
    texts = {commentary_name(*key): [c.version, c.text] for key, c in commentaries.items()}
    comments = {str(w.pk): [w.version, w.comment] for w in warnings}
    return signing.dumps({"b": boxes, "c": texts, "w": comments}, salt=SALT, compress=True)


def state_loads(text: str) -> dict | None:
    """The state a page was read with, or None when it is missing or was tampered with."""
    if not text:
        return None
    try:
        return signing.loads(text, salt=SALT)
    except signing.BadSignature:
        return None


def inputs_with_state(post, rows, max_field: int) -> tuple[dict, dict, dict]:
    """The boxes, commentaries and warning comments posted, each with what the page was read
    at (for the grid's own boxes only)."""
    state = state_loads(post.get(FIELD, ""))
    boxes_read = (state or {}).get("b", {})
    texts_read = (state or {}).get("c", {})
    comments_read = (state or {}).get("w", {})

    def posted(name: str) -> str:
        return post.get(name, "")[:max_field]

    inputs, commentaries, acknowledgements = {}, {}, {}
    for row in rows:
        for box in row.boxes:
            read = boxes_read.get(box.key)
            if state is not None and read is None:
                read = [0, "", ""]  # the box was not on the page: anything saved since is new
            inputs[box_key(box)] = BoxInput(
                value=posted(f"{box.key}-value"),
                reason=posted(f"{box.key}-reason"),
                read_version=read[0] if read else None,
                read_value=read[1] if read else "",
                read_reason=read[2] if read else "",
            )
        for area_id in {box.area.pk for box in row.boxes}:
            name = commentary_name(row.indicator.pk, area_id)
            if name not in post:
                continue
            read = texts_read.get(name)
            if state is not None and read is None:
                read = [0, ""]
            commentaries[(row.indicator.pk, area_id)] = TextInput(
                text=posted(name),
                read_version=read[0] if read else None,
                read_text=read[1] if read else "",
            )
    for name in post:
        if name.startswith("w-") and name[2:].isdigit():
            read = comments_read.get(name[2:])
            acknowledgements[int(name[2:])] = TextInput(
                text=posted(name),
                read_version=read[0] if read else None,
                read_text=read[1] if read else "",
            )
    return inputs, commentaries, acknowledgements


def stale_keys(inputs: dict, rows) -> set:
    """The boxes saved by someone else since the page was read (their version moved on)."""
    stale = set()
    for row in rows:
        for box in row.boxes:
            key = box_key(box)
            read = inputs.get(key)
            version = box.figure.version if box.figure is not None else 0
            if read is not None and read.read_version is not None and read.read_version != version:
                stale.add(key)
    return stale
