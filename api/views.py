"""The API's documentation page, made from its OpenAPI schema (no script from elsewhere)."""

from django.views.generic import TemplateView

from api.api import api
from shp.permissions import PUBLIC, AccessRequiredMixin

CSV_LISTS = ("areas", "indicators", "figures", "meetings", "decisions")


def _type_of(schema: dict) -> str:
    """A parameter's type as a reader wants it: "date (YYYY-MM-DD)" rather than a union."""
    for option in schema.get("anyOf", [schema]):
        if option.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if option.get("type") not in (None, "null"):
            return option["type"]
    return ""


class ApiDocsView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schema = api.get_openapi_schema()
        operations = []
        for path, methods in schema["paths"].items():
            for method, operation in methods.items():
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": [
                            {
                                "name": p["name"],
                                "type": _type_of(p.get("schema", {})),
                                "required": p.get("required", False),
                            }
                            for p in operation.get("parameters", [])
                        ],
                    }
                )
        context.update(
            title=schema["info"]["title"],
            description=schema["info"].get("description", ""),
            operations=operations,
            csv_lists=CSV_LISTS,
        )
        return context
