// Starts every GOV.UK Frontend component on the page (served from our own static files).
import { initAll } from "/static/vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
