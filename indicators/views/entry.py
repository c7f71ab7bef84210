"""Officers' quarterly entry: the grid, its checks, submitting, and the lead's sign-off."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, TemplateView, View

from indicators import selectors
from indicators.entry import entry_grid, entry_scope
from indicators.forms import SignOffForm
from indicators.models import Commentary, Figure, QuarterReturn
from indicators.services import quarters
from indicators.services.entry import (
    BoxInput,
    EntryInvalid,
    quarter_figures_save,
    user_may_enter,
)
from indicators.services.quarters import REVIEW_ROLES
from shp.errors import ApplicationError
from shp.models import Organisation
from shp.permissions import AccessRequiredMixin, user_roles
from shp.roles import SIGNED_IN_ROLES, Role

ENTRY_ROLES = frozenset({Role.OFFICER, Role.PERFORMANCE_LEAD, Role.ADMINISTRATOR})
MAX_FIELD = 6000  # characters read from any one posted field


def may_view_quarter(user, organisation) -> bool:
    """Officers see their own organisation's quarters; the lead and administrators every one."""
    return bool(user_roles(user) & REVIEW_ROLES) or user_may_enter(user, organisation)


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


def _posted(post, name: str) -> str:
    return post.get(name, "")[:MAX_FIELD]


def inputs_from_post(post, rows) -> tuple[dict, dict, dict]:
    """The boxes, commentaries and warning comments posted, for the grid's own boxes only."""
    inputs, commentaries, acknowledgements = {}, {}, {}
    for row in rows:
        for box in row.boxes:
            key = (box.indicator.pk, box.area.pk, box.spec.code)
            inputs[key] = BoxInput(
                value=_posted(post, f"{box.key}-value"), reason=_posted(post, f"{box.key}-reason")
            )
        name = f"c-{row.indicator.pk}"
        if name in post:
            commentaries[row.indicator.pk] = _posted(post, name)
    for name in post:
        if name.startswith("w-") and name[2:].isdigit():
            acknowledgements[int(name[2:])] = _posted(post, name)
    return inputs, commentaries, acknowledgements


class QuarterEntryView(AccessRequiredMixin, QuarterScopeMixin, TemplateView):
    """The grid of an organisation's boxes for a quarter; POST saves, or saves and submits."""

    access = ENTRY_ROLES
    template_name = "indicators/quarter_entry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = kwargs.get("rows") or entry_grid(scope=self.scope)
        record = QuarterReturn.objects.filter(
            organisation=self.organisation, period__code=self.scope.quarter.code
        ).first()
        status = record.status if record else QuarterReturn.Status.DRAFT
        commentary = {
            c.indicator_id: c.text
            for c in Commentary.objects.filter(period__code=self.scope.quarter.code)
        }
        posted = kwargs.get("posted")
        problems = kwargs.get("problems", [])
        errors = {(p.key, p.field): p.message for p in problems}
        themes = []
        for index, row in enumerate(rows):
            following = rows[index + 1] if index + 1 < len(rows) else None
            row.ends_indicator = following is None or following.indicator != row.indicator
            previous = rows[index - 1] if index else None
            row.starts_theme = previous is None or previous.indicator.theme != row.indicator.theme
            if row.starts_theme:
                themes.append((row.indicator.theme, row.indicator.get_theme_display()))
            row.commentary = (
                posted.get(f"c-{row.indicator.pk}", "")
                if posted
                else commentary.get(row.indicator.pk, "")
            )
            for box in row.boxes:
                key = (box.indicator.pk, box.area.pk, box.spec.code)
                if posted is not None:
                    box.shown_value = posted.get(f"{box.key}-value", "")
                    box.shown_reason = posted.get(f"{box.key}-reason", "")
                elif box.figure is not None:
                    box.shown_value = "" if box.figure.value is None else _plain(box.figure.value)
                    box.shown_reason = box.figure.not_available_reason
                else:
                    box.shown_value = box.shown_reason = ""
                box.value_error = errors.get((key, "value"), "")
                box.reason_error = errors.get((key, "reason"), "")
        warnings = list(record.warnings.select_related("indicator", "area")) if record else []
        if posted is not None:
            for warning in warnings:
                warning.shown_comment = posted.get(f"w-{warning.pk}", warning.comment)
        else:
            for warning in warnings:
                warning.shown_comment = warning.comment
        context.update(
            organisation=self.organisation,
            scope=self.scope,
            quarter=self.scope.quarter,
            rows=rows,
            record=record,
            status=status,
            status_label=QuarterReturn.Status(status).label,
            warnings=warnings,
            waiting=[w for w in warnings if not w.is_acknowledged],
            problems=problems,
            themes=themes,
            problem_anchors=[(p, _anchor(p, rows)) for p in problems],
            can_edit=status == QuarterReturn.Status.DRAFT
            and user_may_enter(self.request.user, self.organisation),
            can_review=bool(user_roles(self.request.user) & REVIEW_ROLES),
            sign_off_form=SignOffForm(),
            red_without_commentary=quarters.red_without_commentary(scope=self.scope)
            if status == QuarterReturn.Status.SUBMITTED
            else [],
        )
        return context

    def post(self, request, *args, **kwargs):
        rows = entry_grid(scope=self.scope)
        inputs, commentaries, acknowledgements = inputs_from_post(request.POST, rows)
        try:
            record = quarter_figures_save(
                user=request.user,
                scope=self.scope,
                inputs=inputs,
                commentaries=commentaries,
                acknowledgements=acknowledgements,
            )
        except EntryInvalid as invalid:
            context = self.get_context_data(
                rows=rows, posted=request.POST, problems=invalid.problems
            )
            return self.render_to_response(context, status=200)
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
        if waiting:
            text += (
                f" {waiting} warning{'s' if waiting != 1 else ''} need a comment before you submit."
            )
        messages.success(request, text)
        return redirect(self.grid_url())


def _plain(value) -> str:
    text = f"{value.normalize():f}"
    return text


def _anchor(problem, rows) -> str:
    if not problem.key:
        return "#grid"
    for row in rows:
        for box in row.boxes:
            if (box.indicator.pk, box.area.pk, box.spec.code) == problem.key:
                return f"#{box.key}-{problem.field}"
    return "#grid"


class QuarterSignOffView(AccessRequiredMixin, QuarterScopeMixin, View):
    """The performance lead approves, locks, unlocks or sends back an organisation's quarter."""

    access = REVIEW_ROLES
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


class FigureHistoryView(AccessRequiredMixin, DetailView):
    """Who changed a figure, when, from what to what, and why."""

    access = SIGNED_IN_ROLES
    template_name = "indicators/figure_history.html"
    context_object_name = "figure"

    def get_queryset(self):
        return Figure.objects.select_related("indicator", "area", "period")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["changes"] = selectors.figure_history(figure=self.object)
        return context
