// Interactive tables: sort by any column, filter by text, download as CSV.
// Uses the vendored simple-datatables library; no network access.
(function () {
  "use strict";

  function columnTypes(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var columns = [];
    for (var i = 0; i < headers.length; i++) {
      var numeric = rows.length > 0 && rows.every(function (row) {
        var text = row.cells[i] ? row.cells[i].textContent.trim() : "";
        return text === "" || /^-?\d+(\.\d+)?$/.test(text);
      });
      if (numeric) {
        columns.push({ select: i, type: "number" });
      }
    }
    return columns;
  }

  function fileName(table, index) {
    var path = window.location.pathname.replace(/\/+$/, "").split("/").pop() || "survey";
    var caption = table.closest(".survey-table").getAttribute("data-name");
    return (caption || path) + (caption ? "" : "-table-" + (index + 1));
  }

  function enhance(container, index) {
    var table = container.querySelector("table");
    if (!table || table.dataset.enhanced) {
      return;
    }
    table.dataset.enhanced = "true";
    var dataTable = new window.simpleDatatables.DataTable(table, {
      searchable: true,
      paging: false,
      fixedColumns: false,
      columns: columnTypes(table),
      labels: {
        searchLabel: "Filter",
        placeholder: "Filter this table…",
        searchTitle: "Filter the rows of this table",
        noRows: "No row matches the filter",
        info: "{rows} rows",
      },
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button survey-csv";
    button.textContent = "Download CSV";
    button.addEventListener("click", function () {
      window.simpleDatatables.exportCSV(dataTable, {
        download: true,
        filename: fileName(table, index),
        lineDelimiter: "\n",
        columnDelimiter: ",",
      });
    });
    container.appendChild(button);
  }

  function enhanceAll() {
    document.querySelectorAll(".survey-table").forEach(enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
