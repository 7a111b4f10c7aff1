// Enhances a report that is already whole without it: sortable tables and a print button. Nothing here draws.
(function () {
  "use strict";
  var zh = document.body.getAttribute("data-lang") !== "en";
  var header = document.querySelector("header");
  var tools = document.createElement("div");
  tools.className = "tools";
  var print = document.createElement("button");
  print.type = "button";
  print.textContent = zh ? "打印／PDF" : "Print / PDF";
  print.addEventListener("click", function () { window.print(); });
  tools.appendChild(print);
  header.insertBefore(tools, document.getElementById("subtitle"));

  function key(cell) {
    var text = cell ? cell.textContent : "";
    var n = parseFloat(text.replace(/[,%\s]/g, ""));
    return isNaN(n) ? text : n;
  }
  document.querySelectorAll("table").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("data-sort", "");
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var dir = th.getAttribute("data-sort") === "asc" ? -1 : 1;
        heads.forEach(function (h) { h.setAttribute("data-sort", ""); });
        th.setAttribute("data-sort", dir === 1 ? "asc" : "desc");
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          if (typeof x === typeof y) return (x < y ? -1 : x > y ? 1 : 0) * dir;
          return (typeof x === "number" ? -1 : 1) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.body.setAttribute("data-charts-drawn", String(document.querySelectorAll("svg.chart").length));
  document.body.setAttribute("data-chart-errors", "");
  document.body.setAttribute("data-enhanced", "1");
})();
