"""The API's pages: its documentation, made from its OpenAPI schema (no script from
elsewhere), and the tokens partner systems read it with."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView, TemplateView

from api import services
from api.api import api
from api.forms import ApiTokenForm
from api.models import ApiToken
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import PUBLIC, AccessRequiredMixin
from shp.roles import SIGNED_IN_ROLES

CSV_LISTS = (
    "areas", "indicators", "figures", "comparisons", "entered-figures", "committees",
    "meetings", "documents", "decisions",
)  # fmt: skip


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


class ApiTokenListView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """The signed-in partner's tokens, and a form to make one (its key shown once)."""

    access = SIGNED_IN_ROLES
    template_name = "api/tokens.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tokens"] = ApiToken.objects.filter(user=self.request.user)
        return context

    def form_valid(self, form):
        try:
            token, key = services.api_token_create(
                user=self.request.user, name=form.cleaned_data["name"]
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        # Shown on this answer only (never stored; every signed-in page is sent no-store).
        context = self.get_context_data(form=self.form_class(), made=token, key=key)
        return self.render_to_response(context)


class ApiTokenRevokeView(AccessRequiredMixin, View):
    access = SIGNED_IN_ROLES

    def post(self, request, pk):
        try:
            token = services.api_token_revoke(user=request.user, token_id=pk)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
        return redirect("api-tokens")
