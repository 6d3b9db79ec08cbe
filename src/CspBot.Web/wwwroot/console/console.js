// CspBot console: tab single sign-on inside Teams, and the dashboard's charts. Served by CspBot (no CDN).
(function () {
  "use strict";

  // Inside Teams the sign-in page asks Teams for a token for this app and trades it for the console's cookie.
  async function teamsSignIn() {
    const section = document.getElementById("teams-sign-in");
    if (!section || !window.microsoftTeams) return;
    const state = document.getElementById("teams-sign-in-state");
    try {
      await Promise.race([
        microsoftTeams.app.initialize(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("not in Teams")), 3000)),
      ]);
    } catch {
      return; // a plain browser: the other ways to sign in are on the page
    }
    state.textContent = "Signing you in with your Teams account…";
    try {
      const token = await microsoftTeams.authentication.getAuthToken();
      const response = await fetch("console/sign-in/teams", {
        method: "POST",
        headers: { Authorization: "Bearer " + token, "X-CspBot-Request": "1" },
        credentials: "include",
      });
      if (response.ok) {
        location.replace(section.dataset.returnUrl || "console");
        return;
      }
      const problem = await response.json().catch(() => ({}));
      state.textContent = problem.title || "Teams sign-in did not work. Close the tab and open it again.";
    } catch (error) {
      state.textContent = "Teams did not give a sign-in token (" + (error && error.message ? error.message : error) + "). Close the tab and open it again.";
    }
  }

  // The channel tab's configuration page: Teams asks where the tab lives; it is always the dashboard.
  async function configureDashboard() {
    const page = document.getElementById("dashboard-configure");
    if (!page || !window.microsoftTeams) return;
    try {
      await microsoftTeams.app.initialize();
    } catch {
      return;
    }
    microsoftTeams.pages.config.registerOnSaveHandler((save) => {
      microsoftTeams.pages.config
        .setConfig({ entityId: "dashboard", contentUrl: page.dataset.contentUrl, websiteUrl: page.dataset.contentUrl, suggestedDisplayName: "Dashboard" })
        .then(() => save.notifySuccess(), (error) => save.notifyFailure(String(error)));
    });
    microsoftTeams.pages.config.setValidityState(true);
  }

  const charts = new Map();

  // Draws (or redraws) a chart; the page always shows the same figures in a table beside it.
  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    charts.get(id)?.destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    charts.set(id, new Chart(canvas, config));
  }

  // Lets a drop zone hand dropped files to the file input inside it (the input also works with the keyboard).
  function dropZone(id) {
    const zone = document.getElementById(id);
    if (!zone || zone.dataset.ready) return;
    zone.dataset.ready = "1";
    const input = zone.querySelector("input[type=file]");
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("dragging"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("dragging");
      if (!input || !e.dataTransfer || e.dataTransfer.files.length === 0) return;
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  window.cspbotConsole = { chart, dropZone };
  function start() {
    teamsSignIn();
    configureDashboard();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
