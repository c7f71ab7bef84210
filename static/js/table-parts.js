// The dashboard's table lists each total with its parts beneath it; a button beside a total
// folds its parts away and back. Without JavaScript every row shows.
(function () {
  "use strict";
  var table = document.querySelector(".shp-yoy-table");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-code]"));

  function partsOf(code) {
    return rows.filter(function (row) {
      return (row.getAttribute("data-ancestors") || "").split(" ").indexOf(code) !== -1;
    });
  }

  rows.forEach(function (row) {
    if (row.getAttribute("data-has-parts") !== "true") return;
    var code = row.getAttribute("data-code");
    var cell = row.querySelector("td");
    var link = cell && cell.querySelector("a");
    if (!link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "shp-link-button shp-parts-toggle";
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("data-parts-of", code);
    var name = link.textContent;
    function label(open) {
      button.textContent = open ? "Hide parts" : "Show parts";
      var hidden = document.createElement("span");
      hidden.className = "govuk-visually-hidden";
      hidden.textContent = " of " + name;
      button.appendChild(hidden);
    }
    label(true);
    button.shpLabel = label;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      label(open);
      partsOf(code).forEach(function (part) {
        part.hidden = !open;
        var inner = part.querySelector("[data-parts-of]");
        if (inner && open) {
          inner.setAttribute("aria-expanded", "true");
          inner.shpLabel(true);
        }
      });
    });
    link.insertAdjacentElement("afterend", button);
  });
})();
