/* The page's behaviour: filters, search, and a click that narrows the view to what a node rests on.
   Everything from the data is set as text (textContent, vis-network's tooltips), never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var started = performance.now();
  var restsOn = new Set(data.restsOn);
  data.edges.forEach(function (edge) {
    var relation = data.relations[edge.relation];
    edge.label = relation[0]; edge.color = relation[1]; edge.dashes = edge.relation === "partOf";
  });
  data.nodes.forEach(function (node) { node.search = fold(node.label + " " + node.title); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var $ = function (id) { return document.getElementById(id); };
  var state = { relations: new Set(), from: -Infinity, to: Infinity, undated: true, focus: null, visible: null };
  document.querySelectorAll("input.relation").forEach(function (box) { if (box.checked) state.relations.add(box.value); });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0111\u0110]/g, "d")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }
  function showNode(node) {
    if (state.focus && !state.focus.has(node.id)) return false;
    if (node.year === null || node.year === undefined) return state.undated;
    return node.year >= state.from && node.year <= state.to;
  }
  function showEdge(edge) {
    if (!state.relations.has(edge.relation)) return false;
    if (state.focus && !restsOn.has(edge.relation)) return false;
    return state.visible === null || (state.visible.has(edge.from) && state.visible.has(edge.to));
  }
  var nodeView = new vis.DataView(nodes, { filter: showNode });
  var edgeView = new vis.DataView(edges, { filter: showEdge });

  function refresh() {
    state.visible = null;
    nodeView.refresh();
    state.visible = new Set(nodeView.getIds());
    edgeView.refresh();
    $("status").textContent = nodeView.length + " of " + nodes.length + " nodes, " + edgeView.length + " of " +
      edges.length + " edges" + (kg.stabilizedAt !== null ? " · laid out in " + (kg.stabilizedAt / 1000).toFixed(1) + " s" : "");
  }

  // What a node rests on, level by level, over every edge of the page (filters aside).
  var out = new Map();
  data.edges.forEach(function (edge) {
    if (!restsOn.has(edge.relation)) return;
    if (!out.has(edge.from)) out.set(edge.from, []);
    out.get(edge.from).push(edge.to);
  });
  function upstream(id) {
    var level = new Map([[id, 0]]), queue = [id];
    while (queue.length) {
      var current = queue.shift();
      (out.get(current) || []).forEach(function (next) {
        if (!level.has(next)) { level.set(next, level.get(current) + 1); queue.push(next); }
      });
    }
    return level;
  }

  var network = new vis.Network($("network"), {}, data.options);
  var kg = window.kg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                         stabilized: false, stabilizedAt: null, readyAt: null, lineageOf: null, upstream: upstream };
  window.network = network;

  function select(id, narrow) {
    var node = nodes.get(id);
    if (!node) return;
    $("details").textContent = node.title;
    $("details").classList.remove("muted");
    var link = $("lineage-page");
    if (node.page) { link.href = node.page; link.hidden = false; } else { link.hidden = true; link.removeAttribute("href"); }
    var list = $("lineage-list");
    list.textContent = "";
    if (narrow) {
      var levels = upstream(id);
      kg.lineageOf = id;
      state.focus = new Set(levels.keys());
      refresh();
      Array.from(levels.entries()).sort(function (a, b) { return a[1] - b[1]; }).slice(1).forEach(function (entry) {
        var item = document.createElement("li");
        item.textContent = (nodes.get(entry[0]) || { label: entry[0] }).label + " (level " + entry[1] + ")";
        list.appendChild(item);
      });
      $("show-all").hidden = false;
      if (!data.hierarchical) network.fit({ nodes: Array.from(state.focus), animation: false });
    }
    network.selectNodes([id]);
    if (!narrow) network.focus(id, { scale: 1.0, animation: false });
  }

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], true);
  });
  $("show-all").addEventListener("click", function () {
    state.focus = null; kg.lineageOf = null; $("lineage-list").textContent = ""; $("show-all").hidden = true;
    refresh(); network.fit({ animation: false });
  });
  document.querySelectorAll("input.relation").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.relations.add(box.value); else state.relations.delete(box.value);
      refresh();
    });
  });
  ["year-from", "year-to", "year-unknown"].forEach(function (id) {
    if (!$(id)) return;
    $(id).addEventListener("change", function () {
      state.from = Number($("year-from").value) || -Infinity;
      state.to = Number($("year-to").value) || Infinity;
      state.undated = $("year-unknown").checked;
      refresh();
    });
  });
  $("search").addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var query = fold($("search").value);
    if (!query) { network.unselectAll(); $("search-result").textContent = ""; return; }
    var found = nodeView.get({ filter: function (node) { return node.search.indexOf(query) >= 0 || node.key.indexOf(query) >= 0; } });
    $("search-result").textContent = found.length + " found" + (found.length ? ": " + found.slice(0, 5).map(function (n) { return n.label; }).join(", ") : "");
    network.selectNodes(found.map(function (node) { return node.id; }));
    if (found.length) network.focus(found[0].id, { scale: 1.2, animation: false });
  });

  function finished() {
    if (kg.stabilized) return;
    kg.stabilized = true;
    kg.stabilizedAt = performance.now() - started;
    kg.readyAt = performance.now();  // from the start of navigation: what a reader waits
    network.setOptions({ physics: { enabled: false } });
    $("progress").hidden = true;
    refresh();
    var wanted = /(?:^#|&)node=([^&]*)/.exec(location.hash);
    if (wanted) {
      var key = decodeURIComponent(wanted[1]);
      var hit = nodes.get({ filter: function (node) { return node.key === key; } });
      if (hit.length) select(hit[0].id, false);
    }
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.on("stabilizationProgress", function (p) {
      $("progress").textContent = "Laying out " + nodes.length + " nodes: " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", finished);
  } else {
    network.once("afterDrawing", finished);
  }
  state.visible = null;
  network.setData({ nodes: nodeView, edges: edgeView });
  if (!data.options.physics || !data.options.physics.enabled) network.redraw();
})();
