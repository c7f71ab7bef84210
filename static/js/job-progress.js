// Polls a background job's status and updates its progress bar until the job finishes.
(function () {
  "use strict";
  var root = document.getElementById("job-progress");
  if (!root || !window.fetch) return;
  var url = root.getAttribute("data-job-status-url");
  var bar = document.getElementById("job-progress-bar");
  function field(name) { return root.querySelector('[data-job-field="' + name + '"]'); }
  var tagClasses = { succeeded: "govuk-tag--green", failed: "govuk-tag--red", running: "govuk-tag--blue", queued: "govuk-tag--grey", waiting: "govuk-tag--yellow" };

  function render(job) {
    bar.value = job.percent;
    bar.textContent = job.percent + "%";
    var tag = field("status_label").querySelector(".govuk-tag");
    tag.textContent = job.status_label;
    tag.className = "govuk-tag " + (tagClasses[job.status] || "");
    if (job.message) field("message").textContent = job.message;
    if (job.error) {
      field("error-text").textContent = job.error;
      field("error").hidden = false;
    }
    if (job.result_url) {
      field("result-link").href = job.result_url;
      field("result").hidden = false;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        render(job);
        if (!job.finished) window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
