"""Officers' quarterly entry: the grid, its checks, submitting, and the lead's sign-off."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View

from indicators import grid_state, selectors
from indicators.entry import entry_grid, entry_scope, figures_by_box
from indicators.forms import FigureClearForm, SignOffForm
from indicators.models import Commentary, Figure, QuarterReturn
from indicators.permissions import figures_visible_to, sees_unapproved_of
from indicators.reminders import sent_back
from indicators.services import quarters
from indicators.services.entry import (
    EntryConflict,
    EntryInvalid,
    quarter_figures_save,
    shown_value,
    user_may_enter,
)
from indicators.services.figures import figure_clear
from shp.errors import ApplicationError
from shp.models import Organisation
from shp.permissions import AccessRequiredMixin, check_access, user_roles
from shp.roles import PERFORMANCE_LEAD_ROLES, SIGNED_IN_ROLES, STAFF_ROLES

MAX_FIELD = 6000  # characters read from any one posted field


def may_view_quarter(user, organisation) -> bool:
    """Officers see their own organisation's quarters; the lead and administrators every one."""
    return bool(user_roles(user) & PERFORMANCE_LEAD_ROLES) or user_may_enter(user, organisation)


class QuarterScopeMixin:
    """Resolves ``<quarter>/<organisation>`` and refuses officers of other organisations.

    Comes after AccessRequiredMixin, so the role check has passed when this runs."""

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, slug=kwargs["organisation"])
        if not may_view_quarter(request.user, self.organisation):
            raise PermissionDenied("You can only see your own organisation's figures.")
        self.scope = entry_scope(organisation=self.organisation, quarter=kwargs["quarter"])
        return super().dispatch(request, *args, **kwargs)

    def grid_url(self) -> str:
        return reverse(
            "indicators:quarter-entry",
            kwargs={"quarter": self.scope.quarter, "organisation": self.organisation.slug},
        )


