// Draws the report from the JSON in #report-data: text, tables and SVG charts, in Chinese or English.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var COLOURS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
  var SVG = "http://www.w3.org/2000/svg";
  var lang = document.body.getAttribute("data-lang") || "zh";

  function t(label) { return label ? (label[lang] || label[lang === "zh" ? "en" : "zh"] || "") : ""; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function s(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmt(v, percent) {
    if (v === null || v === undefined || (typeof v === "number" && isNaN(v))) return "—";
    if (typeof v !== "number") return String(v);
    if (percent) return (v * 100).toFixed(1) + "%";
    if (Math.abs(v) >= 1000) return v.toLocaleString("en-US", { maximumFractionDigits: 0 });
    return String(Math.round(v * 1000) / 1000);
  }
  function cell(v) { return (v && typeof v === "object" && ("zh" in v)) ? t(v) : v; }
  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function legend(series) {
    var d = el("div", { "class": "legend" });
    series.forEach(function (ser, i) {
      var sp = el("span", { style: "--c:" + COLOURS[i % COLOURS.length] }, ser.name);
      d.appendChild(sp);
    });
    return d;
  }
  function axes(svg, W, H, m, yMax, percent, yLabel) {
    for (var i = 0; i <= 4; i++) {
      var y = m.t + (H - m.t - m.b) * (1 - i / 4);
      svg.appendChild(s("line", { x1: m.l, x2: W - m.r, y1: y, y2: y, stroke: "#e5e7eb" }));
      svg.appendChild(s("text", { x: m.l - 6, y: y + 4, "text-anchor": "end" }, fmt(yMax * i / 4, percent)));
    }
    if (yLabel) svg.appendChild(s("text", { x: 12, y: m.t - 8 }, yLabel));
  }

  function barChart(b) {
    var W = 560, H = 300, m = { l: 56, r: 12, t: 24, b: 64 };
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "chart" });
    var all = [];
    b.series.forEach(function (ser) { ser.values.forEach(function (v) { if (v !== null) all.push(v); }); });
    var yMax = b.percent ? 1 : niceMax(Math.max.apply(null, all.concat([0])));
    axes(svg, W, H, m, yMax, b.percent, t(b.y_label));
    var n = b.categories.length, k = b.series.length, gw = (W - m.l - m.r) / Math.max(n, 1);
    var bw = Math.max(2, (gw * 0.8) / Math.max(k, 1));
    b.categories.forEach(function (cat, ci) {
      b.series.forEach(function (ser, si) {
        var v = ser.values[ci];
        if (v === null || v === undefined) return;
        var h = (H - m.t - m.b) * Math.min(v, yMax) / yMax;
        var x = m.l + ci * gw + gw * 0.1 + si * bw;
        var r = s("rect", { x: x, y: H - m.b - h, width: bw - 1, height: Math.max(h, 0.5),
                            fill: COLOURS[si % COLOURS.length] });
        r.appendChild(s("title", {}, ser.name + " · " + cat + ": " + fmt(v, b.percent)));
        svg.appendChild(r);
      });
      var lx = m.l + ci * gw + gw / 2;
      svg.appendChild(s("text", { x: lx, y: H - m.b + 14, "text-anchor": "end",
                                  transform: "rotate(-30 " + lx + " " + (H - m.b + 14) + ")" }, cat));
    });
    return svg;
  }

  function lineChart(b) {
    var W = 560, H = 300, m = { l: 56, r: 28, t: 24, b: 40 };
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "chart" });
    var xs = b.x, xMin = Math.min.apply(null, xs), xMax = Math.max.apply(null, xs);
    var all = [];
    b.series.forEach(function (ser) { ser.values.forEach(function (v) { if (v !== null) all.push(v); }); });
    var yMax = b.percent ? 1 : niceMax(Math.max.apply(null, all.concat([0])));
    axes(svg, W, H, m, yMax, b.percent, t(b.y_label));
    function X(v) { return m.l + (W - m.l - m.r) * (xMax > xMin ? (v - xMin) / (xMax - xMin) : 0.5); }
    function Y(v) { return H - m.b - (H - m.t - m.b) * v / yMax; }
    xs.forEach(function (x) {
      svg.appendChild(s("text", { x: X(x), y: H - m.b + 16, "text-anchor": "middle" }, fmt(x, b.percent)));
    });
    if (b.x_label) svg.appendChild(s("text", { x: W - m.r, y: H - 4, "text-anchor": "end" }, t(b.x_label)));
    b.series.forEach(function (ser, si) {
      var pts = [];
      ser.values.forEach(function (v, i) { if (v !== null) pts.push(X(xs[i]) + "," + Y(v)); });
      svg.appendChild(s("polyline", { points: pts.join(" "), fill: "none", stroke: COLOURS[si % COLOURS.length],
                                      "stroke-width": 2 }));
      ser.values.forEach(function (v, i) {
        if (v === null) return;
        var c = s("circle", { cx: X(xs[i]), cy: Y(v), r: 3, fill: COLOURS[si % COLOURS.length] });
        c.appendChild(s("title", {}, ser.name + ": " + fmt(v, b.percent)));
        svg.appendChild(c);
      });
    });
    return svg;
  }

  function histogram(b) {
    var W = 560, H = 300, m = { l: 56, r: 12, t: 24, b: 40 };
    var svg = s("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "class": "chart" });
    var all = [];
    b.series.forEach(function (ser) { ser.values.forEach(function (v) { all.push(v || 0); }); });
    var yMax = niceMax(Math.max.apply(null, all.concat([0])));
    axes(svg, W, H, m, yMax, false, t(b.y_label));
    var nb = b.bins.length - 1, k = b.series.length, bw = (W - m.l - m.r) / Math.max(nb, 1);
    for (var i = 0; i < nb; i++) {
      b.series.forEach(function (ser, si) {
        var v = ser.values[i] || 0, h = (H - m.t - m.b) * v / yMax;
        var r = s("rect", { x: m.l + i * bw + si * (bw / k), y: H - m.b - h, width: Math.max(bw / k - 1, 1),
                            height: Math.max(h, 0), fill: COLOURS[si % COLOURS.length], "fill-opacity": 0.85 });
        r.appendChild(s("title", {}, ser.name + " [" + fmt(b.bins[i]) + ", " + fmt(b.bins[i + 1]) + "): " + v));
        svg.appendChild(r);
      });
      if (i % Math.ceil(nb / 8) === 0) {
        svg.appendChild(s("text", { x: m.l + i * bw, y: H - m.b + 16, "text-anchor": "middle" }, fmt(b.bins[i])));
      }
    }
    if (b.x_label) svg.appendChild(s("text", { x: W - m.r, y: H - 4, "text-anchor": "end" }, t(b.x_label)));
    return svg;
  }

  function table(b) {
    var card = el("div", { "class": "card wide" });
    card.appendChild(el("h3", {}, t(b.title)));
    var tb = el("table"), tr = el("tr");
    b.columns.forEach(function (c) { tr.appendChild(el("th", {}, t(c))); });
    tb.appendChild(tr);
    b.rows.forEach(function (row) {
      var r = el("tr");
      row.forEach(function (v) {
        var x = cell(v);
        r.appendChild(el("td", typeof x === "number" ? { "class": "num" } : {}, fmt(x)));
      });
      tb.appendChild(r);
    });
    card.appendChild(tb);
    if (t(b.note)) card.appendChild(el("p", { "class": "note" }, t(b.note)));
    return card;
  }

  function draw() {
    var drawn = 0, errors = [];
    document.getElementById("title").textContent = t(DATA.title);
    document.getElementById("subtitle").textContent = t(DATA.subtitle);
    document.getElementById("footer").textContent = t(DATA.footer);
    document.title = t(DATA.title);
    var main = document.getElementById("report");
    main.innerHTML = "";
    DATA.sections.forEach(function (sec) {
      main.appendChild(el("h2", {}, t(sec.title)));
      var grid = el("div", { "class": "grid" });
      sec.blocks.forEach(function (b) {
        try {
          if (b.type === "text") { main.insertBefore(el("p", {}, t(b.body)), null); return; }
          if (b.type === "table") { grid.appendChild(table(b)); return; }
          var card = el("div", { "class": "card" });
          card.appendChild(el("h3", {}, t(b.title)));
          var fn = { bar: barChart, line: lineChart, hist: histogram }[b.type];
          var svg = fn(b);
          card.appendChild(svg);
          card.appendChild(legend(b.series));
          grid.appendChild(card);
          if (svg.querySelectorAll("rect,polyline,circle").length > 0) drawn += 1;
          else errors.push(t(b.title) + ": nothing to draw");
        } catch (err) { errors.push(t(b.title) + ": " + err); }
      });
      main.appendChild(grid);
    });
    document.querySelectorAll("[data-set-lang]").forEach(function (btn) {
      btn.className = btn.getAttribute("data-set-lang") === lang ? "on" : "";
    });
    document.body.setAttribute("data-charts-drawn", String(drawn));
    document.body.setAttribute("data-chart-errors", errors.join(" | "));
  }

  document.querySelectorAll("[data-set-lang]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      lang = btn.getAttribute("data-set-lang");
      document.body.setAttribute("data-lang", lang);
      document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
      draw();
    });
  });
  draw();
})();
