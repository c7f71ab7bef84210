"""Keeping a produced PDF a tagged PDF 1.7 in which every piece of page content is either inside
the structure tree or marked as an artifact (PDF/UA's rule), after WeasyPrint and after pages
are merged in.

- WeasyPrint tags the running headers and footers (page margin boxes) as marked content whose
  structure elements are not in the tree: those sequences become artifacts.
- Anything painted outside any marked content becomes an artifact.
- A page merged in as supplied (an uploaded appendix) loses its own marking, which points at
  another document's structure, and is carried as one artifact; the pack's cover text for it,
  in the structure, says what it is and where the original file is.
"""

from pypdf import PageObject, PdfWriter
from pypdf.generic import ContentStream, NameObject, NullObject

PDF_HEADER = b"%PDF-1.7"
MARKING = {b"BDC", b"BMC", b"EMC", b"MP", b"DP"}
PATH_BUILD = {b"m", b"l", b"c", b"v", b"y", b"h", b"re"}
PATH_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"}
CLIP = {b"W", b"W*"}
PAINTING = PATH_PAINT | {b"Tj", b"TJ", b"'", b'"', b"Do", b"sh", b"INLINE IMAGE"}
ARTIFACT_START = ([NameObject("/Artifact")], b"BMC")
END = ([], b"EMC")


def _idnum(node) -> int | None:
    return getattr(node, "idnum", None)


def reachable_elements(struct_root) -> set[int]:
    """Object numbers of every structure element reachable from the tree's root."""
    seen: set[int] = set()
    stack = [struct_root.get("/K")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        number = _idnum(node)
        value = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(value, list):
            stack.extend(value)
            continue
        if not isinstance(value, dict) or value.get("/Type") in ("/MCR", "/OBJR"):
            continue
        if number is not None:
            if number in seen:
                continue
            seen.add(number)
        stack.append(value.get("/K"))
    return seen


def parent_tree_entries(struct_root) -> dict[int, list]:
    """StructParents key → the array of structure elements indexed by MCID."""
    tree = struct_root.get("/ParentTree")
    entries: dict[int, list] = {}
    stack = [tree.get_object()] if tree is not None else []
    while stack:
        node = stack.pop()
        nums = node.get("/Nums")
        if nums is not None:
            for index in range(0, len(nums), 2):
                entries[int(nums[index])] = nums[index + 1].get_object()
        for kid in node.get("/Kids", []):
            stack.append(kid.get_object())
    return entries


def _wrap_unmarked(operations: list, orphans: set[int]) -> list:
    """Orphaned marked content becomes an artifact; unmarked painting is wrapped as one."""
    out: list = []
    depth = 0
    pending: list = []  # path construction (or a text object) not yet inside marked content
    in_text = False
    for operands, operator in operations:
        if operator == b"BDC" and depth == 0 and pending:
            out.extend(pending)
            pending = []
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            if mcid is not None and int(mcid) in orphans:
                out.append(ARTIFACT_START)
            else:
                out.append((operands, operator))
            depth += 1
            continue
        if operator == b"BMC":
            out.append((operands, operator))
            depth += 1
            continue
        if operator == b"EMC":
            out.append((operands, operator))
            depth = max(depth - 1, 0)
            continue
        if depth > 0:
            out.append((operands, operator))
            continue
        if operator == b"BT":
            in_text = True
            pending = [(operands, operator)]
            continue
        if in_text:
            pending.append((operands, operator))
            if operator == b"ET":
                in_text = False
                if any(op in PAINTING for _, op in pending):
                    out.extend([ARTIFACT_START, *pending, END])
                else:
                    out.extend(pending)
                pending = []
            continue
        if operator in PATH_BUILD or operator in CLIP:
            pending.append((operands, operator))
            continue
        if operator in PAINTING:
            out.extend([ARTIFACT_START, *pending, (operands, operator), END])
            pending = []
            continue
        out.extend(pending)
        pending = []
        out.append((operands, operator))
    out.extend(pending)
    return out


def as_artifact(page: PageObject, reader) -> None:
    """Carry a page merged in as supplied as one artifact, dropping its own marking."""
    content = ContentStream(page.get_contents(), reader)
    kept = [(operands, op) for operands, op in content.operations if op not in MARKING]
    content.operations = [ARTIFACT_START, *kept, END]
    page.replace_contents(content)


def tag_pages(writer: PdfWriter) -> None:
    """Make every page's content structure or artifact, and write the header as PDF 1.7."""
    writer.pdf_header = PDF_HEADER
    root = writer.root_object.get("/StructTreeRoot")
    if root is None:
        return
    root = root.get_object()
    reachable = reachable_elements(root)
    entries = parent_tree_entries(root)
    for page in writer.pages:
        key = page.get("/StructParents")
        orphans: set[int] = set()
        if key is not None and int(key) in entries:
            array = entries[int(key)]
            for mcid, element in enumerate(array):
                if isinstance(element, NullObject) or element is None:
                    continue
                if _idnum(element) not in reachable:
                    orphans.add(mcid)
                    array[mcid] = NullObject()
        content = ContentStream(page.get_contents(), writer)
        content.operations = _wrap_unmarked(content.operations, orphans)
        page.replace_contents(content)
