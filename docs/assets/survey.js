// Interactive tables: sort by any column and filter by text (the vendored simple-datatables
// library), and download what is shown as CSV. No network access.
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

  // The CSV holds what the reader sees: the rows left by the filter, in the current order.
  // A cell that starts like a formula (=, +, -, @, tab or carriage return) gets a leading
  // apostrophe, as spreadsheet programs expect, so that opening the file runs nothing.
  function csvField(text) {
    var value = text.replace(/\s+/g, " ").trim();
    if (/^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value)) {
      value = "'" + value;
    }
    return /[",\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  function downloadCsv(table, name) {
    var lines = [];
    var rows = table.querySelectorAll("thead tr, tbody tr");
    rows.forEach(function (row) {
      if (row.querySelector("td.datatable-empty")) {
        return;
      }
      var cells = Array.prototype.map.call(row.cells, function (cell) {
        return csvField(cell.textContent);
      });
      lines.push(cells.join(","));
    });
    var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name + ".csv";
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function enhance(container, index) {
    var table = container.querySelector("table");
    if (!table || table.dataset.enhanced) {
      return;
    }
    table.dataset.enhanced = "true";
    new window.simpleDatatables.DataTable(table, {
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
      downloadCsv(table, fileName(table, index));
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
