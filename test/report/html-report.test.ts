/**
 * The HTML report (issue #4, "Reports"), rendered from a real sma-cross run on
 * data/sp500-2000.csv and opened in headless Debian Chromium through playwright-core: no
 * console or page errors, no network, every chart drawn, one table row per trade, sortable
 * headers. The browser part is skipped, with a message, where /usr/bin/chromium is absent
 * (`apt-get install -y chromium`). A screenshot is written to bt-report.png in the system temp folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarSeries } from '../../src/data/bar-series.js';
import { mulberry32 } from '../../src/optimize/prng.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { makeBars } from '../helpers/bundled-data.js';
import { fixtureFor, sp500Fixture, type ReportFixture } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`skipping the HTML report browser tests: ${CHROMIUM} is absent (install it with apt-get install -y chromium)`);
}

const SCREENSHOT = join(tmpdir(), 'bt-report.png');

// The few DOM shapes used by the functions that run inside the page (this project compiles
// without lib "dom"; these declarations are local to this module and emit nothing).
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  toDataURL(): string;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null;
}
declare const document: { querySelector(selector: string): unknown };
const CHART_IDS = ['chart-price', 'chart-equity', 'chart-drawdown'] as const;

/** The JSON embedded in the page's `#bt-data` element. */
function embeddedData(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="bt-data">([^<]*)<\/script>/.exec(html);
  expect(match, 'the page embeds its data').not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null') as Record<string, unknown>;
}

/** 1M one-minute bars of a seeded random walk. */
function millionBars(): BarSeries {
  const n = 1_000_000;
  const column = () => new Float64Array(n);
  const bars = { time: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
  const random = mulberry32(20240601);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= Math.exp((random() - 0.5) * 0.002);
    bars.time[i] = Date.UTC(2020, 0, 1) + i * 60_000;
    bars.open[i] = open;
    bars.close[i] = price;
    bars.high[i] = Math.max(open, price) * 1.0002;
    bars.low[i] = Math.min(open, price) * 0.9998;
    bars.volume[i] = 1;
  }
  return makeBars(bars, 'synthetic-1m.csv', 'SYN');
}

describe('renderHtmlReport on sma-cross over data/sp500-2000.csv', () => {
  const fixture = sp500Fixture();
  const html = renderHtmlReport(fixture);

  it('is deterministic: the same inputs give the same bytes', () => {
    expect(renderHtmlReport(sp500Fixture()) === html).toBe(true);
  });

  it('is self-contained: no external script, stylesheet, image or font', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html, 'uPlot is inlined').toContain('uPlot');
  });

  it('writes one trades row per closed and open trade, the open ones marked', () => {
    const { run } = fixture;
    expect(run.openTrades.length, 'the fixture ends with a trade open').toBeGreaterThan(0);
    expect(html.match(/<tr[^>]*data-trade-id=/g)?.length).toBe(run.trades.length + run.openTrades.length);
    expect(html.match(/<tr class="open" data-trade-id=/g)?.length).toBe(run.openTrades.length);
  });

  it('keeps every plotted series within 5,000 points and every fill for the markers', () => {
    const data = embeddedData(html) as { price: { x: number[] }; equity: { x: number[] }; fills: { time: number[] } };
    expect(data.price.x.length).toBeLessThanOrEqual(5000);
    expect(data.equity.x.length).toBeLessThanOrEqual(5000);
    expect(data.fills.time.length).toBe(fixture.run.fills.length);
  });
});

