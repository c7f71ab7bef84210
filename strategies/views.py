"""Views of the strategies app.

Plans and their actions are public documents (drafts excepted); progress — RAG, commentary,
evidence, the summary and chart — is internal: every signed-in role reads it. Only an officer of
an action's lead organisation, the performance lead or an administrator may update an action.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from shp.errors import ApplicationError
from shp.forms import ServiceFormMixin
from shp.permissions import PUBLIC, AccessRequiredMixin, check_access, user_roles
from shp.printing import render_pdf
from shp.roles import PERFORMANCE_LEAD_ROLES, SIGNED_IN_ROLES, STAFF_ROLES
from strategies import charts, reports, selectors, services
from strategies.forms import ActionForm, ActionStatusForm, ReportFilterForm, UpdateForm
from strategies.models import Action, Update


def _filters(form) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "objective": data.get("objective"),
        "status": data.get("status") or "",
        "lead": data.get("lead"),
    }


class PlanListView(AccessRequiredMixin, ListView):
    access = PUBLIC
    template_name = "strategies/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        can_edit = bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES)
        return super().get_context_data(can_edit=can_edit, **kwargs)


class PlanDetailView(AccessRequiredMixin, DetailView):
    access = PUBLIC
    template_name = "strategies/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return selectors.plan_detail_queryset(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        today = timezone.localdate()
        form = ReportFilterForm(self.request.GET or None, plan=plan)
        filters = _filters(form)
        actions = selectors.plan_actions(plan=plan, **filters)
        rows = selectors.action_rows(plan=plan, actions=actions, today=today)
        objectives = list(plan.objectives.all())
        can_read = selectors.can_read_progress(self.request.user)
        context.update(
            filter_form=form,
            query=self.request.GET.urlencode(),
            groups=[(o, [r for r in rows if r.action.objective_id == o.pk]) for o in objectives],
            can_read_progress=can_read,
            can_edit_actions=bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
            action_count=len(rows),
        )
        if can_read:
            all_rows = (
                rows
                if not any(filters.values())
                else selectors.action_rows(
                    plan=plan, actions=selectors.plan_actions(plan=plan), today=today
                )
            )
            progress = selectors.progress_by_quarter(plan=plan, today=today)
            context.update(
                summary=selectors.rag_summary(objectives=objectives, rows=all_rows),
                overdue=sum(1 for r in all_rows if r.overdue),
                missing=sum(1 for r in all_rows if r.missing_update),
                current_quarter=selectors.reporting_quarter(plan=plan, today=today),
                progress=progress,
                chart_json=charts.progress_figure(rows=progress).to_json() if progress else None,
            )
            current = context["current_quarter"]
            if current:
                from strategies.models import quarter_label

                context["current_quarter_label"] = quarter_label(*current)
        return context


class PlanReportView(AccessRequiredMixin, View):
    """The action-plan report as PDF or XLSX, with the page's filters."""

    access = SIGNED_IN_ROLES

    def get(self, request, slug, fmt):
        plan = get_object_or_404(selectors.plan_list(user=request.user), slug=slug)
        form = ReportFilterForm(request.GET or None, plan=plan)
        if request.GET and not form.is_valid():
            return HttpResponse(
                "; ".join(e for errors in form.errors.values() for e in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        filters = _filters(form)
        name = f"action-plan-{slugify(plan.slug)}"
        if fmt == "pdf":
            content = render_pdf(reports.action_plan_document(plan=plan, **filters))
            response = HttpResponse(content, content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
            return response
        if fmt == "xlsx":
            content = reports.action_plan_xlsx(plan=plan, **filters)
            response = HttpResponse(
                content,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        raise Http404("Reports come as pdf or xlsx.")


class ActionDetailView(AccessRequiredMixin, DetailView):
    access = PUBLIC
    template_name = "strategies/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        return selectors.action_queryset(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        today = timezone.localdate()
        row = selectors.action_rows(plan=action.plan, actions=[action], today=today)[0]
        context.update(
            row=row,
            can_read_progress=selectors.can_read_progress(self.request.user),
            can_update=self.request.user.is_authenticated
            and services.can_update(user=self.request.user, action=action),
            can_edit_actions=bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
            updates=sorted(action.updates.all(), key=lambda u: (u.year, u.quarter), reverse=True),
        )
        latest = context["updates"][0] if context["updates"] else None
        # A 100% update offers to mark the action complete (the lead decides; it is not automatic).
        context["offer_complete"] = (
            context["can_update"]
            and latest is not None
            and latest.percent_complete == 100
            and action.status in (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)
        )
        return context


class ActionEditMixin(AccessRequiredMixin, ServiceFormMixin):
    """Staff roles reach the URL; then only the action's lead or the performance lead (403)."""

    access = STAFF_ROLES

    def get_action(self):
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                selectors.action_queryset(user=self.request.user), pk=self.kwargs["pk"]
            )
            if not services.can_update(user=self.request.user, action=self._action):
                raise PermissionDenied(
                    "Only an officer of the action's lead organisation or the performance lead "
                    "may update it."
                )
        return self._action

    def dispatch(self, request, *args, **kwargs):
        refusal = check_access(request, self.access)  # the role first: sign in, or 403
        if refusal is not None:
            return refusal
        self.get_action()  # then the action: 404 if unseen, 403 if not its lead
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action"] = self.get_action()
        return context


class UpdateCreateView(ActionEditMixin, FormView):
    template_name = "strategies/update_form.html"
    form_class = UpdateForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["quarters"] = selectors.quarter_choices(
            plan=self.get_action().plan, today=timezone.localdate()
        )
        return kwargs

    def get_initial(self):
        current = selectors.reporting_quarter(
            plan=self.get_action().plan, today=timezone.localdate()
        )
        return {"quarter": f"{current[0]}-{current[1]}"} if current else {}

    def form_valid(self, form):
        action = self.get_action()
        data = form.cleaned_data
        upload = data.get("evidence")
        year, quarter = data["quarter"]
        try:
            update = services.update_record(
                action=action,
                user=self.request.user,
                year=year,
                quarter=quarter,
                rag=data["rag"],
                percent_complete=data["percent_complete"],
                commentary=data["commentary"],
                evidence_name=upload.name if upload else "",
                evidence_content=upload.read() if upload else None,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        text = (
            f"Update for {update.quarter_label} saved: {update.get_rag_display()}, "
            f"{update.percent_complete}% complete."
        )
        if update.percent_complete == 100:
            text += " If the action is done, mark it complete below."
        messages.success(self.request, text)
        return redirect(action)


class ActionStatusView(ActionEditMixin, FormView):
    template_name = "strategies/update_form.html"
    form_class = ActionStatusForm
    extra_context = {"heading": "Change the action's status"}

    def get_initial(self):
        action = self.get_action()
        wanted = self.request.GET.get("status", "")
        status = wanted if wanted in Action.Status.values else action.status
        return {"status": status, "read_version": action.version}

    def form_valid(self, form):
        action = self.get_action()
        read_version = form.cleaned_data.get("read_version")
        try:
            action = services.action_status_set(
                action=action,
                user=self.request.user,
                status=form.cleaned_data["status"],
                read_version=-1 if read_version is None else read_version,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(
            self.request, f"Action {action.number} is now {action.get_status_display().lower()}."
        )
        return redirect(action)


class EvidenceDownloadView(AccessRequiredMixin, View):
    access = SIGNED_IN_ROLES

    def get(self, request, pk):
        update = get_object_or_404(
            Update.objects.select_related("action__plan").filter(
                action__plan__in=selectors.plan_list(user=request.user)
            ),
            pk=pk,
        )
        if not update.evidence:
            raise Http404("This update has no evidence.")
        return FileResponse(
            update.evidence.open("rb"),
            as_attachment=True,
            filename=update.evidence_name or "evidence",
            content_type=update.evidence_type or "application/octet-stream",
        )


class PlanActionFormMixin(AccessRequiredMixin, ServiceFormMixin):
    """The performance lead adds and changes a plan's actions."""

    access = PERFORMANCE_LEAD_ROLES
    template_name = "strategies/action_form.html"
    form_class = ActionForm

    def get_plan(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["plan"] = self.get_plan()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.get_plan()
        return context

    def save(self, form, action=None):
        values = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        read_version = form.cleaned_data.get("read_version")
        try:
            saved = services.action_save(
                plan=self.get_plan(),
                user=self.request.user,
                values=values,
                action=action,
                read_version=-1 if read_version is None else read_version,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, f"Action {saved.number} saved.")
        return redirect(saved)


class ActionCreateView(PlanActionFormMixin, FormView):
    extra_context = {"heading": "Add an action"}

    def get_plan(self):
        if not hasattr(self, "_plan"):
            self._plan = get_object_or_404(
                selectors.plan_list(user=self.request.user), slug=self.kwargs["slug"]
            )
        return self._plan

    def form_valid(self, form):
        return self.save(form)


class ActionUpdateView(PlanActionFormMixin, FormView):
    extra_context = {"heading": "Change the action"}

    def get_action(self):
        if not hasattr(self, "_action"):
            self._action = get_object_or_404(
                selectors.action_queryset(user=self.request.user), pk=self.kwargs["pk"]
            )
        return self._action

    def get_plan(self):
        return self.get_action().plan

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_action()
        return kwargs

    def get_initial(self):
        return {**super().get_initial(), "read_version": self.get_action().version}

    def form_valid(self, form):
        return self.save(form, action=self.get_action())