class QuarterEntryView(AccessRequiredMixin, QuarterScopeMixin, TemplateView):
    """The grid of an organisation's boxes for a quarter; POST saves, or saves and submits."""

    access = STAFF_ROLES
    template_name = "indicators/quarter_entry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = kwargs.get("rows") or entry_grid(scope=self.scope)
        record = QuarterReturn.objects.filter(
            organisation=self.organisation, period__code=self.scope.quarter.code
        ).first()
        status = record.status if record else QuarterReturn.Status.DRAFT
        saved_commentaries = {
            (c.indicator_id, c.area_id): c
            for c in Commentary.objects.filter(
                period__code=self.scope.quarter.code,
                indicator__in=self.scope.indicators,
                area__in=self.scope.areas,
            )
        }
        posted = kwargs.get("posted")
        stale = kwargs.get("stale", set())  # boxes and texts to show as saved, not as posted
        problems = kwargs.get("problems", [])
        conflicts = kwargs.get("conflicts", [])
        errors = {(p.key, p.field): p.message for p in problems}
        conflict_of = {c.key: c.short for c in conflicts}
        themes = []
        for index, row in enumerate(rows):
            following = rows[index + 1] if index + 1 < len(rows) else None
            row.ends_indicator = following is None or following.indicator != row.indicator
            previous = rows[index - 1] if index else None
            row.starts_theme = previous is None or previous.indicator.theme != row.indicator.theme
            if row.starts_theme:
                themes.append((row.indicator.theme, row.indicator.get_theme_display()))
            row.commentaries = []
            for area in self.scope.areas if row.ends_indicator else ():
                name = grid_state.commentary_name(row.indicator.pk, area.pk)
                saved = saved_commentaries.get((row.indicator.pk, area.pk))
                shown = (
                    posted.get(name, "")
                    if posted and ("commentary", (row.indicator.pk, area.pk)) not in stale
                    else (saved.text if saved else "")
                )
                row.commentaries.append({"area": area, "name": name, "text": shown})
            row.has_commentary = any(c["text"] for c in row.commentaries)
            for box in row.boxes:
                key = (box.indicator.pk, box.area.pk, box.spec.code)
                if posted is not None and key not in stale:
                    box.shown_value = posted.get(f"{box.key}-value", "")
                    box.shown_reason = posted.get(f"{box.key}-reason", "")
                else:
                    box.shown_value, box.shown_reason = shown_value(box.figure)
                box.value_error = errors.get((key, "value"), "") or conflict_of.get(key, "")
                box.reason_error = errors.get((key, "reason"), "")
        warnings = list(record.warnings.select_related("indicator", "area")) if record else []
        for warning in warnings:
            warning.shown_comment = (
                posted.get(f"w-{warning.pk}", warning.comment)
                if posted is not None and ("comment", warning.pk) not in stale
                else warning.comment
            )
        context.update(
            organisation=self.organisation,
            scope=self.scope,
            quarter=self.scope.quarter,
            rows=rows,
            record=record,
            status=status,
            status_label=QuarterReturn.Status(status).label,
            sent_back=sent_back(record),
            warnings=warnings,
            waiting=[w for w in warnings if not w.is_acknowledged],
            problems=problems,
            conflicts=conflicts,
            conflict_anchors=[(c, _anchor(c, rows, "value")) for c in conflicts],
            themes=themes,
            problem_anchors=[(p, _anchor(p, rows, p.field)) for p in problems],
            read_state_field=grid_state.FIELD,
            read_state=kwargs.get("read_state")
            or grid_state.read_state(rows, saved_commentaries, warnings),
            can_edit=status == QuarterReturn.Status.DRAFT
            and user_may_enter(self.request.user, self.organisation),
            can_review=bool(user_roles(self.request.user) & PERFORMANCE_LEAD_ROLES),
            sign_off_form=SignOffForm(),
            red_without_commentary=quarters.red_without_commentary(scope=self.scope)
            if status == QuarterReturn.Status.SUBMITTED
            else [],
        )
        return context

    def post(self, request, *args, **kwargs):
        rows = entry_grid(scope=self.scope)
        inputs, commentaries, acknowledgements = grid_state.inputs_with_state(
            request.POST, rows, MAX_FIELD
        )
        try:
            record = quarter_figures_save(
                user=request.user,
                scope=self.scope,
                inputs=inputs,
                commentaries=commentaries,
                acknowledgements=acknowledgements,
            )
        except EntryInvalid as invalid:
            # Shown as typed, still compared against what the page was first read at.
            context = self.get_context_data(
                rows=rows,
                posted=request.POST,
                problems=invalid.problems,
                read_state=request.POST.get(grid_state.FIELD, ""),
            )
            return self.render_to_response(context, status=200)
        except EntryConflict as conflict:
            # Read again: what others saved is shown; the rest as typed, to save on confirming.
            fresh = entry_grid(scope=self.scope)
            stale = grid_state.stale_keys(inputs, fresh) | {c.key for c in conflict.conflicts}
            context = self.get_context_data(
                rows=fresh, posted=request.POST, stale=stale, conflicts=conflict.conflicts
            )
            context["conflict_summary"] = conflict.message
            return self.render_to_response(context, status=409)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(self.grid_url())
        if request.POST.get("action") == "submit":
            try:
                quarters.quarter_submit(user=request.user, scope=self.scope)
            except ApplicationError as error:
                messages.error(
                    request, f"Your figures were saved, but not submitted. {error.message}"
                )
                return redirect(self.grid_url())
            messages.success(
                request,
                f"{self.organisation.name}'s {self.scope.quarter.code} figures were submitted "
                "for approval.",
            )
            return redirect(self.grid_url())
        waiting = record.warnings.filter(comment="").count()
        text = "Your figures were saved as a draft."
        specs = {spec for _, spec, _ in self.scope.boxes()}
        revisions = sum(1 for f in figures_by_box(self.scope, specs).values() if f.is_revision)
        if revisions:
            text += (
                f" {revisions} of them revise{'s' if revisions == 1 else ''} approved figures: "
                "members and the public see the approved values until the quarter is approved "
                "again."
            )
        if waiting:
            text += (
                f" {waiting} warning{'s' if waiting != 1 else ''} need a comment before you submit."
            )
        messages.success(request, text)
        return redirect(self.grid_url())


