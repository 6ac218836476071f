// The Wharf dashboard: polls the cluster-wide admin API of the edge that served it, with the admin
// token the operator entered (kept in sessionStorage, so only for this tab). Every value is put in
// the page as text, never as HTML.
"use strict";

(function () {
  const TOKEN_KEY = "wharf-admin-token";
  const POLL_MS = 2000;
  const HISTORY = 150; // samples kept for the charts: 5 minutes
  const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

  const $ = (id) => document.getElementById(id);
  let timer = null;
  const history = { times: [], edges: new Map() }; // edge id -> {connections: [], in: [], out: []}
  let previous = new Map(); // edge id -> {at, received, delivered}
  let charts = null;
  let chartedEdges = "";
  let topicChart = null;
  let chartedTopics = "";
  let polls = 0;

  class Unauthorized extends Error {}

  async function api(method, path) {
    const response = await fetch(path, {
      method,
      headers: {
        Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY),
        Accept: "application/json",
        // Makes the edge challenge with Bearer only, so the browser opens no login dialog of its own.
        "X-Requested-With": "wharf-dashboard",
      },
      cache: "no-store",
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      throw new Unauthorized(body.error || "the admin token was refused");
    }
    if (!response.ok) {
      throw new Error(body.error || "HTTP " + response.status);
    }
    return body;
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "-" : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function button(row, label, className, action) {
    const td = document.createElement("td");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.className = className;
    b.addEventListener("click", action);
    td.appendChild(b);
    row.appendChild(td);
    return b;
  }

  function uptime(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return h > 0 ? h + "h" + String(m).padStart(2, "0") + "m" : m + "m" + String(seconds % 60).padStart(2, "0") + "s";
  }

  function status(text, isError) {
    $("status").textContent = text;
    $("status").classList.toggle("error", Boolean(isError));
  }

  // What the operator's last action did: kept apart from the status line, which every poll rewrites.
  function notice(text) {
    $("notice").textContent = text;
  }

  function handle(error) {
    if (error instanceof Unauthorized) {
      showLogin(error.message);
    } else {
      status(error.message, true);
    }
  }

  // --- edges and charts

  function rates(edge, now) {
    const before = previous.get(edge.id);
    const seconds = before ? (now - before.at) / 1000 : 0;
    let rateIn = null;
    let rateOut = null;
    if (before && seconds > 0 && edge.messagesReceived !== null && before.received !== null) {
      rateIn = Math.max(0, (edge.messagesReceived - before.received) / seconds);
      rateOut = Math.max(0, (edge.messagesDelivered - before.delivered) / seconds);
    }
    previous.set(edge.id, { at: now, received: edge.messagesReceived, delivered: edge.messagesDelivered });
    return { rateIn, rateOut };
  }

  function renderEdges(listing) {
    const now = Date.now();
    const tbody = $("edges").querySelector("tbody");
    tbody.replaceChildren();
    history.times.push(now / 1000);
    const seen = new Set();
    for (const edge of listing.items) {
      seen.add(edge.id);
      const { rateIn, rateOut } = rates(edge, now);
      const row = document.createElement("tr");
      row.dataset.edgeId = edge.id;
      cell(row, edge.id);
      cell(row, edge.state, "state-" + edge.state);
      cell(row, edge.connections, "num");
      cell(row, rateIn === null ? null : rateIn.toFixed(1), "num");
      cell(row, rateOut === null ? null : rateOut.toFixed(1), "num");
      cell(row, edge.kafkaLag, "num");
      cell(row, edge.mqttAddress);
      cell(row, uptime(edge.uptimeSeconds));
      cell(row, edge.version);
      const drain = button(row, "Drain", "danger drain", () => drainEdge(edge.id));
      drain.disabled = edge.state !== "serving";
      tbody.appendChild(row);
      if (!history.edges.has(edge.id)) {
        history.edges.set(edge.id, { connections: history.times.map(() => null), in: [], out: [] });
        const series = history.edges.get(edge.id);
        series.in = series.connections.slice();
        series.out = series.connections.slice();
        series.connections.pop();
        series.in.pop();
        series.out.pop();
      }
      const series = history.edges.get(edge.id);
      series.connections.push(edge.connections);
      series.in.push(rateIn);
      series.out.push(rateOut);
    }
    for (const [id, series] of history.edges) {
      if (!seen.has(id)) {
        series.connections.push(null);
        series.in.push(null);
        series.out.push(null);
      }
    }
    if (history.times.length > HISTORY) {
      history.times.shift();
      for (const series of history.edges.values()) {
        series.connections.shift();
        series.in.shift();
        series.out.shift();
      }
    }
    const unanswered = (listing.unanswered || []).map((failure) => failure.edge);
    status(
      listing.items.length + " edge(s)" + (unanswered.length ? "; no answer from " + unanswered.join(", ") : "")
        + " · " + new Date(now).toLocaleTimeString(),
      unanswered.length > 0,
    );
    $("edges").dataset.samples = String(history.times.length);
    drawCharts();
  }

  function drawCharts() {
    if (typeof uPlot === "undefined") {
      return;
    }
    const ids = [...history.edges.keys()];
    const key = ids.join(",");
    const width = Math.max(280, Math.min(460, ($("main").clientWidth - 140) / 3));
    const data = (field) => [history.times, ...ids.map((id) => history.edges.get(id)[field])];
    if (charts === null || key !== chartedEdges) {
      if (charts !== null) {
        charts.forEach((chart) => chart.destroy());
      }
      const make = (target, field) => new uPlot(
        {
          width,
          height: 180,
          series: [{}, ...ids.map((id, i) => ({ label: id, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false }))],
          axes: [{}, { size: 50 }],
          scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
        },
        data(field),
        $(target),
      );
      charts = [make("chart-connections", "connections"), make("chart-in", "in"), make("chart-out", "out")];
      chartedEdges = key;
    } else {
      charts[0].setData(data("connections"));
      charts[1].setData(data("in"));
      charts[2].setData(data("out"));
    }
  }

  async function refreshEdges() {
    try {
      renderEdges(await api("GET", "/api/edges"));
    } catch (error) {
      handle(error);
    }
  }

  // Analytics windows last a minute or more: topics are asked for at every fifth poll.
  function poll() {
    refreshEdges();
    if (polls++ % 5 === 0) {
      refreshTopics();
    }
  }

  async function drainEdge(id) {
    if (!window.confirm("Drain edge " + id + "? Its clients move to other edges, then it stops.")) {
      return;
    }
    try {
      await api("POST", "/api/edges/" + encodeURIComponent(id) + "/drain");
      notice("edge " + id + " drains");
      refreshEdges();
    } catch (error) {
      handle(error);
    }
  }

  // --- clients

  async function findClients(event) {
    if (event) {
      event.preventDefault();
    }
    const filter = $("client-filter").value;
    try {
      const listing = await api("GET", "/api/clients?filter=" + encodeURIComponent(filter));
      const tbody = $("clients").querySelector("tbody");
      tbody.replaceChildren();
      for (const client of listing.items) {
        const row = document.createElement("tr");
        row.dataset.clientId = client.clientId;
        cell(row, client.clientId);
        cell(row, client.edge);
        cell(row, client.connected ? "yes" : "no (session kept)");
        cell(row, client.address);
        cell(row, client.user);
        cell(row, client.protocol);
        cell(row, client.since);
        button(row, "Details", "details", () => showClient(client.clientId));
        if (client.connected) {
          button(row, "Kick", "danger kick", () => kick(client.clientId));
        } else {
          button(row, "Remove session", "danger remove", () => removeSession(client.clientId));
        }
        tbody.appendChild(row);
      }
      if (listing.items.length === 0) {
        const row = document.createElement("tr");
        cell(row, "no client or session matches").colSpan = 9;
        tbody.appendChild(row);
      }
    } catch (error) {
      handle(error);
    }
  }

  async function showClient(id) {
    try {
      const client = await api("GET", "/api/clients/" + encodeURIComponent(id));
      $("client-detail-title").textContent = client.clientId + (client.connected ? " on " : ", session kept on ") + client.edge;
      $("detail-expiry").textContent = client.sessionExpirySeconds === null || client.sessionExpirySeconds === undefined
        ? "-" : client.sessionExpirySeconds + " s";
      $("detail-inflight").textContent = client.inFlight ?? "-";
      $("detail-queued").textContent = client.queued ?? "-";
      $("detail-will").textContent = client.will
        ? client.will.topic + (client.will.retain ? " (retained)" : "") + ", after " + client.will.delaySeconds + " s"
        : "none";
      const list = $("detail-subscriptions");
      list.replaceChildren();
      for (const subscription of client.subscriptions || []) {
        const item = document.createElement("li");
        item.textContent = subscription.filter + " (QoS " + subscription.qos + ")";
        list.appendChild(item);
      }
      $("client-detail").hidden = false;
    } catch (error) {
      handle(error);
    }
  }

  async function kick(id) {
    try {
      await api("DELETE", "/api/clients/" + encodeURIComponent(id));
      notice("kicked " + id);
      findClients();
    } catch (error) {
      handle(error);
    }
  }

  async function removeSession(id) {
    if (!window.confirm("Remove the session of " + id + "?")) {
      return;
    }
    try {
      await api("DELETE", "/api/sessions/" + encodeURIComponent(id));
      notice("removed the session of " + id);
      findClients();
    } catch (error) {
      handle(error);
    }
  }

  // --- topic rates

  async function refreshTopics() {
    try {
      const listing = await api("GET", "/api/topics");
      const tbody = $("topics").querySelector("tbody");
      tbody.replaceChildren();
      for (const topic of listing.items) {
        const row = document.createElement("tr");
        row.dataset.filter = topic.filter;
        cell(row, topic.filter);
        cell(row, topic.messagesPerSecond.toFixed(2), "num");
        cell(row, topic.bytesPerSecond.toFixed(0), "num");
        cell(row, topic.messages, "num");
        cell(row, new Date(topic.windowStart).toLocaleTimeString() + " - " + new Date(topic.windowEnd).toLocaleTimeString());
        tbody.appendChild(row);
      }
      if (listing.items.length === 0) {
        const row = document.createElement("tr");
        cell(row, "no analytics written yet (the router writes a window when it closes)").colSpan = 5;
        tbody.appendChild(row);
      }
      drawTopicChart(listing.items);
    } catch (error) {
      handle(error);
    }
  }

  function drawTopicChart(topics) {
    if (typeof uPlot === "undefined") {
      return;
    }
    const starts = [...new Set(topics.flatMap((t) => t.recent.map((w) => Date.parse(w.windowStart) / 1000)))].sort((a, b) => a - b);
    const data = [starts, ...topics.map((t) => {
      const byStart = new Map(t.recent.map((w) => [Date.parse(w.windowStart) / 1000, w.messagesPerSecond]));
      return starts.map((start) => (byStart.has(start) ? byStart.get(start) : null));
    })];
    const key = topics.map((t) => t.filter).join(",");
    if (topicChart === null || key !== chartedTopics) {
      if (topicChart !== null) {
        topicChart.destroy();
      }
      topicChart = new uPlot(
        {
          width: Math.max(280, Math.min(940, $("main").clientWidth - 80)),
          height: 180,
          series: [{}, ...topics.map((t, i) => ({ label: t.filter, stroke: COLORS[i % COLORS.length], width: 2 }))],
          axes: [{}, { size: 50 }],
          scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
        },
        data,
        $("chart-topics"),
      );
      chartedTopics = key;
    } else {
      topicChart.setData(data);
    }
  }

  // --- retained messages

  async function browseRetained(event) {
    if (event) {
      event.preventDefault();
    }
    const filter = $("retained-filter").value || "#";
    try {
      const listing = await api("GET", "/api/retained?filter=" + encodeURIComponent(filter));
      const tbody = $("retained").querySelector("tbody");
      tbody.replaceChildren();
      for (const message of listing.items) {
        const row = document.createElement("tr");
        row.dataset.topic = message.topic;
        cell(row, message.topic);
        cell(row, message.qos, "num");
        cell(row, message.bytes, "num");
        cell(row, message.payload !== null ? message.payload : "(binary) " + message.payloadBase64);
        cell(row, message.publishedAt);
        button(row, "Delete", "danger delete", () => deleteRetained(message.topic));
        tbody.appendChild(row);
      }
    } catch (error) {
      handle(error);
    }
  }

  async function deleteRetained(topic) {
    if (!window.confirm("Clear the retained message on " + topic + "?")) {
      return;
    }
    try {
      const path = topic.split("/").map(encodeURIComponent).join("/");
      await api("DELETE", "/api/retained/" + path);
      notice("cleared the retained message of " + topic);
      browseRetained();
    } catch (error) {
      handle(error);
    }
  }

  // --- login

  function showLogin(message) {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    sessionStorage.removeItem(TOKEN_KEY);
    $("main").hidden = true;
    $("logout").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("token").focus();
  }

  async function open() {
    $("login").hidden = true;
    $("main").hidden = false;
    $("logout").hidden = false;
    polls = 0;
    poll();
    if (sessionStorage.getItem(TOKEN_KEY) !== null && timer === null) {
      timer = setInterval(poll, POLL_MS);
    }
  }

  function start() {
    $("login-form").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
      $("token").value = "";
      open();
    });
    $("logout").addEventListener("click", () => showLogin(""));
    $("clients-form").addEventListener("submit", findClients);
    $("retained-form").addEventListener("submit", browseRetained);
    if (sessionStorage.getItem(TOKEN_KEY) === null) {
      // The laptop default needs no token: try without one first.
      sessionStorage.setItem(TOKEN_KEY, "");
      api("GET", "/api/edges").then(open, () => showLogin(""));
    } else {
      open();
    }
  }

  start();
})();
