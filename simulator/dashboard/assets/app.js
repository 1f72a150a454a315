// Switchboard dashboard: plain JavaScript, no build step, no network beyond
// this server's control plane. Every value from the server goes into the
// page as text, never as HTML.
"use strict";
(function () {
  const A = "/__admin";
  const MAX_ROWS = 500;
  const state = { entries: [], seqs: new Set(), open: null, view: "requests", tenants: [], apis: [] };
  const $ = (sel) => document.querySelector(sel);

  // el builds an element: el("td", {class: "x"}, "text", child, ...)
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids.flat()) {
      if (k === undefined || k === null) continue;
      e.append(k instanceof Node ? k : String(k));
    }
    return e;
  }

  async function call(method, path, body) {
    const opts = { method, headers: {}, credentials: "same-origin" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(A + path, opts);
    const text = await r.text();
    let data = text;
    try { data = JSON.parse(text); } catch (_) { /* not JSON */ }
    if (!r.ok) {
      const msg = data && data.error ? data.error.message : text;
      say("error: " + method + " " + path + ": " + r.status + " " + msg);
      throw new Error(msg);
    }
    return data;
  }

  function say(msg) { $("#live").textContent = msg; }

  const filters = () => ({ tenant: $("#f-tenant").value, api: $("#f-api").value });
  const q = (params) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
    const t = s.toString();
    return t ? "?" + t : "";
  };
  const passes = (e) => { const f = filters(); return (!f.tenant || e.tenant === f.tenant) && (!f.api || e.api === f.api); };
  const time = (t) => (t ? String(t).replace("T", " ").replace(/\.\d+/, "").replace("Z", "") : "");

  // ----- tabs: arrow keys move between them, as WAI-ARIA tabs do -----
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function show(tab, focus) {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    state.view = tab.id.replace("tab-", "");
    refresh();
  }
  tabs.forEach((t, i) => {
    t.addEventListener("click", () => show(t));
    t.addEventListener("keydown", (ev) => {
      let j = null;
      if (ev.key === "ArrowRight") j = (i + 1) % tabs.length;
      if (ev.key === "ArrowLeft") j = (i - 1 + tabs.length) % tabs.length;
      if (ev.key === "Home") j = 0;
      if (ev.key === "End") j = tabs.length - 1;
      if (j !== null) { ev.preventDefault(); show(tabs[j], true); }
    });
  });
  $("#f-tenant").addEventListener("change", () => { renderRequests(); refresh(); });
  $("#f-api").addEventListener("change", () => { renderRequests(); refresh(); });

  // ----- requests -----
  function add(e) {
    if (state.seqs.has(e.seq)) return false;
    state.seqs.add(e.seq);
    state.entries.push(e);
    if (state.entries.length > MAX_ROWS) state.seqs.delete(state.entries.shift().seq);
    if (e.api && !state.apis.includes(e.api)) { state.apis.push(e.api); fillSelect("#f-api", state.apis, "all APIs"); }
    return true;
  }

  function row(e) {
    const cls = "s" + String(e.status).charAt(0);
    const tr = el("tr", { tabindex: "0", "data-seq": e.seq, "aria-selected": state.open === e.seq ? "true" : "false" },
      el("td", { title: time(e.time) }, time(e.time).slice(11) || "—"), el("td", { title: e.tenant || "" }, e.tenant || "—"), el("td", {}, e.api),
      el("td", {}, e.operation || e.method + " " + e.path),
      el("td", { class: cls }, e.status, e.explanation ? el("span", { class: "tag", title: "has a near-miss explanation" }, " ?") : null),
      el("td", {}, (e.latencyMs || 0).toFixed(1) + " ms"));
    const open = () => openEntry(e.seq);
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); }
      if (ev.key === "ArrowDown" && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
      if (ev.key === "ArrowUp" && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
    });
    return tr;
  }

  function renderRequests() {
    const rows = state.entries.filter(passes).slice().reverse().map(row);
    $("#requests tbody").replaceChildren(...rows);
    $("#requests-empty").hidden = rows.length > 0;
  }

  function prepend(e) {
    if (!passes(e)) return;
    $("#requests tbody").prepend(row(e));
    const body = $("#requests tbody");
    while (body.children.length > MAX_ROWS) body.lastElementChild.remove();
    $("#requests-empty").hidden = true;
  }

  function curl(e) {
    const url = location.origin + e.path + (e.query ? "?" + e.query : "");
    const parts = ["curl", "-X", e.method, JSON.stringify(url)];
    for (const [k, vs] of Object.entries(e.headers || {})) {
      if (/^(host|content-length|accept-encoding|connection|user-agent)$/i.test(k)) continue;
      for (const v of vs) parts.push("-H", JSON.stringify(k + ": " + v));
    }
    if (e.body) parts.push("--data-raw", "'" + e.body.replace(/'/g, "'\\''") + "'");
    return parts.join(" ");
  }

  function explanation(x) {
    const box = el("div", { class: "explain", id: "explanation" }, el("strong", {}, "Near miss (" + x.kind + "): "), x.summary);
    if (x.candidates && x.candidates.length) {
      box.append(el("p", {}, "Closest operations:"), el("ol", {}, x.candidates.map((c) =>
        el("li", {}, el("code", {}, c.method + " " + c.path), " (" + c.operation + ")", c.differs && c.differs.length ? " — " + c.differs.join("; ") : ""))));
    }
    if (x.expected && x.expected.length) box.append(el("p", {}, "Expected: ", x.expected.join(" | ")));
    if (x.received && x.received.length) box.append(el("p", {}, "Received: ", x.received.join(" | ")));
    if (x.tried && x.tried.length) box.append(el("p", {}, "Tenant keys tried: ", x.tried.join(" | ")));
    if (x.fields && x.fields.length) {
      box.append(el("ul", {}, x.fields.map((f) => el("li", {}, el("code", {}, f.pointer), f.rule ? " [" + f.rule + "]" : "", f.allowed ? " allowed: " + f.allowed : "", " — " + f.message))));
    }
    return box;
  }

  function openEntry(seq) {
    const e = state.entries.find((x) => x.seq === seq);
    if (!e) return;
    state.open = seq;
    for (const tr of document.querySelectorAll("#requests tbody tr")) tr.setAttribute("aria-selected", tr.dataset.seq == seq ? "true" : "false");
    const c = curl(e);
    const kids = [
      el("h2", {}, e.method + " " + e.path + (e.query ? "?" + e.query : "")),
      el("p", {}, "Status ", el("strong", {}, e.status), " · " + (e.operation || "no operation") + " · " + e.api + " · tenant " + (e.tenant || "—") + " · " + time(e.time)),
    ];
    if (e.explanation) kids.push(explanation(e.explanation));
    if (e.violations && e.violations.length) {
      kids.push(el("h3", {}, "Violations"), ...e.violations.map((v) => el("div", { class: "violation" }, el("code", {}, v.field), v.rule ? " [" + v.rule + "]" : "", v.in ? " in " + v.in : "", " — " + v.message)));
    }
    if (e.fault) kids.push(el("h3", {}, "Fault applied"), el("p", {}, e.fault));
    kids.push(el("h3", {}, "Request headers (secrets redacted)"), el("pre", {}, Object.entries(e.headers || {}).map(([k, v]) => k + ": " + v.join(", ")).join("\n")));
    if (e.body) kids.push(el("h3", {}, "Request body"), el("pre", {}, e.body));
    if (e.responseBody) kids.push(el("h3", {}, "Response body"), el("pre", {}, e.responseBody));
    const pre = el("pre", { id: "curl" }, c);
    kids.push(el("h3", {}, "Copy as curl"), el("button", { type: "button", onclick: () => {
      if (navigator.clipboard) navigator.clipboard.writeText(c).then(() => say("copied curl"), () => say("select the command to copy it"));
    } }, "Copy as curl"), pre);
    $("#detail").replaceChildren(...kids);
  }

  // ----- tenants -----
  function fillSelect(sel, values, all) {
    const s = $(sel);
    const cur = s.value;
    s.replaceChildren(el("option", { value: "" }, all), ...values.map((v) => el("option", { value: v }, v)));
    s.value = values.includes(cur) ? cur : "";
  }

  async function loadTenants() {
    const d = await call("GET", "/tenants");
    state.tenants = d.tenants || [];
    fillSelect("#f-tenant", state.tenants.map((t) => t.id), "all tenants");
    return state.tenants;
  }

  async function renderTenants() {
    const ts = (await loadTenants()).filter((t) => !filters().tenant || t.id === filters().tenant);
    const v = $("#view-tenants");
    if (!ts.length) { v.replaceChildren(el("p", { class: "empty" }, "No tenants yet: a tenant appears with its first request.")); return; }
    v.replaceChildren(el("table", { "aria-label": "Tenants" },
      el("thead", {}, el("tr", {}, ["Tenant", "Access", "APIs", "Clock", "Pending timers", "Actions"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ts.map((t) => {
        const by = el("input", { id: "by-" + t.id, value: "30s", "aria-label": "Advance tenant " + t.id + " by" });
        const at = el("input", { id: "at-" + t.id, value: t.now, "aria-label": "Set tenant " + t.id + " clock to" });
        const act = (fn) => async () => { try { await fn(); await renderTenants(); } catch (_) { /* said */ } };
        return el("tr", { "data-tenant": t.id },
          el("td", {}, t.id), el("td", {}, t.access), el("td", {}, (t.apis || []).join(", ")),
          el("td", { class: "clock" }, time(t.now)), el("td", {}, t.pendingTimers),
          el("td", {}, el("div", { class: "row-actions" },
            by, el("button", { type: "button", class: "advance", onclick: act(() => call("POST", "/clock/advance?tenant=" + t.id, { by: by.value })) }, "Advance"),
            at, el("button", { type: "button", onclick: act(() => call("POST", "/clock/set?tenant=" + t.id, { time: at.value })) }, "Set"),
            el("button", { type: "button", onclick: act(() => call("POST", "/reset?tenant=" + t.id)) }, "Reset"))));
      }))));
  }

  // ----- vendor state (from every API that has a panel) -----
  async function renderState() {
    const d = await call("GET", "/panels" + q(filters()));
    const v = $("#view-state");
    const out = [];
    for (const t of d.tenants) {
      if (!t.apis.length) continue;
      out.push(el("h2", {}, "Tenant " + t.tenant + " · " + time(t.now)));
      for (const a of t.apis) {
        for (const tb of a.tables) {
          out.push(el("div", { class: "panel", "data-api": a.api, "data-table": tb.title },
            el("h3", {}, a.api + ": " + tb.title + " (" + tb.rows.length + ")"),
            tb.rows.length ? el("table", { "aria-label": a.api + " " + tb.title },
              el("thead", {}, el("tr", {}, tb.columns.map((c) => el("th", {}, c)), tb.rows.some((r) => r.actions) ? el("th", {}, "actions") : null)),
              el("tbody", {}, tb.rows.map((r) => el("tr", {}, r.cells.map((c) => el("td", {}, c)),
                r.actions ? el("td", {}, r.actions.map((x) => el("button", { type: "button", onclick: async () => { await call(x.method, x.path); say(x.label + " done"); renderState(); } }, x.label))) : null))))
              : el("p", { class: "empty" }, "none")));
        }
      }
    }
    v.replaceChildren(...(out.length ? out : [el("p", { class: "empty" }, "No vendor state yet.")]));
  }

  // ----- scenarios -----
  async function renderScenarios() {
    const tenant = filters().tenant;
    const d = await call("GET", "/scenarios" + q({ tenant }));
    const v = $("#view-scenarios");
    const kids = [];
    if (!tenant) kids.push(el("p", { class: "empty" }, "Pick a tenant above to activate a scenario or see what acts on it."));
    if (d.active && d.active.length) {
      kids.push(el("h2", {}, "Active on " + d.tenant), el("ul", { id: "active-scenarios" }, d.active.map((a) => el("li", {}, a.scenario + " (" + a.api + (a.session ? ", " + a.session : "") + ") since " + time(a.since) + " ",
        el("button", { type: "button", "aria-label": "Deactivate " + a.scenario, onclick: async () => { await call("POST", "/scenarios/" + encodeURIComponent(a.scenario) + "/deactivate" + q({ tenant })); renderScenarios(); } }, "Deactivate"),
        a.pending && a.pending.length ? el("ul", { "aria-label": "Pending steps of " + a.scenario }, a.pending.slice(0, 20).map((p) => el("li", {}, "due " + time(p.at) + ": " + p.action))) : el("span", { class: "empty" }, " no steps pending")))));
    }
    if (d.history && d.history.length) {
      kids.push(el("h2", {}, "Performed"), el("ul", {}, d.history.slice(-20).map((h) => el("li", {}, time(h.at) + " " + h.scenario + ": " + h.action + (h.error ? " — " + h.error : "")))));
    }
    const api = filters().api;
    kids.push(el("h2", {}, "Scenarios"), el("table", { "aria-label": "Scenarios" },
      el("thead", {}, el("tr", {}, ["Name", "API", "Description", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, d.scenarios.filter((s) => !api || s.api === api).map((s) => el("tr", {}, el("td", {}, s.name), el("td", {}, s.api), el("td", {}, s.description),
        el("td", {}, el("button", { type: "button", disabled: !tenant || !s.runnable, "aria-label": "Activate " + s.name,
          onclick: async () => { await call("POST", "/scenarios/" + encodeURIComponent(s.name) + "/activate" + q({ tenant })); renderScenarios(); } }, "Activate")))))));
    v.replaceChildren(...kids);
  }

  // ----- faults -----
  async function renderFaults() {
    const d = await call("GET", "/faults");
    const rules = d.faults || [];
    $("#faults").replaceChildren(
      el("div", { class: "row-actions" }, el("h2", {}, "Faults (" + rules.length + ")"),
        el("button", { type: "button", id: "clear-faults", onclick: async () => { await call("DELETE", "/faults"); renderFaults(); } }, "Clear all faults")),
      rules.length ? el("table", { "aria-label": "Faults", id: "fault-list" },
        el("thead", {}, el("tr", {}, ["Id", "Match", "Action", "Matched", "Hits", ""].map((h) => el("th", {}, h)))),
        el("tbody", {}, rules.map((r) => el("tr", {}, el("td", {}, r.id), el("td", {}, JSON.stringify(r.match || {})), el("td", {}, JSON.stringify(r.action)),
          el("td", {}, r.matched || 0), el("td", {}, r.hits || 0),
          el("td", {}, el("button", { type: "button", "aria-label": "Delete fault " + r.id, onclick: async () => { await call("DELETE", "/faults/" + r.id); renderFaults(); } }, "Delete"))))))
        : el("p", { class: "empty", id: "no-faults" }, "No faults."));
  }
  $("#fault-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const match = {};
    for (const k of ["api", "operation", "path"]) if (f.get(k)) match[k] = f.get(k);
    const action = { type: f.get("type") };
    if (action.type === "status") action.status = Number(f.get("status"));
    if (action.type === "delay") action.ms = Number(f.get("ms"));
    const rule = { match, action };
    if (f.get("times")) rule.times = Number(f.get("times"));
    try { await call("POST", "/faults", rule); say("fault added"); } catch (_) { /* said */ }
    renderFaults();
  });

  // ----- contract report -----
  async function renderContract() {
    const f = filters();
    const d = await call("GET", "/violations" + q(f));
    const ops = (d.operations || []).filter((o) => o.violations > 0);
    $("#view-contract").replaceChildren(
      el("div", { class: "row-actions" }, el("h2", {}, "Contract report: " + d.count + " violations"),
        el("a", { href: A + "/violations" + q({ format: "junit", api: f.api, tenant: f.tenant }), download: "switchboard-contract.xml", id: "junit" }, "Download JUnit XML")),
      ops.length ? el("table", { "aria-label": "Violations per operation" },
        el("thead", {}, el("tr", {}, ["API", "Operation", "Path", "Requests", "Violations"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ops.map((o) => el("tr", {}, el("td", {}, o.api), el("td", {}, o.operation), el("td", {}, o.method + " " + o.path), el("td", {}, o.requests), el("td", { class: "s4" }, o.violations)))))
        : el("p", { class: "empty" }, "No violations."),
      el("h2", {}, "Latest violations"),
      el("ul", {}, (d.violations || []).slice(-50).reverse().map((v) => el("li", {}, time(v.time) + " " + v.api + " " + v.operation + ": ", el("code", {}, v.field), v.rule ? " [" + v.rule + "]" : "", " — " + v.message))));
  }

  // ----- live -----
  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      switch (state.view) {
        case "tenants": await renderTenants(); break;
        case "state": await renderState(); break;
        case "scenarios": await renderScenarios(); break;
        case "faults": await renderFaults(); break;
        case "contract": await renderContract(); break;
      }
    } catch (_) { /* said */ } finally { busy = false; }
  }

  function connect() {
    const es = new EventSource(A + "/events");
    es.addEventListener("hello", async () => {
      say("live");
      // Subscribed first, then read what came before: nothing falls between.
      try {
        const d = await call("GET", "/requests?limit=" + MAX_ROWS);
        for (const e of d.requests) add(e);
        state.entries.sort((a, b) => a.seq - b.seq);
        renderRequests();
        loadTenants();
      } catch (_) { /* said */ }
    });
    es.addEventListener("request", (m) => {
      const e = JSON.parse(m.data);
      if (add(e)) prepend(e);
    });
    let ticks = 0;
    es.addEventListener("tick", () => {
      ticks++;
      if (state.view !== "requests") refresh();
      else if (ticks % 5 === 0) loadTenants().catch(() => {});
    });
    es.onerror = () => say("reconnecting…");
  }

  window.switchboard = state; // for tests and the curious
  connect();
})();
