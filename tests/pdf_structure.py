"""A reader's check of a produced PDF's tagging: walk every page's content stream and find any
painting that is neither inside a marked-content sequence whose structure element is in the
tree, nor inside an artifact."""

import io

from pypdf import PdfReader
from pypdf.generic import ContentStream

from shp.pdf_tags import PAINTING, parent_tree_entries, reachable_elements


def untagged_painting(pdf: bytes) -> list[str]:
    """Each painting operator outside the structure and outside artifacts, as "page N: op"."""
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    reachable = reachable_elements(root)
    entries = parent_tree_entries(root)
    problems = []
    for number, page in enumerate(reader.pages, start=1):
        key = page.get("/StructParents")
        array = entries.get(int(key), []) if key is not None else []
        stack: list[str] = []  # "artifact", "tagged" or "orphan" for each open sequence
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                tag = str(operands[0])
                properties = operands[1] if operator == b"BDC" and len(operands) > 1 else {}
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                if tag == "/Artifact":
                    stack.append("artifact")
                elif mcid is not None:
                    element = array[int(mcid)] if int(mcid) < len(array) else None
                    inside = getattr(element, "idnum", None) in reachable
                    stack.append("tagged" if inside else "orphan")
                else:
                    stack.append(stack[-1] if stack else "orphan")
            elif operator == b"EMC":
                if stack:
                    stack.pop()
            elif operator in PAINTING:
                state = next((s for s in reversed(stack) if s != "orphan"), None)
                if state is None:
                    problems.append(f"page {number}: {operator.decode()}")
    return problems


def header(pdf: bytes) -> bytes:
    return pdf[:8]
