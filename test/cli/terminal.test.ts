/**
 * Terminal extras of `bt run` on a TTY (issue 4, "Reports"): the equity chart and the one-line
 * summary below the metrics table, sized to the terminal; never with `--quiet`, `--json` or
 * non-TTY output.
 */
import { describe, expect, it } from 'vitest';
import { makeChalk } from '../../src/report/table.js';
import { CHART_ROWS, renderEquityChart } from '../../src/report/terminal-extras.js';
import { runCli } from './run-cli.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (text: string) => text.replace(ANSI, '');
const SMA = ['run', '--strategy', 'sma-cross'];
const env = { BT_STORE: 'off' };

describe('equity chart and summary on a TTY', () => {
  it('prints the chart and the summary line below the metrics table, within the terminal width', async () => {
    const { code, stdout } = await runCli(SMA, { tty: true, env });
    expect(code).toBe(0);
    const lines = plain(stdout).split('\n');
    const caption = lines.findIndex((line) => line.startsWith('Equity 2000-01-03 → 2020-04-17'));
    expect(caption, 'caption after the metrics table').toBeGreaterThan(lines.findIndex((line) => line.includes('Kelly criterion')));
    const chart = lines.slice(caption + 1, caption + 1 + CHART_ROWS);
    for (const row of chart) expect(row, 'a chart row: label and axis').toMatch(/^ ?[\d,]+ [┤┼]/);
    expect(chart[0], 'the top label is the equity peak (min/max thinning keeps it)').toMatch(/^157,344 ┤/);
    expect(chart.at(-1), 'the bottom label is the lowest equity').toMatch(/^ 71,951 ┤/);
    for (const line of lines.slice(caption, caption + 2 + CHART_ROWS)) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(lines[caption + 1 + CHART_ROWS]).toBe('Return +37.51% · CAGR 1.58% · Sharpe 0.145 · Max DD 31.21% · 87 trades');
    expect(lines[caption + 2 + CHART_ROWS], 'notes come after').toMatch(/^note: /);
  });

  it('colours the curve and the return when colour is on, and not with --no-color', async () => {
    expect((await runCli(SMA, { tty: true, env })).stdout).toMatch(/\x1b\[36m[─╭╮╯╰│]/);
    expect((await runCli([...SMA, '--no-color'], { tty: true, env })).stdout).not.toMatch(ANSI);
  });

  it('is omitted with --quiet, for non-TTY output and with --json', async () => {
    for (const [args, tty] of [[[...SMA, '--quiet'], true], [SMA, false]] as const) {
      const { stdout } = await runCli(args, { tty, env });
      expect(stdout).toContain('Kelly criterion');
      expect(stdout).not.toMatch(/Equity 2000|┤|Return \+/);
    }
    const json = await runCli([...SMA, '--json'], { tty: true, env });
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('a run that never trades gets one sentence, not a flat chart', async () => {
    const { stdout } = await runCli(['run', '--strategy', 'opening-range-breakout', '--no-color'], { tty: true, env });
    expect(stdout).toContain('Equity flat at 100,000 from 2000-01-03 to 2020-04-17');
    expect(stdout).toContain('Return 0.00% · CAGR 0.00% · Sharpe -- · Max DD 0.00% · 0 trades');
  });
});

describe('renderEquityChart', () => {
  const chalk = makeChalk(false);
  const time = Float64Array.from({ length: 1000 }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
  const equity = Float64Array.from({ length: 1000 }, (_, i) => 100_000 + 10_000 * Math.sin(i / 50) + (i === 777 ? 50_000 : 0));

  for (const columns of [30, 60, 80, 120, 200]) {
    it(`fits ${columns} columns with ${CHART_ROWS} rows and keeps a one-bar spike`, () => {
      const lines = renderEquityChart(equity, time, false, chalk, columns);
      expect(lines).toHaveLength(1 + CHART_ROWS);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
      const peak = Math.max(...equity).toLocaleString('en-US', { maximumFractionDigits: 0 });
      expect(lines[1].startsWith(`${peak} ┤`), lines[1]).toBe(true);
    });
  }

  it('draws every bar of a short series, one column each', () => {
    const lines = renderEquityChart(equity.subarray(0, 20), time.subarray(0, 20), false, chalk, 100);
    expect(lines[0]).toBe('Equity 2020-01-01 → 2020-01-20');
    expect(Math.max(...lines.slice(1).map((line) => line.length))).toBeLessThanOrEqual(8 + 2 + 20);
  });
});
