"""The performance lead sets and changes an indicator's targets in an area."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from indicators.forms import TargetForm
from indicators.models import Area, Indicator, Target
from indicators.services.targets import TargetInput, target_save
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES


class TargetEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """Set a target (or change the one for ``?period=``) of an indicator in an area."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/target_form.html"
    form_class = TargetForm

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator, code=kwargs["code"])
        self.area = get_object_or_404(Area, code=kwargs["area"])
        return super().dispatch(request, *args, **kwargs)

    def existing(self):
        code = self.request.GET.get("period", "")[:40]
        if not code:
            return None
        return (
            Target.objects.filter(indicator=self.indicator, area=self.area, period__code=code)
            .select_related("period", "baseline_period")
            .first()
        )

    def get_initial(self):
        target = self.existing()
        if target is None:
            return {"read_version": 0, "amber_tolerance": "5"}
        return {
            "period": target.period.code,
            "kind": target.kind,
            "value": "" if target.value is None else f"{target.value.normalize():f}",
            "baseline_period": target.baseline_period.code,
            "amber_tolerance": f"{target.amber_tolerance.normalize():f}",
            "read_version": target.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            indicator=self.indicator,
            area=self.area,
            targets=Target.objects.filter(indicator=self.indicator, area=self.area)
            .select_related("period", "baseline_period", "updated_by")
            .order_by("-period__start"),
            changing=self.existing(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            target = target_save(
                user=self.request.user,
                indicator=self.indicator,
                area=self.area,
                data=TargetInput(
                    period=data["period"],
                    kind=data["kind"],
                    value=data["value"],
                    baseline_period=data["baseline_period"],
                    amber_tolerance=data["amber_tolerance"],
                    read_version=data["read_version"],
                ),
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request,
            f"The {target.period.code} target for {self.indicator.name} in {self.area.name} was "
            "saved. The RAG is being worked out again; the dashboard shows it in a moment.",
        )
        url = reverse("indicators:indicator-detail", kwargs={"code": self.indicator.code})
        return redirect(f"{url}?area={self.area.code}")
