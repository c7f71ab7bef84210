"""The performance lead's pages for a plan: add or change the plan, its objectives and each
year's priorities (every change made from a stale page is refused)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import AccessRequiredMixin
from shp.roles import PERFORMANCE_LEAD_ROLES
from strategies import plan_services, selectors
from strategies.forms import ObjectiveForm, PlanForm, PriorityForm
from strategies.models import Objective, Plan, Priority


def _version(form) -> int | None:
    return form.cleaned_data.get("read_version")


class LeadPlanMixin(AccessRequiredMixin, ServiceFormMixin):
    access = PERFORMANCE_LEAD_ROLES
    template_name = "strategies/action_form.html"  # a form about a plan

    def get_plan(self) -> Plan | None:
        if "slug" not in self.kwargs:
            return None
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                selectors.plan_list(user=self.request.user), slug=self.kwargs["slug"]
            )
        return self._plan

    def get_initial(self):
        plan = self.get_plan()
        return {**super().get_initial(), "read_version": plan.version if plan else None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)


class PlanEditView(LeadPlanMixin, FormView):
    form_class = PlanForm

    def get_template_names(self):
        return ["strategies/plan_form.html"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_plan()}

    def get_context_data(self, **kwargs):
        heading = "Change the plan" if self.get_plan() else "Add a plan"
        return super().get_context_data(heading=heading, **kwargs)

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        try:
            plan = plan_services.plan_save(
                user=self.request.user,
                values=values,
                plan=self.get_plan(),
                read_version=_version(form),
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"{plan.title} was saved.")
        return redirect(plan)


class ObjectiveEditView(LeadPlanMixin, FormView):
    form_class = ObjectiveForm

    def get_objective(self) -> Objective | None:
        number = self.kwargs.get("number")
        if number is None:
            return None
        return get_object_or_404(Objective, plan=self.get_plan(), number=number)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_objective()}

    def get_initial(self):
        initial = super().get_initial()
        if self.get_objective() is None:
            initial["number"] = self.get_plan().objectives.count() + 1
        return initial

    def get_context_data(self, **kwargs):
        heading = "Change the objective" if self.get_objective() else "Add an objective"
        return super().get_context_data(heading=heading, **kwargs)

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        try:
            objective = plan_services.objective_save(
                user=self.request.user,
                plan=self.get_plan(),
                values=values,
                objective=self.get_objective(),
                read_version=_version(form),
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Objective {objective.number} was saved.")
        return redirect(self.get_plan())


class PriorityEditView(LeadPlanMixin, FormView):
    form_class = PriorityForm

    def get_objective(self) -> Objective:
        return get_object_or_404(Objective, plan=self.get_plan(), number=self.kwargs["number"])

    def get_priority(self) -> Priority | None:
        pk = self.kwargs.get("pk")
        return get_object_or_404(Priority, objective=self.get_objective(), pk=pk) if pk else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan()}

    def get_initial(self):
        initial = super().get_initial()
        priority = self.get_priority()
        if priority is not None:
            initial.update(year=priority.year, title=priority.title)
        return initial

    def get_context_data(self, **kwargs):
        objective = self.get_objective()
        verb = "Change a priority" if self.get_priority() else "Add a priority"
        return super().get_context_data(
            heading=f"{verb} under objective {objective.number}", objective=objective, **kwargs
        )

    def form_valid(self, form):
        try:
            plan_services.priority_save(
                user=self.request.user,
                objective=self.get_objective(),
                values=form.cleaned_data,
                priority=self.get_priority(),
                read_version=_version(form),
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "The priority was saved.")
        return redirect(self.get_plan())


class PriorityRemoveView(LeadPlanMixin, View):
    def post(self, request, *args, **kwargs):
        plan = self.get_plan()
        objective = get_object_or_404(Objective, plan=plan, number=kwargs["number"])
        priority = get_object_or_404(Priority, objective=objective, pk=kwargs["pk"])
        version = request.POST.get("read_version", "")
        try:
            plan_services.priority_remove(
                user=request.user,
                priority=priority,
                read_version=int(version) if version.isdigit() else -1,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"“{priority.title}” was removed.")
        return redirect(plan)
