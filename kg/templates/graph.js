/* The page's behaviour: search, filters, and clicks that lead somewhere. A node opens its details
   with links to its page and its lineage; an edge, the words that state it, each a link to the
   passage. Everything from the data is set as text (textContent, vis-network's tooltips), never
   as markup. Modes: "overview" (the corpus: edges of the selected node only), "neighbourhood"
   (a click narrows the view to what a node rests on), "lineage" (laid out in layers by kg). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var started = performance.now();
  var restsOn = new Set(data.restsOn);
  var MIN_SCALE = 0.75;  // 14 px labels never drawn under 10.5 px
  var labelEdges = data.mode !== "overview" && data.edges.length <= 12;
  data.edges.forEach(function (edge, index) {
    var relation = data.relations[edge.relation];
    edge.id = index;
    edge.color = relation[1]; edge.dashes = edge.relation === "partOf" || !!edge.against;
    if (labelEdges) edge.label = relation[0];
  });
  data.nodes.forEach(function (node) { node.search = fold(node.name + " " + node.title); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var $ = function (id) { return document.getElementById(id); };
  var state = { relations: new Set(), from: -Infinity, to: Infinity, undated: true, focus: null, visible: null,
                selected: null, linked: null };
  document.querySelectorAll("input.relation").forEach(function (box) { if (box.checked) state.relations.add(box.value); });

  function fold(text) {
    return text.replace(/[\u0111\u0110]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }
  function passes(node) {
    if (state.focus && !state.focus.has(node.id)) return false;
    if (node.year === null || node.year === undefined) return state.undated;
    return node.year >= state.from && node.year <= state.to;
  }
  function edgeAllowed(edge) {
    if (!state.relations.has(edge.relation)) return false;
    if (state.focus && !restsOn.has(edge.relation)) return false;
    if (data.mode === "overview" && !(state.selected !== null && (edge.from === state.selected || edge.to === state.selected))) return false;
    return true;
  }
  // A node is shown when it passes the filters and keeps an edge (no orphans left by a filter);
  // the start of a view, and every node of the overview, always.
  function showNode(node) {
    if (!passes(node)) return false;
    if (data.mode === "overview" || state.linked === null || node.key === data.focus) return true;
    return state.linked.has(node.id);
  }
  function showEdge(edge) {
    return edgeAllowed(edge) && state.visible !== null && state.visible.has(edge.from) && state.visible.has(edge.to);
  }
  var nodeView = new vis.DataView(nodes, { filter: showNode });
  var edgeView = new vis.DataView(edges, { filter: showEdge });

  function refresh() {
    var passing = new Set(nodes.get({ filter: passes }).map(function (n) { return n.id; }));
    state.linked = new Set();
    edges.forEach(function (edge) {
      if (edgeAllowed(edge) && passing.has(edge.from) && passing.has(edge.to)) { state.linked.add(edge.from); state.linked.add(edge.to); }
    });
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

  function link(href, words, className) {
    var a = document.createElement("a");
    a.href = href; a.textContent = words;
    if (className) a.className = className;
    return a;
  }
  function show(title, actions) {
    $("details").textContent = title;
    $("details").classList.remove("muted");
    var box = $("actions");
    box.textContent = "";
    actions.forEach(function (item) { box.appendChild(item); });
  }

  function select(id, narrow) {
    var node = nodes.get(id);
    if (!node) return;
    var actions = [];
    if (node.page) actions.push(link(node.page, node.kind === "instrument" ? "Open its page: what cites it" :
      node.kind === "document" ? "Open the document" : "Open it in the document's text", "open-page"));
    show(node.title, actions);
    var lineage = $("lineage-page");
    if (node.lineage) { lineage.href = node.lineage; lineage.hidden = false; } else { lineage.hidden = true; lineage.removeAttribute("href"); }
    var list = $("lineage-list");
    list.textContent = "";
    state.selected = id;
    if (narrow) {
      var levels = upstream(id);
      kg.lineageOf = id;
      state.focus = new Set(levels.keys());
      Array.from(levels.entries()).sort(function (a, b) { return a[1] - b[1]; }).slice(1).forEach(function (entry) {
        var item = document.createElement("li");
        item.textContent = (nodes.get(entry[0]) || { name: entry[0] }).name + " (level " + entry[1] + ")";
        list.appendChild(item);
      });
      $("show-all").hidden = false;
    }
    refresh();
    if (narrow) network.fit({ nodes: Array.from(state.focus), animation: false });
    network.selectNodes([id]);
    if (!narrow) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    history.replaceState(null, "", "#node=" + encodeURIComponent(node.key));
  }

  function selectEdge(id) {
    var edge = edges.get(id);
    if (!edge) return;
    var actions = [];
    (edge.evidence || []).forEach(function (found) {
      actions.push(link(found[1], "“" + found[0] + "”", "evidence"));
    });
    if (!actions.length) {
      var none = document.createElement("div");
      none.className = "muted";
      none.textContent = "No passage to open: the words are in the tooltip.";
      actions.push(none);
    }
    show(edge.title, actions);
  }

  kg.select = select;
  kg.selectEdge = selectEdge;
  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], data.mode === "neighbourhood");
    else if (params.edges.length) selectEdge(params.edges[0]);
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
  function found(query) {
    return nodeView.get({ filter: function (node) { return node.search.indexOf(query) >= 0 || node.key.indexOf(query) >= 0; } })
      .sort(function (a, b) { return (b.value - a.value) || a.name.localeCompare(b.name); });
  }
  $("search").addEventListener("input", function () {
    var query = fold($("search").value), list = $("search-list");
    list.textContent = "";
    if (query.length < 2) { $("search-result").textContent = ""; return; }
    var hits = found(query);
    $("search-result").textContent = hits.length + " found" + (hits.length > 20 ? ", the 20 most cited:" : "");
    hits.slice(0, 20).forEach(function (node) {
      var item = document.createElement("li"), button = document.createElement("button");
      button.type = "button"; button.textContent = node.name;
      button.addEventListener("click", function () { select(node.id, false); });
      item.appendChild(button);
      if (node.page) { item.appendChild(document.createTextNode(" · ")); item.appendChild(link(node.page, "page")); }
      list.appendChild(item);
    });
  });
  $("search").addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var query = fold($("search").value);
    if (!query) { network.unselectAll(); return; }
    var hits = found(query);
    network.selectNodes(hits.map(function (node) { return node.id; }));
    if (hits.length) network.focus(hits[0].id, { scale: 1.2, animation: false });
  });
  if ($("open-all")) {
    $("open-all").addEventListener("click", function () { document.querySelectorAll("#tree details").forEach(function (d) { d.open = true; }); });
    $("close-all").addEventListener("click", function () { document.querySelectorAll("#tree details").forEach(function (d) { d.open = false; }); });
  }
  // The overview names its groups on the canvas, above each disc.
  if (data.groups.length) {
    network.on("afterDrawing", function (context) {
      context.save();
      context.font = "bold 34px system-ui, sans-serif";
      context.fillStyle = "#333";
      context.textAlign = "center";
      data.groups.forEach(function (group) { context.fillText(group[0], group[1], group[2]); });
      context.restore();
    });
  }

  // Fit, but never below a readable size: a large lineage opens at its start, to be panned.
  function fitReadable() {
    network.fit({ animation: false });
    if (data.mode === "lineage" && network.getScale() < MIN_SCALE) {
      var start = nodes.get({ filter: function (node) { return node.key === data.focus; } })[0];
      var at = start ? network.getPosition(start.id) : network.getViewPosition();
      // the start is the lowest row: show it near the bottom, what it rests on above it
      network.moveTo({ scale: MIN_SCALE, position: { x: at.x, y: at.y - $("network").clientHeight * 0.35 / MIN_SCALE },
                       animation: false });
    }
  }
  kg.fitReadable = fitReadable;
  // vis-network scales the view with the canvas when the page's width changes (a scroll bar
  // appearing): keep labels readable then too.
  function keepReadable() {
    if (data.mode === "lineage" && kg.stabilized && network.getScale() < MIN_SCALE) {
      network.moveTo({ scale: MIN_SCALE, animation: false });
    }
  }
  network.on("resize", keepReadable);
  window.addEventListener("resize", keepReadable);

  function finished() {
    if (kg.stabilized) return;
    kg.stabilized = true;
    kg.stabilizedAt = performance.now() - started;
    kg.readyAt = performance.now();  // from the start of navigation: what a reader waits
    network.setOptions({ physics: { enabled: false } });
    $("progress").hidden = true;
    refresh();
    fitReadable();
    [50, 250, 1000].forEach(function (delay) { setTimeout(keepReadable, delay); });
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
  refresh();
  network.setData({ nodes: nodeView, edges: edgeView });
  if (!data.options.physics || !data.options.physics.enabled) network.redraw();
})();
