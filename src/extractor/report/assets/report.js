(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var svg = document.getElementById("graph-svg");
  var details = document.getElementById("graph-details");
  var neighbours = {};
  data.graph.edges.forEach(function (edge) {
    (neighbours[edge[0]] = neighbours[edge[0]] || []).push(edge[1]);
    (neighbours[edge[1]] = neighbours[edge[1]] || []).push(edge[0]);
  });
  var pinned = null;

  function line(label, value) {
    if (value === "" || value === undefined || value === null) { return; }
    var row = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = label + ": ";
    row.appendChild(name);
    row.appendChild(document.createTextNode(String(value)));
    details.appendChild(row);
  }

  function showDetails(id) {
    details.textContent = "";
    var node = id ? data.graph.nodes[id] : null;
    if (!node) { details.textContent = "Hover or click a node."; return; }
    line(node.kind, node.label);
    line("kind", node.subkind);
    if (node.kind === "actor") { line("quotes", node.n_quotes); line("claims", node.n_claims); }
    else { line("speaker", node.speaker); line("text", node.text); line("document", node.doc_id); }
    if (node.anchor) {
      var link = document.createElement("a");
      link.href = "#" + node.anchor;
      link.textContent = "open the document";
      link.addEventListener("click", function () { document.getElementById(node.anchor).open = true; });
      details.appendChild(link);
    }
  }

  function highlight(id) {
    var keep = {};
    if (id) { keep[id] = true; (neighbours[id] || []).forEach(function (other) { keep[other] = true; }); }
    svg.classList.toggle("focus", Boolean(id));
    svg.querySelectorAll(".node").forEach(function (el) { el.classList.toggle("hi", Boolean(keep[el.dataset.id])); });
    svg.querySelectorAll(".edge").forEach(function (el) {
      el.classList.toggle("hi", el.dataset.source === id || el.dataset.target === id);
    });
    showDetails(id);
  }

  if (svg) {
    svg.addEventListener("mouseover", function (event) {
      var node = event.target.closest(".node");
      if (node && !pinned) { highlight(node.dataset.id); }
    });
    svg.addEventListener("mouseleave", function () { if (!pinned) { highlight(null); } });
    svg.addEventListener("click", function (event) {
      var node = event.target.closest(".node");
      pinned = node && pinned !== node.dataset.id ? node.dataset.id : null;
      highlight(pinned);
    });
  }

  function linkGroups(box, groups) {
    box.querySelectorAll("[data-groups]").forEach(function (el) {
      var mine = el.dataset.groups.split(" ");
      el.classList.toggle("linked", groups.some(function (group) { return group && mine.indexOf(group) >= 0; }));
    });
  }

  document.querySelectorAll(".doc-text").forEach(function (box) {
    box.addEventListener("mouseover", function (event) {
      var segment = event.target.closest("[data-groups]");
      linkGroups(box, segment ? segment.dataset.groups.split(" ") : []);
    });
    box.addEventListener("mouseleave", function () { linkGroups(box, []); });
  });
  // `report.html#node=<node id>` opens with that node pinned: a link to one actor.
  var linked = /^#node=(.+)$/.exec(window.location.hash);
  if (svg && linked) { pinned = decodeURIComponent(linked[1]); highlight(pinned); }
  document.documentElement.setAttribute("data-report-ready", "true");
})();
