// Interactive tables: sort by any column and filter by text (the vendored simple-datatables
// library), and download what is shown as CSV; a "Copy link" button on the headings a reader
// cites. No network access.
(function () {
  "use strict";

  // Per column: numbers sort as numbers; a header that is itself a link (a paper in a topic's
  // evidence matrix) is not made a sort button, since a link inside a button cannot be reached;
  // a column of running text ("What the paper shows") is marked to keep room to be read.
  function columnSettings(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    var columns = [];
    for (var i = 0; i < headers.length; i++) {
      var texts = rows.map(function (row) {
        return row.cells[i] ? row.cells[i].textContent.trim() : "";
      });
      var column = { select: i };
      if (rows.length > 0 && texts.every(function (text) {
        return text === "" || /^-?\d+(\.\d+)?$/.test(text);
      })) {
        column.type = "number";
      }
      if (headers[i].querySelector("a, button, input")) {
        column.sortable = false;
      }
      var letters = texts.reduce(function (sum, text) { return sum + text.length; }, 0);
      if (rows.length > 0 && letters / rows.length > 60) {
        column.cellClass = "survey-prose";
      }
      columns.push(column);
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
      columns: columnSettings(table),
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

  // A frame that scrolls sideways is reachable from the keyboard (arrow keys scroll it) and
  // named for screen readers.
  function focusableFrames() {
    var frames = document.querySelectorAll("article .md-typeset__scrollwrap, article .survey-chart");
    frames.forEach(function (frame) {
      if (frame.scrollWidth > frame.clientWidth + 1 && !frame.hasAttribute("tabindex")) {
        var chart = frame.classList.contains("survey-chart");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", (chart ? "Chart" : "Table") + ", scrolls sideways");
      }
    });
  }

  // The address to cite: the page's canonical URL (the published site) when it has one.
  function addressOf(anchor) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : window.location.href;
    base = base.split("#")[0];
    return anchor ? base + "#" + anchor : base;
  }

  function copyText(text, button) {
    var done = function () {
      button.textContent = "Link copied";
      setTimeout(function () { button.textContent = "Copy link"; }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  function fallbackCopy(text, done) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    document.execCommand("copy");
    document.body.removeChild(field);
    done();
  }

  // A visible "Copy link" button on every heading a reader may cite (findings, questions).
  function copyLinks() {
    document.querySelectorAll(".survey-citable").forEach(function (heading) {
      if (heading.querySelector(".survey-copy-link")) {
        return;
      }
      var anchor = heading.tagName === "H1" ? "" : heading.id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "survey-copy-link";
      button.textContent = "Copy link";
      button.setAttribute("data-address", addressOf(anchor));
      button.setAttribute("aria-label", "Copy link to this " +
        (heading.tagName === "H2" ? "question" : "finding"));
      button.addEventListener("click", function () {
        copyText(button.getAttribute("data-address"), button);
      });
      var permalink = heading.querySelector(".headerlink");
      heading.insertBefore(button, permalink);
    });
  }

  function enhanceAll() {
    document.querySelectorAll(".survey-table").forEach(enhance);
    focusableFrames();
    copyLinks();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