describe('renderHtmlReport on 1,000,000 bars', () => {
  let fixture: ReportFixture;
  let html: string;
  beforeAll(() => {
    fixture = fixtureFor(millionBars(), { fast: 200, slow: 1000 });
    html = renderHtmlReport(fixture);
  });

  it('thins the plotted series to at most 5,000 points but keeps every trade in the table', () => {
    const data = embeddedData(html) as { price: { x: number[]; ys: number[][] }; equity: { x: number[]; ys: number[][] } };
    expect(data.price.x.length).toBeLessThanOrEqual(5000);
    expect(data.equity.x.length).toBeLessThanOrEqual(5000);
    expect(data.price.ys.every((column) => column.length === data.price.x.length)).toBe(true);
    const lowest = (values: ArrayLike<number>) => {
      let low = Infinity;
      for (let i = 0; i < values.length; i++) low = Math.min(low, values[i]);
      return low;
    };
    expect(lowest(data.equity.ys[0]), 'the lowest equity survives thinning').toBeCloseTo(lowest(fixture.run.equity), 4);
    const maxDrawdown = fixture.metrics.values.maxDrawdown ?? Number.NaN;
    expect(-lowest(data.equity.ys[2]), 'the deepest drawdown survives thinning').toBeCloseTo(maxDrawdown, 9);
    expect(fixture.run.trades.length).toBeGreaterThan(100);
    expect(html.match(/<tr[^>]*data-trade-id=/g)?.length).toBe(fixture.run.trades.length + fixture.run.openTrades.length);
  });
});

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  const problems: string[] = [];
  const requests: string[] = [];
  let fixture: ReportFixture;
  let rowCount: number;
  let directory: string | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    fixture = sp500Fixture();
    rowCount = fixture.run.trades.length + fixture.run.openTrades.length;
    directory = mkdtempSync(join(tmpdir(), 'bt-report-'));
    const file = join(directory, 'report.html');
    writeFileSync(file, renderHtmlReport(fixture));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`#${id} canvas`) !== null), [...CHART_IDS]);
  });

  afterAll(async () => {
    await browser?.close();
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
  });

  it('loads with no console errors or page errors and no network request', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it(`renders the page for a screenshot at ${SCREENSHOT}`, async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('draws every chart: each canvas has pixels of its series colour', async () => {
    const drawn = await page.evaluate((ids) => {
      const colourOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const near = (data: Uint8ClampedArray, i: number, rgb: number[]) =>
        data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) < 24 && Math.abs(data[i + 1] - rgb[1]) < 24 && Math.abs(data[i + 2] - rgb[2]) < 24;
      const colours: Record<string, string[]> = {
        'chart-price': ['#1e293b', '#16a34a', '#dc2626'],
        'chart-equity': ['#2563eb', '#94a3b8'],
        'chart-drawdown': ['#dc2626'],
      };
      return ids.map((id) => {
        const canvas = document.querySelector(`#${id} canvas`) as PageCanvas | null;
        if (canvas === null) return { id, width: 0, height: 0, painted: 0, perColour: [] as number[] };
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let painted = 0;
        const perColour = colours[id].map(() => 0);
        const rgbs = colours[id].map(colourOf);
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 0) continue;
          painted++;
          rgbs.forEach((rgb, k) => {
            if (near(data, i, rgb)) perColour[k]++;
          });
        }
        return { id, width: canvas.width, height: canvas.height, painted, perColour };
      });
    }, [...CHART_IDS]);
    for (const chart of drawn) {
      expect(chart.width, `${chart.id} has a canvas`).toBeGreaterThan(300);
      expect(chart.height, `${chart.id} has a canvas`).toBeGreaterThan(100);
      expect(chart.painted, `${chart.id} is not blank`).toBeGreaterThan(2000);
      chart.perColour.forEach((count, k) => expect(count, `${chart.id}: pixels of colour ${k} (series or buy/sell markers)`).toBeGreaterThan(50));
    }
  });

  it('shows every closed and open trade as one row, open ones marked "open"', async () => {
    expect(await page.locator('#trades-body > tr').count()).toBe(rowCount);
    expect(await page.locator('#trades-body > tr.open').count()).toBe(fixture.run.openTrades.length);
    expect(await page.locator('#trades-body > tr.open .badge.open').first().textContent()).toBe('open');
  });

  it('sorts the trades by the clicked column, ascending then descending', async () => {
    const firstId = () => page.locator('#trades-body > tr').first().getAttribute('data-trade-id');
    const pnlById = [
      ...fixture.run.trades.map((t) => [t.id, t.pnl] as const),
      ...fixture.run.openTrades.map((t) => [t.id, t.unrealizedPnl] as const),
    ];
    const lowest = pnlById.reduce((a, b) => (b[1] < a[1] ? b : a));
    const highest = pnlById.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(await firstId()).toBe(String(fixture.run.trades[0].id));

    const pnlHeader = page.locator('#trades-table thead th', { hasText: 'P&L' });
    await pnlHeader.click();
    expect(await pnlHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstId(), 'the biggest loss first').toBe(String(lowest[0]));
    await pnlHeader.click();
    expect(await pnlHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await firstId(), 'the biggest win first').toBe(String(highest[0]));

    const idHeader = page.locator('#trades-table thead th').first();
    await idHeader.click();
    await idHeader.click();
    const lastId = Math.max(...pnlById.map(([id]) => id));
    expect(await firstId(), '# descending').toBe(String(lastId));
    expect(await page.locator('#trades-body > tr').count(), 'sorting keeps every row').toBe(rowCount);
  });

  it('resizes the charts with the window', async () => {
    const widths = () => page.evaluate((ids) => ids.map((id) => (document.querySelector(`#${id} canvas`) as PageCanvas | null)?.width ?? 0), [...CHART_IDS]);
    const wide = await widths();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.waitForFunction((before) => (document.querySelector('#chart-price canvas') as PageCanvas | null)?.width !== before, wide[0]);
    const narrow = await widths();
    narrow.forEach((width, k) => expect(width, `${CHART_IDS[k]} narrower`).toBeLessThan(wide[k] - 300));
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.waitForFunction((before) => (document.querySelector('#chart-price canvas') as PageCanvas | null)?.width === before, wide[0]);
    expect(await widths()).toEqual(wide);
  });

  it('zooms the charts to a trade when its row is clicked and back with Reset zoom', async () => {
    const pricePixels = () => page.evaluate(() => (document.querySelector('#chart-price canvas') as PageCanvas | null)?.toDataURL() ?? '');
    const whole = await pricePixels();
    await page.locator(`#trades-body > tr[data-trade-id="${fixture.run.trades[10].id}"]`).click();
    const zoomed = await pricePixels();
    expect(zoomed !== whole, 'the price chart is redrawn zoomed in').toBe(true);
    await page.locator('#reset-zoom').click();
    expect((await pricePixels()) === whole, 'Reset zoom redraws the whole period').toBe(true);
    expect(problems, 'no errors after the interactions').toEqual([]);
  });
});
