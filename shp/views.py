"""Views of the partnership core: home, partners, sign-in pages and background jobs."""

import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse_lazy
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView
from django_ratelimit.core import is_ratelimited

from shp import selectors, services
from shp.errors import ApplicationError
from shp.filters import SentReminderFilter
from shp.forms import (
    DemoJobForm,
    PartnershipForm,
    PasswordChangeForm,
    PasswordResetForm,
    ServiceFormMixin,
    SetPasswordForm,
    SetupUploadForm,
    SignInForm,
)
from shp.models import Job, Partnership, SentReminder
from shp.permissions import PUBLIC, SIGNED_IN, AccessRequiredMixin, access_required
from shp.reminders import kind_labels
from shp.roles import ADMINISTRATOR_ROLES, JOB_RUNNER_ROLES


class HomeView(AccessRequiredMixin, TemplateView):
    access = PUBLIC
    template_name = "shp/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tasks"] = selectors.home_tasks_for(user=self.request.user)
        return context


class StaticPageView(AccessRequiredMixin, TemplateView):
    """Accessibility statement, privacy notice: fixed text anyone may read."""

    access = PUBLIC


class OrganisationListView(AccessRequiredMixin, ListView):
    access = PUBLIC
    template_name = "shp/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return selectors.organisation_list()


class OrganisationDetailView(AccessRequiredMixin, DetailView):
    access = PUBLIC
    template_name = "shp/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return selectors.organisation_detail_queryset()


class SignInView(AccessRequiredMixin, auth_views.LoginView):
    access = PUBLIC
    form_class = SignInForm
    redirect_authenticated_user = True


class SignOutView(AccessRequiredMixin, auth_views.LogoutView):
    access = PUBLIC


def _reset_address(group, request) -> str:
    return (request.POST.get("email") or "").strip().lower()


class PasswordResetView(AccessRequiredMixin, auth_views.PasswordResetView):
    """Ask for a reset link: limited per address asked for and per client (django-ratelimit),
    so the form cannot be used to flood someone's inbox or probe many addresses."""

    access = PUBLIC
    form_class = PasswordResetForm

    def post(self, request, *args, **kwargs):
        limits = [
            ("password-reset-client", "ip", settings.PASSWORD_RESET_RATE_PER_CLIENT),
            ("password-reset-address", _reset_address, settings.PASSWORD_RESET_RATE_PER_ADDRESS),
        ]
        limited = [
            is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)
            for group, key, rate in limits
        ]
        if any(limited):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)


def too_many_requests(request, exception=None):
    """The page for a request refused by a rate limit (429)."""
    return render(request, "registration/too_many_requests.html", status=429)


class PasswordResetDoneView(AccessRequiredMixin, auth_views.PasswordResetDoneView):
    access = PUBLIC


class PasswordResetConfirmView(AccessRequiredMixin, auth_views.PasswordResetConfirmView):
    access = PUBLIC
    form_class = SetPasswordForm


class PasswordResetCompleteView(AccessRequiredMixin, auth_views.PasswordResetCompleteView):
    access = PUBLIC


class PasswordChangeView(AccessRequiredMixin, auth_views.PasswordChangeView):
    access = SIGNED_IN
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)


class JobListView(AccessRequiredMixin, FormView):
    """Recent background jobs, and a form to start the demonstration job."""

    access = JOB_RUNNER_ROLES
    template_name = "shp/job_list.html"
    form_class = DemoJobForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = selectors.job_list_for(user=self.request.user)
        return context

    def form_valid(self, form):
        try:
            job = services.demo_job_start(user=self.request.user, steps=form.cleaned_data["steps"])
        except ApplicationError as error:
            form.add_error(error.field, error.message)
            return self.form_invalid(form)
        return redirect(job)


class JobDetailView(AccessRequiredMixin, DetailView):
    access = JOB_RUNNER_ROLES
    template_name = "shp/job_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return Job.objects.for_user(self.request.user)


@access_required(JOB_RUNNER_ROLES)
def job_status(request, pk):
    """The job's progress as JSON, polled by the job page's script."""
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    return JsonResponse(
        {
            "id": str(job.pk),
            "status": job.status,
            "status_label": job.get_status_display(),
            "step": job.step,
            "total_steps": job.total_steps,
            "percent": job.percent,
            "message": job.message,
            "error": job.error,
            "result_url": job.result_url,
            "finished": job.is_finished,
        }
    )


class PartnershipView(AccessRequiredMixin, ServiceFormMixin, FormView):
    """An administrator's page: the partnership's details, and its set-up from files."""

    access = ADMINISTRATOR_ROLES
    template_name = "shp/partnership.html"
    form_class = PartnershipForm

    def get_initial(self):
        current = Partnership.objects.current()
        return {
            **{field: getattr(current, field) for field in services.PARTNERSHIP_FIELDS},
            "read_version": current.version if current.pk else 0,  # 0: not set up yet
        }

    def get_context_data(self, **kwargs):
        from shp.setup import setup_steps

        kwargs.setdefault("setup_form", SetupUploadForm())
        files = [name for step in setup_steps() for name in step.files]
        return super().get_context_data(setup_files=files, **kwargs)

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k != "read_version"}
        try:
            services.partnership_update(
                user=self.request.user,
                values=values,
                read_version=form.cleaned_data.get("read_version") or 0,
            )
        except ApplicationError as error:
            return self.service_error(form, error)
        messages.success(self.request, "The partnership's details were saved.")
        return redirect("shp:partnership")


class PartnershipSetupView(PartnershipView):
    """Load the set-up files from a zip: all or none."""

    def get(self, request, *args, **kwargs):
        return redirect("shp:partnership")

    def post(self, request, *args, **kwargs):
        from shp.setup import SetupFailed

        setup_form = SetupUploadForm(request.POST, request.FILES)
        if setup_form.is_valid():
            try:
                report = services.partnership_setup_upload(
                    user=request.user, content=setup_form.cleaned_data["file"].read()
                )
            except SetupFailed as failure:
                for problem in failure.problems[:100]:
                    setup_form.add_error("file", problem)
            except ApplicationError as error:
                setup_form.add_error("file", error.message)
            else:
                messages.success(request, "Loaded. " + "; ".join(report) + ".")
                return redirect("shp:partnership")
        return self.render_to_response(
            self.get_context_data(
                form=self.get_form_class()(initial=self.get_initial()), setup_form=setup_form
            )  # fmt: skip
        )


class SentReminderListView(AccessRequiredMixin, FilterView):
    """Every reminder the partnership e-mailed, newest first, with whether it went."""

    access = JOB_RUNNER_ROLES
    template_name = "shp/reminder_list.html"
    filterset_class = SentReminderFilter
    paginate_by = 50

    def get_queryset(self):
        return SentReminder.objects.select_related("recipient").order_by("-created_at")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["labels"] = kind_labels()
        return context


DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@requires_csrf_token
def server_error(request):
    """The 500 page; when the database could not be reached (a restart, a failover), the 503
    page instead, asking to try again shortly. Rendered without the request's context, which
    would read the database."""
    failure = sys.exc_info()[1]
    if isinstance(failure, DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
