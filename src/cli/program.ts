/**
 * Commander wiring: commands, flags and help text. Actions are imported lazily so that
 * `bt --help` loads only this file and commander.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { addCheckOptions } from './commands/run-checks.js';
import { addStoreOptions } from './commands/run-store.js';

/** The exit-code table printed at the end of `bt --help` (and in README.md). */
export const EXIT_CODE_HELP = `Exit codes:
  0    success (and every --assert / baseline check passed)
  1    check failed (--assert, --baseline, --strict with rejected orders, bt diff, bt audit)
  2    usage or config error (unknown flag, strategy or parameter, bad value, invalid YAML)
  3    data error (missing or unreadable file, bad column, bad bar at file:line, too few bars)
  4    strategy error (user file fails to load, init/next throws)
  5    output error (cannot write an output file; nothing partial is left)
  70   internal error (a bug in bt)
  130  interrupted (Ctrl-C)`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Data, broker and output flags shared by `run` (and later `optimize`, `walkforward`). */
export function addRunOptions(command: Command): Command {
  return command
    .option('-d, --data <file>', 'OHLCV bars: CSV (any common dialect) or JSON array; "-" reads stdin (default: bundled S&P 500 daily 2000-2020)')
    .option('--symbol <name>', 'pick one symbol from a multi-symbol (long format) file')
    .option('--sort', 'sort bars by time instead of failing on out-of-order rows')
    .option('--from <date>', 'first bar to use, YYYY-MM-DD (inclusive)')
    .option('--to <date>', 'last bar to use, YYYY-MM-DD (inclusive)')
    .option('-s, --strategy <name|file>', 'built-in strategy name (see "bt strategies") or a .ts/.js strategy file')
    .option('--strat <name=value,...>', 'strategy parameter overrides, comma-separated and/or repeated', collect)
    .option('-c, --config <file.yaml>', 'YAML run config (data, strategy, params, cash, commission, sizing, fill, dates, outputs); flags win')
    .option('--cash <amount>', 'starting cash [quote currency] (default 100000)')
    .option('--commission <rate>', 'commission per fill as a percent ("0.1%") or fraction ("0.001") of traded value (default 0.1%)')
    .option('--commission-fixed <cash>', 'fixed commission per fill [quote currency] (default 0)')
    .option('--slippage <rate>', 'adverse slippage per fill, percent or fraction of price (default 0)')
    .addOption(new Option('--fill <mode>', 'market-order fill price: next bar open, or the signal bar close (less realistic)').choices(['next-open', 'close']))
    .option('--size <units>', 'fixed order size [units] instead of all-in')
    .option('--size-fraction <fraction>', 'order size as a fraction (or percent) of available equity, e.g. 0.5 or 50%')
    .option('--fractional', 'allow fractional units (default: whole units)')
    .option('--close-at-end', 'close open trades at the last close (default: leave open, marked to market)')
    .option('--stop-loss <rate>', 'attach a stop-loss this far below (long) / above (short) every entry fill, e.g. 5%')
    .option('--take-profit <rate>', 'attach a take-profit this far from every entry fill, e.g. 10%')
    .option('--trailing-stop <rate>', 'attach a trailing stop this far from the best price since entry, e.g. 3%')
    .option('--json', 'print one JSON result document to stdout (nothing else on stdout)')
    .option('-o, --out <dir>', 'write summary.json, trades.csv, equity.csv and orders.csv to this folder')
    .option('--report <file.html>', 'write a self-contained HTML report (charts, metrics, trades) to this file')
    .option('--trades', 'add a trades table to the terminal output')
    .option('-q, --quiet', 'print only the metrics table')
    .option('--strict', 'exit 1 when any order was rejected');
}

/**
 * Builds the `bt` program. `run(action)` lazily imports and runs a command module, returning
 * its exit code through `setExitCode`.
 */
export function buildProgram(io: CliIo, version: string, setExitCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('bt')
    .description('bt: backtest trading strategies on OHLCV bars from the command line')
    .version(version, '-V, --version', 'print the bt version')
    .option('--no-color', 'no colours in the output (also NO_COLOR=1)')
    .option('--debug', 'print stack traces for errors (also BT_DEBUG=1)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    })
    .addHelpText('after', `\n${EXIT_CODE_HELP}\n\nExamples:\n  bt run --strategy sma-cross --strat fast=15\n  bt run --data prices.csv --strategy rsi-reversion --commission 0.1% --json\n  bt strategies`);

  const run = addRunOptions(
    program
      .command('run')
      .description('run one backtest and print its metrics (or JSON / files)')
      .addHelpText('after', `\n${EXIT_CODE_HELP}\n\nExample:\n  bt run --strategy sma-cross --strat fast=15,slow=40 --commission 0.1% --trades`),
  );
  addCheckOptions(run);
  addStoreOptions(run);
  run.action(async (options, command: Command) => {
    const { runCommand } = await import('./commands/run.js');
    setExitCode(await runCommand(options, command.optsWithGlobals(), io));
  });

  program
    .command('strategies [name]')
    .description('list the built-in strategies, or show one strategy\'s parameters')
    .option('--json', 'print JSON instead of a table')
    .action(async (name: string | undefined, options, command: Command) => {
      const { strategiesCommand } = await import('./commands/strategies.js');
      setExitCode(await strategiesCommand(name, options, command.optsWithGlobals(), io));
    });

  program
    .command('init-strategy <name>')
    .description('write a commented starter strategy file NAME.ts to edit and run')
    .option('--dir <dir>', 'folder to write it to (default: current folder)')
    .option('--force', 'overwrite an existing file')
    .action(async (name: string, options) => {
      const { initStrategyCommand } = await import('./commands/init-strategy.js');
      setExitCode(await initStrategyCommand(name, options, io));
    });

  return program;
}