def _anchor(problem, rows, field: str) -> str:
    if not problem.key:
        return "#grid"
    if problem.key[0] == "commentary":
        return f"#{grid_state.commentary_name(*problem.key[1])}"
    if problem.key[0] == "comment":
        return f"#w-{problem.key[1]}"
    for row in rows:
        for box in row.boxes:
            if (box.indicator.pk, box.area.pk, box.spec.code) == problem.key:
                return f"#{box.key}-{field}"
    return "#grid"


class QuarterSignOffView(AccessRequiredMixin, QuarterScopeMixin, View):
    """The performance lead approves, locks, unlocks or sends back an organisation's quarter."""

    access = PERFORMANCE_LEAD_ROLES
    actions = {
        "approve": (quarters.quarter_approve, "approved"),
        "lock": (quarters.quarter_lock, "locked"),
        "unlock": (quarters.quarter_unlock, "unlocked and returned to draft"),
        "return": (quarters.quarter_return_to_officer, "sent back to the officer as a draft"),
    }

    def post(self, request, *args, **kwargs):
        form = SignOffForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose approve, lock, unlock or send back.")
            return redirect(self.grid_url())
        action = form.cleaned_data["action"]
        service, done = self.actions[action]
        extra = {"reason": form.cleaned_data["reason"]} if action in {"unlock", "return"} else {}
        try:
            service(user=request.user, scope=self.scope, **extra)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(self.grid_url())
        messages.success(
            request, f"{self.organisation.name}'s {self.scope.quarter.code} figures were {done}."
        )
        return redirect(self.grid_url())


class FigureHistoryView(AccessRequiredMixin, TemplateView):
    """Who changed a figure, when, from what to what, and why; still readable once cleared.

    A figure the user may not see (another organisation's draft) answers 404 whatever its id;
    readers who may not see drafts get only its approved states."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/figure_history.html"

    def dispatch(self, request, *args, **kwargs):
        refusal = check_access(request, self.access)
        if refusal is not None:
            return refusal
        self.figure = self._figure(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _figure(self, user, pk):
        figure = (
            figures_visible_to(user)
            .select_related("indicator", "area", "period", "updated_by")
            .filter(pk=pk)
            .first()
        )
        if figure is not None:
            return figure
        # Cleared: its history remains, for those who could see it before.
        last = Figure.history.filter(id=pk).select_related("indicator", "area", "period").first()
        if last is None or not (
            sees_unapproved_of(user, last) or user_roles(user) and last.approved_at
        ):
            raise Http404("There is no such figure.")
        return last

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figure = self.figure
        cleared = not isinstance(figure, Figure)
        full = sees_unapproved_of(self.request.user, figure)
        context.update(
            figure=figure,
            cleared=cleared,
            full=full,
            changes=selectors.figure_history(figure_id=self.kwargs["pk"], approved_only=not full),
            can_clear=not cleared
            and not figure.is_approved
            and figure.status == Figure.Status.DRAFT
            and may_clear(self.request.user, figure),
            clear_form=FigureClearForm(),
        )
        return context


def may_clear(user, figure) -> bool:
    """Who may clear a draft figure: an officer of its organisation, or an administrator."""
    return user_may_enter(user, figure.indicator.source) if figure.indicator.source else False


class FigureClearView(AccessRequiredMixin, View):
    """Clear a draft figure, with the reason (kept in its history)."""

    access = STAFF_ROLES

    def post(self, request, pk):
        figure = get_object_or_404(
            figures_visible_to(request.user).select_related("indicator__source", "period"), pk=pk
        )
        history_url = reverse("indicators:figure-history", kwargs={"pk": pk})
        if not may_clear(request.user, figure):
            raise PermissionDenied("You can only clear your own organisation's figures.")
        form = FigureClearForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Give the reason for clearing this figure.")
            return redirect(history_url)
        try:
            figure_clear(figure=figure, user=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(history_url)
        messages.success(
            request,
            f"The {figure.period.code} figure was cleared. Its history below keeps what it was "
            "and why it was cleared.",
        )
        return redirect(history_url)
