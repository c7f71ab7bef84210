"""The performance lead checks the summary drafted from an area's figures and saves it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView

from indicators.forms import NarrativeForm
from indicators.models import Area, Basis, Narrative, Period
from indicators.selectors.narrative import figures_awaiting_approval, narrative_drafted
from indicators.services.narrative import narrative_save
from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES


class NarrativeEditView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """The drafted summary of ``area`` for ``?period=``, to edit and save."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "indicators/narrative_form.html"
    form_class = NarrativeForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self._subject = None

    @property
    def area(self) -> Area:
        return self.subject()[0]

    @property
    def period(self) -> Period:
        return self.subject()[1]

    def subject(self) -> tuple[Area, Period]:
        """The area and period, read once the user's access is checked (404 if unknown)."""
        if self._subject is None:
            area = get_object_or_404(Area, code=self.kwargs["area"])
            code = self.request.GET.get("period", "")[:40]
            period = Period.objects.filter(code=code).first()
            if period is None:
                raise Http404(f"There is no period {code!r}.")
            self._subject = (area, period)
        return self._subject

    def saved(self) -> Narrative | None:
        return Narrative.objects.filter(area=self.area, period=self.period).first()

    def drafted(self) -> str:
        if not hasattr(self, "_drafted"):
            # Drafted from every figure the lead sees: the summary waits for approval anyway.
            self._drafted = narrative_drafted(
                area=self.area, period=self.period, basis=Basis.PROVISIONAL
            )
        return self._drafted

    def get_initial(self):
        saved = self.saved()
        if saved is None:
            return {"text": self.drafted(), "read_version": 0}
        return {"text": saved.text, "read_version": saved.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        saved = self.saved()
        context.update(
            area=self.area,
            period=self.period,
            drafted=self.drafted(),
            saved=saved,
            awaiting=figures_awaiting_approval(area=self.area, period=self.period),
            history=saved.history.select_related("history_user").order_by("-history_date")
            if saved
            else [],
            dashboard_url=reverse("indicators:dashboard")
            + f"?area={self.area.code}&period={self.period.code}",
        )
        return context

    def form_valid(self, form):
        try:
            narrative_save(
                user=self.request.user,
                area=self.area,
                period=self.period,
                text=form.cleaned_data["text"],
                read_version=form.cleaned_data["read_version"] or 0,
            )
        except ApplicationError as error:
            saved = self.saved()
            if saved is not None and error.field == "text":
                form.data = form.data.copy()
                form.data["read_version"] = str(saved.version)
            return self.service_error(form, error)
        messages.success(
            self.request, f"The summary of {self.area.name}, {self.period.label} was saved."
        )
        return redirect(self.get_context_data()["dashboard_url"])
