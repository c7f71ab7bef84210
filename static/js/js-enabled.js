// Lets GOV.UK Frontend style components that need JavaScript before the modules load.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
