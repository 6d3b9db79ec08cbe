// CspBot console: tab single sign-on inside Teams, the theme, focus after actions, and the dashboard's charts.
// Served by CspBot (no CDN).
(function () {
  "use strict";

  // Inside Teams (teams-js answers within 3 s), once per page load.
  let teams;
  function inTeams() {
    teams ??= window.microsoftTeams
      ? Promise.race([
        microsoftTeams.app.initialize().then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
      ]).catch(() => false)
      : Promise.resolve(false);
    return teams;
  }

  // The theme: ?theme=default|dark|contrast for the rest of the session (?theme=auto forgets it), else Teams' theme
  // inside Teams, else the browser's (prefers-color-scheme; forced colours are the browser's own). <html data-theme>
  // says which, for the stylesheet; Fluent UI Blazor's theme sets the design tokens (the Teams palette, light or dark).
  const THEMES = ["default", "dark", "contrast"];
  let teamsTheme = null;

  function chosenTheme() {
    const asked = new URLSearchParams(location.search).get("theme");
    try {
      if (THEMES.includes(asked)) sessionStorage.setItem("cspbot-theme", asked);
      else if (asked === "auto") sessionStorage.removeItem("cspbot-theme");
      return sessionStorage.getItem("cspbot-theme") ?? teamsTheme;
    } catch {
      return THEMES.includes(asked) ? asked : teamsTheme; // storage refused: this page only
    }
  }

  let fluentTheme;
  function applyTheme() {
    const theme = chosenTheme();
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    // Fluent's theme exists once Blazor has started; it announces each change with "themeChanged" (charts redraw).
    fluentTheme ??= new Promise((resolve) => {
      const ready = () => (window.Blazor?.theme ? resolve(window.Blazor.theme) : setTimeout(ready, 20));
      ready();
    });
    fluentTheme.then((fluent) => {
      fluent.setTeamsTheme();
      fluent.setThemeMode(theme === "default" ? "light" : theme ? "dark" : "system");
    });
  }

  async function followTeamsTheme() {
    if (!(await inTeams())) return;
    const context = await microsoftTeams.app.getContext();
    teamsTheme = THEMES.includes(context.app.theme) ? context.app.theme : "default";
    applyTheme();
    followTeamsLocale(context.app.locale);
    microsoftTeams.app.registerOnThemeChangeHandler((theme) => {
      teamsTheme = THEMES.includes(theme) ? theme : "default";
      applyTheme();
    });
  }

  // Teams' language (app.locale) is a hint for the console's: kept in a cookie the server reads (below the viewer's
  // recorded choice, above the browser's languages). When it is new and would change the page's language, the page
  // reloads once (the Blazor circuit keeps the language it was opened in).
  const TEAMS_LOCALE = "cspbot-teams-locale";
  function teamsLocaleCookie() {
    const found = document.cookie.split("; ").find((c) => c.startsWith(TEAMS_LOCALE + "="));
    return found ? decodeURIComponent(found.slice(TEAMS_LOCALE.length + 1)) : null;
  }

  function followTeamsLocale(locale) {
    if (!locale || teamsLocaleCookie() === locale) return;
    const secure = location.protocol === "https:";
    document.cookie = TEAMS_LOCALE + "=" + encodeURIComponent(locale) + "; path=/; max-age=31536000; SameSite=" + (secure ? "None; Secure" : "Lax");
    const language = (code) => (/^cy\b/i.test(code) ? "cy" : /^en\b/i.test(code) ? "en" : null);
    const html = document.documentElement;
    const wanted = language(locale);
    if (wanted && teamsLocaleCookie() === locale && wanted !== language(html.lang) && html.dataset.languageFrom !== "preference") {
      location.reload();
    }
  }

  // Inside Teams the sign-in page asks Teams for a token for this app and trades it for the console's cookie.
  async function teamsSignIn() {
    const section = document.getElementById("teams-sign-in");
    if (!section || !(await inTeams())) return; // a plain browser: the other ways to sign in are on the page
    const state = document.getElementById("teams-sign-in-state");
    const said = section.dataset; // the page's words, in its language
    state.textContent = said.signingIn || "Signing you in with your Teams account…";
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
      state.textContent = problem.title || said.failed || "Teams sign-in did not work. Close the tab and open it again.";
    } catch (error) {
      state.textContent = (said.noToken || "Teams did not give a sign-in token ({0}). Close the tab and open it again.").replace("{0}", error && error.message ? error.message : error);
    }
  }

  // The channel tab's configuration page: Teams asks where the tab lives; it is always the dashboard.
  async function configureDashboard() {
    const page = document.getElementById("dashboard-configure");
    if (!page || !(await inTeams())) return;
    microsoftTeams.pages.config.registerOnSaveHandler((save) => {
      microsoftTeams.pages.config
        .setConfig({ entityId: "dashboard", contentUrl: page.dataset.contentUrl, websiteUrl: page.dataset.contentUrl, suggestedDisplayName: page.dataset.tabName || "Dashboard" })
        .then(() => save.notifySuccess(), (error) => save.notifyFailure(String(error)));
    });
    microsoftTeams.pages.config.setValidityState(true);
  }

  // Each chart as the page gave it, to draw again in the colours of a new theme.
  const charts = new Map();

  // A colour given as a design token ("var(--colorPaletteRedBackground3)") in the theme's value now.
  function themed(value, tokens) {
    if (typeof value === "string") {
      const token = /^var\((--[\w-]+)\)$/.exec(value);
      return token ? tokens.getPropertyValue(token[1]).trim() : value;
    }
    if (Array.isArray(value)) return value.map((v) => themed(v, tokens));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, themed(v, tokens)]));
    return value;
  }

  // Draws (or redraws) a chart; the page always shows the same figures in a table beside it.
  function chart(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas || !window.Chart) return;
    Chart.getChart(canvas)?.destroy();
    charts.set(id, config);
    const tokens = getComputedStyle(document.documentElement);
    const forced = matchMedia("(forced-colors: active)").matches;
    Chart.defaults.color = forced ? "CanvasText" : tokens.getPropertyValue("--colorNeutralForeground2").trim();
    Chart.defaults.borderColor = forced ? "GrayText" : tokens.getPropertyValue("--colorNeutralStroke2").trim();
    const drawn = themed(config, tokens);
    drawn.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, drawn.options || {});
    new Chart(canvas, drawn);
  }

  // Several charts at once ([{ id, config }]), in one call from the page.
  function drawCharts(list) {
    for (const { id, config } of list) chart(id, config);
  }

  function redrawCharts() {
    for (const [id, config] of charts) {
      if (document.getElementById(id)) chart(id, config);
      else charts.delete(id);
    }
  }

  // Moves focus to an element the page names (a panel's heading, the button that opened it, a result).
  function focus(selector) {
    const element = document.querySelector(selector);
    if (!element) return false;
    element.focus();
    element.scrollIntoView({ block: "nearest" });
    return true;
  }

  // A skip link moves the keyboard's focus to its target (Blazor's router would only scroll to it).
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a.skip-link");
    const target = link && document.getElementById(new URL(link.href).hash.slice(1));
    if (!target) return;
    event.preventDefault();
    target.focus();
  }, true);

  // Escape inside an element with data-escape presses the button it names (a panel's Back), unless typing in a field.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const scope = event.target.closest?.("[data-escape]");
    if (!scope || event.target.matches("input, textarea, select")) return;
    document.getElementById(scope.dataset.escape)?.click();
  });

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

  window.cspbotConsole = { drawCharts, dropZone, focus };
  applyTheme();
  matchMedia("(forced-colors: active)").addEventListener("change", redrawCharts);
  function start() {
    document.body.addEventListener("themeChanged", redrawCharts);
    followTeamsTheme();
    teamsSignIn();
    configureDashboard();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
