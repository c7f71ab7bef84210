"""The performance lead writes or edits the commentary on an indicator in an area."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from indicators.forms import CommentaryForm
from indicators.models import Area, Commentary, Indicator
from indicators.services.commentary import commentary_save
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES


class CommentaryEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Write the commentary of ``?quarter=`` (or change it), with its history below."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/commentary_form.html"
    form_class = CommentaryForm

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator, code=kwargs["code"])
        self.area = get_object_or_404(Area, code=kwargs["area"])
        return super().dispatch(request, *args, **kwargs)

    def quarter(self) -> str:
        return (self.request.POST.get("quarter") or self.request.GET.get("quarter", ""))[:40]

    def existing(self) -> Commentary | None:
        code = self.quarter()
        if not code:
            return None
        return (
            Commentary.objects.filter(indicator=self.indicator, area=self.area, period__code=code)
            .select_related("period", "organisation")
            .first()
        )

    def get_initial(self):
        commentary = self.existing()
        if commentary is None:
            return {"quarter": self.quarter(), "read_version": 0}
        return {
            "quarter": commentary.period.code,
            "text": commentary.text,
            "read_version": commentary.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        commentary = self.existing()
        context.update(
            indicator=self.indicator,
            area=self.area,
            commentary=commentary,
            history=commentary.history.select_related("history_user").order_by("-history_date")
            if commentary is not None
            else [],
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            commentary = commentary_save(
                user=self.request.user,
                indicator=self.indicator,
                area=self.area,
                quarter=data["quarter"],
                text=data["text"],
                read_version=data["read_version"] or 0,
            )
        except ApplicationError as error:
            current = self.existing()
            if current is not None and error.field == "text":
                # The next save replaces theirs knowingly: it is read at their version now.
                form.data = form.data.copy()
                form.data["read_version"] = str(current.version)
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"The {commentary.period.code} commentary on {self.indicator.name} in "
            f"{self.area.name} was saved.",
        )
        url = reverse("indicators:indicator-detail", kwargs={"code": self.indicator.code})
        return redirect(f"{url}?area={self.area.code}#commentary")
