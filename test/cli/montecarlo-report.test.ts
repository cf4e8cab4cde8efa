/**
 * The `bt montecarlo --report` page in headless Debian Chromium (playwright-core): it loads
 * with no console or page error and no network request, and draws every histogram, also the
 * one-bin histogram of a shuffle's final return. Skipped, with a message, where
 * /usr/bin/chromium is absent. A screenshot is written to bt-montecarlo-report.png in the system temp folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTE_CARLO_CHART_IDS, MONTE_CARLO_COLOURS } from '../../src/report/monte-carlo-html.js';
import { runCli } from './run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`skipping the Monte Carlo report browser test: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const SCREENSHOT = join(tmpdir(), 'bt-montecarlo-report.png');

// DOM shapes used inside the page (the project compiles without lib "dom").
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null;
}
declare const document: { querySelector(selector: string): unknown };

const CHARTS = Object.entries(MONTE_CARLO_CHART_IDS).map(([statistic, id]) => ({ id, colour: MONTE_CARLO_COLOURS[statistic as keyof typeof MONTE_CARLO_CHART_IDS] }));

describe.skipIf(!hasChromium)('Monte Carlo HTML report in headless Chromium', () => {
  let directory: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'bt-mc-report-'));
    for (const method of ['bootstrap', 'shuffle']) {
      const outcome = await runCli(['montecarlo', '--strategy', 'sma-cross', '--method', method, '--runs', '500', '--report', join(directory, `${method}.html`)]);
      expect(outcome.code, outcome.stderr).toBe(0);
    }
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  for (const method of ['bootstrap', 'shuffle']) {
    it(`${method}: loads without errors or network and draws every histogram in its colour`, async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(join(directory, `${method}.html`)).href, { waitUntil: 'load' });
      await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`#${id} canvas`) !== null), CHARTS.map((c) => c.id));
      const drawn = await page.evaluate((charts) => {
        return charts.map(({ id, colour }) => {
          const canvas = document.querySelector(`#${id} canvas`) as PageCanvas | null;
          if (canvas === null) return { id, width: 0, bar: 0 };
          const rgb = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
          let bar = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 200 && Math.abs(data[i] - rgb[0]) < 20 && Math.abs(data[i + 1] - rgb[1]) < 20 && Math.abs(data[i + 2] - rgb[2]) < 20) bar++;
          }
          return { id, width: canvas.width, bar };
        });
      }, CHARTS);
      if (method === 'bootstrap') await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      for (const chart of drawn) {
        expect(chart.width, `${chart.id} has a canvas`).toBeGreaterThan(300);
        expect(chart.bar, `${chart.id} has bars drawn`).toBeGreaterThan(300);
      }
    });
  }
});
