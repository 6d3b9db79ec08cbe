// The Dashboard tab's indicator charts as Making Data Count draws them, in Debian Chromium as the officer: each chart
// has its mean, process limits and special-cause points (triangles, with the rules in words in its text alternative
// and its figures table), badges for variation and assurance in words, and a "special cause only" filter; the page,
// filtered or not, and the Returns side panel (the indicator's variation beside its figure) pass axe at WCAG 2.2 AA.
// Needs only the bot (run.sh starts it): `cd tests/e2e && node --test dashboard.test.mjs`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUTS } from './lib/env.mjs';
import { DEADLINE_DAY, setClock } from './lib/operations-api.mjs';
import { failureShot, launch, open, screenshot, signIn, violations } from './lib/console.mjs';

describe('dashboard: variation and assurance', { timeout: TIMEOUTS.file * 2 }, () => {
  let browser;
  let officer;

  before(async () => {
    await setClock(DEADLINE_DAY.now);
    browser = await launch();
    officer = await signIn(browser, 'Priya Shah');
  });

  after(async () => {
    await browser?.close();
    await setClock(null);
  });

  async function guarded(name, body) {
    try {
      await body();
    } catch (error) {
      await failureShot(officer, `dashboard-${name}-failure`);
      error.message += `\npage log:\n${(officer.log ?? []).filter((l) => !l.includes('res.cdn.office.net')).slice(-20).join('\n')}`;
      throw error;
    }
  }

  /** The chart drawn on a canvas: its labels and, by label, each dataset's data and point style. */
  const chartOf = (id) => officer.evaluate((canvas) => {
    const chart = window.Chart?.getChart(canvas);
    return chart && {
      labels: chart.data.labels,
      datasets: Object.fromEntries(chart.data.datasets.map((d) => [d.label, { data: d.data, pointStyle: d.pointStyle ?? null }])),
    };
  }, id);

  test('an indicator\'s chart shows its mean, process limits and special-cause point, in words too', { timeout: TIMEOUTS.test }, () => guarded('chart', async () => {
    await open(officer, 'dashboard');
    // The charts are drawn once the page is interactive.
    await officer.waitForFunction(() => Boolean(window.Chart?.getChart('trend-VIO-03')));

    // VIO-03 (offences, lower is better, target 60): 47 45 48 43 52 50 66 79 to 2025-26 Q2. Mean 53.75, MR 7.14,
    // limits 34.75 and 72.75: 79 is beyond the upper limit, the only special-cause point.
    const chart = await chartOf('trend-VIO-03');
    assert.ok(chart, 'the VIO-03 chart is drawn');
    assert.equal(chart.labels.at(-1), '2025-26 Q2');
    assert.equal(chart.datasets.Mean.data[0], 53.75);
    assert.equal(chart.datasets['Upper process limit'].data[0], 72.75);
    assert.equal(chart.datasets['Lower process limit'].data[0], 34.75);
    assert.equal(chart.datasets.Target.data[0], 60);
    assert.equal(chart.datasets['Special cause'].pointStyle, 'triangle');
    assert.deepEqual(chart.datasets['Special cause'].data.filter((v) => v !== null), [79]);
    assert.equal(chart.datasets['Special cause'].data.at(-1), 79);

    const figure = officer.locator('#indicator-VIO-03');
    // Worse than last year (43), and significantly so (z = 4.66): never "worsening" alone.
    assert.match(await figure.locator('figcaption').innerText(), /worsening \(significant\)/);
    await figure.getByText('Special cause concern', { exact: true }).waitFor();
    await figure.getByText('Hit and miss against the target', { exact: true }).waitFor();
    const alt = await figure.locator('canvas').getAttribute('aria-label');
    assert.match(alt, /mean 53\.8, process limits 34\.8 to 72\.8 \(trial\)/);
    assert.match(alt, /Special cause: 2025-26 Q2 79, beyond a limit \(high\)/);
    await figure.locator('summary').click();
    const last = figure.locator('tbody tr').last();
    assert.equal(await last.locator('th').innerText(), '2025-26 Q2');
    assert.equal(await last.locator('td').last().innerText(), 'beyond a limit (high)');

    // VIO-01 (152 150 146 139 148 141 160 171) is common cause: drawn with its limits, no special-cause point.
    const common = await chartOf('trend-VIO-01');
    assert.deepEqual(common.datasets['Special cause'].data.filter((v) => v !== null), []);
    await officer.locator('#indicator-VIO-01').getByText('Common cause', { exact: true }).waitFor();
    assert.deepEqual(await violations(officer), [], 'the dashboard has accessibility violations');
  }));

  test('"special cause only" leaves the special-cause indicators and says how many, and axe still passes', { timeout: TIMEOUTS.test }, () => guarded('filter', async () => {
    await open(officer, 'dashboard');
    const status = officer.locator('#trend-heading ~ p[role="status"]');
    const all = Number((await status.innerText()).match(/of (\d+) indicators/)[1]);

    await officer.getByLabel('Special cause only').check();
    await officer.locator('#indicator-VIO-01').waitFor({ state: 'hidden' });

    assert.ok(await officer.locator('#indicator-VIO-03').isVisible(), 'VIO-03 (special cause concern) is still shown');
    const shown = await officer.locator('.charts figure:visible').count();
    assert.ok(shown > 0 && shown < all, `${shown} of ${all} shown`);
    assert.equal(await status.innerText(), `${shown} of ${all} indicators shown (special cause only)`);
    for (const badge of await officer.locator('.charts figure:visible .spc:first-child').allInnerTexts()) {
      assert.match(badge, /^Special cause/);
    }
    assert.ok(await officer.evaluate(() => Boolean(window.Chart.getChart('trend-VIO-03'))), 'the charts shown are still drawn');
    assert.deepEqual(await violations(officer), [], 'the filtered dashboard has accessibility violations');
    await screenshot(officer, 'console-dashboard-special-cause');

    await officer.getByLabel('Special cause only').uncheck();
    await officer.locator('#indicator-VIO-01').waitFor({ state: 'visible' });
  }));

  test('the Returns side panel shows an indicator\'s variation and assurance beside its figure', { timeout: TIMEOUTS.test }, () => guarded('returns', async () => {
    await open(officer, 'returns');
    await officer.locator('fluent-button[aria-label="Open VIO-03"]').click();
    const panel = officer.locator('aside.panel');
    await panel.getByRole('heading', { name: /^VIO-03 / }).waitFor();
    await panel.getByText('Special cause concern', { exact: true }).first().waitFor();
    await panel.getByText('Hit and miss against the target', { exact: true }).first().waitFor();
    assert.deepEqual(await violations(officer), [], 'returns with an indicator\'s side panel open');
  }));
});
