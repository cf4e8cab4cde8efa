/**
 * Commander wiring: commands, flags and help text. Actions are imported lazily so that
 * `bt --help` loads only this file and commander.
 */
import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { STRATEGY_FAMILIES } from '../strategy/families.js';
import { addCheckOptions } from './commands/run-checks.js';
import { addStoreOptions } from './commands/run-store.js';

/** The exit-code table printed at the end of `bt --help` (and in README.md). */
export const EXIT_CODE_HELP = `Exit codes:
  0    success (and every --assert / baseline check passed)
  1    check failed (--assert, --baseline, --strict with rejected orders, bt diff, bt audit)
  2    usage or config error (unknown flag, strategy or parameter, bad value, invalid YAML)
  3    data error (missing or unreadable file, bad column, bad bar at file:line, too few bars)
  4    strategy error (user file fails to load, init/next throws, is async or calls process.exit)
  5    output error (cannot write an output file or stdout; nothing partial is left)
  70   internal error (a bug in bt)
  130  interrupted (Ctrl-C or SIGTERM)`;

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Data, strategy and broker flags: what to backtest and how. Shared by `run` and `montecarlo`
 * (which add their own output flags), and by `optimize` and `walkforward`.
 */
export function addRunInputOptions(command: Command): Command {
  return command
    .option(
      '-d, --data <file|spec>',
      'OHLCV bars: CSV (any common dialect), JSON array, Parquet or Arrow/Feather file; "-" reads stdin (default: bundled S&P 500 daily 2000-2020); or SOURCE:SYMBOL (binance:BTC/USDT, any ccxt exchange id, or yahoo:AAPL) through the local cache, see "bt data". Portfolios: repeat it, NAME=FILE names the symbol, a directory reads every .csv/.txt/.json in it',
      collect,
    )
    .option('--symbol <name>', 'pick one symbol from a multi-symbol (long format) file')
    .option('--timeframe <tf>', 'resample the bars to a longer timeframe first: 1h, 4h, 1d, 1w, 1M (also Nm, Nh); with a SOURCE:SYMBOL --data, the bar length fetched (default 1d)')
    .option('--offline', 'SOURCE:SYMBOL data: use only the local cache, never the network (also BT_OFFLINE=1); a range not cached is an error naming it')
    .option('--adjust', 'SOURCE:SYMBOL data from Yahoo: split- and dividend-adjusted OHLC (OHLC x adjclose / close) instead of raw prices')
    .option('--tz <zone>', 'IANA time zone of naive timestamps, and of days, sessions and --timeframe buckets (default UTC)')
    .option('--benchmark <symbol|file>', 'portfolio runs: alpha, beta and buy & hold against this symbol or data file (default: the first symbol)')
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
    .addOption(new Option('--compat <preset>', "a peer's conventions: backtesting.py (close at end at the last open, brackets from the entry bar) or backtrader (decide at the warm-up bar, population SQN); the switches below override it").choices(['backtesting.py', 'backtrader']))
    .addOption(new Option('--close-at-end-price <price>', 'with --close-at-end: close at the last bar\'s close (default) or open (backtesting.py finalize_trades)').choices(['close', 'open']))
    .addOption(new Option('--first-decision <rule>', 'first decision bar: after-warmup = 1 + the warm-up (default), at-warmup = the warm-up bar (backtrader\'s first next)').choices(['after-warmup', 'at-warmup']))
    .addOption(new Option('--brackets <activation>', 'stop-loss/take-profit of an entry filled at the open: active from the next-bar (default, backtrader) or the entry-bar (backtesting.py)').choices(['next-bar', 'entry-bar']))
    .addOption(new Option('--sqn <deviation>', 'SQN standard deviation: sample, n - 1 (default, backtesting.py) or population, n (backtrader; 0 below two trades)').choices(['sample', 'population']));
}

/** The flags of `bt run`: {@link addRunInputOptions} plus its output flags. */
export function addRunOptions(command: Command): Command {
  return addRunInputOptions(command)
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

  const monteCarlo = addRunInputOptions(
    program
      .command('montecarlo')
      .description('resample a run\'s closed trades (bootstrap or shuffle): distributions of final return, max drawdown, losing streak; probability of ruin')
      .addHelpText(
        'after',
        `\nThe trades come from a backtest run here (the bt run flags above) or from a saved result (--from-result).\n` +
          `Each path starts at the run's initial cash. Model "compound": a trade multiplies equity by 1 + pnl / (equity at its entry);\n` +
          `"additive": it adds its pnl. "auto" picks additive for fixed --size units (and cash sizing), else compound.\n` +
          `Percentiles interpolate linearly between closest ranks (numpy's default). A path is ruined when its equity falls\n` +
          `below (1 - ruin) x initial cash after any trade. A run with no closed trades is a data error (exit 3).\n\n${EXIT_CODE_HELP}\n\n` +
          `Examples:\n  bt montecarlo --strategy sma-cross --runs 1000 --seed 7\n  bt run --strategy sma-cross --json > run.json && bt montecarlo --from-result run.json --method shuffle --report mc.html`,
      ),
  )
    .option('--from-result <file.json>', 'resample the trades of a saved result ("bt run --json" output or summary.json; "-" reads stdin) instead of running a backtest')
    .option('--runs <n>', 'number of simulated paths, 1 … 1,000,000 (default 1000)')
    .option('--seed <n>', 'seed of the random numbers, 0 … 4294967295; same seed, same output (default 1)')
    .addOption(new Option('--method <method>', 'bootstrap: draw n trades with replacement; shuffle: reorder all n trades (default bootstrap)').choices(['bootstrap', 'shuffle']))
    .option('--ruin <rate>', 'loss that counts as ruin, percent or fraction of initial cash: 50% or 0.5 (default 50%)')
    .addOption(new Option('--model <model>', 'how a trade changes equity (default auto: by the run\'s sizing)').choices(['auto', 'compound', 'additive']))
    .option('--bins <n>', 'histogram bins per statistic, 1 … 200 (default 20)')
    .option('--json', 'print one JSON document (statistics, percentiles, probability of ruin, histograms) to stdout')
    .option('-o, --out <dir>', 'write summary.json (the JSON document) and distribution.csv (one row per path) to this folder')
    .option('--report <file.html>', 'write a self-contained HTML report with the histograms to this file')
    .option('-q, --quiet', 'print only the statistics table and the probability of ruin');
  monteCarlo.action(async (options, command: Command) => {
    const { monteCarloCommand } = await import('./commands/monte-carlo.js');
    setExitCode(await monteCarloCommand(options, command.optsWithGlobals(), io));
  });

  program
    .command('diff <baseline> <current>')
    .description('compare two JSON results (bt run --json / summary.json / --save-baseline): exit 0 when equal, 1 when not')
    .option('--tolerance <relative>', 'relative tolerance of value comparisons, |a - b| <= t x max(|a|, |b|) (default 1e-9)')
    .option('--metrics-only', 'compare settings and metrics only, not the trades')
    .option('--json', 'print the comparison as one JSON document')
    .addHelpText('after', `\nEither file may be "-" (stdin). Settings that must match: schemaVersion, strategy name and params, data sha256 and\nsymbol, conventions. Metrics and account values compare within the tolerance (null equals only null); trades compare\none by one (bars exactly, prices and sizes within the tolerance) and the first differing trade is shown.\n\n${EXIT_CODE_HELP}\n\nExample:\n  bt run --strategy sma-cross --json > current.json && bt diff baseline.json current.json`)
    .action(async (baseline: string, current: string, options, command: Command) => {
      const { diffCommand } = await import('./commands/diff.js');
      setExitCode(await diffCommand(baseline, current, options, command.optsWithGlobals(), io));
    });

  addRunInputOptions(
    program
      .command('audit')
      .description('look-ahead audit: rerun the strategy on truncated copies of the data; exit 1 if any decision or indicator value at bar t changes when the bars after t are removed'),
  )
    .option('--cuts <n>', 'evenly spaced truncation points between the first decision bar and the end, besides both edges (default 20)')
    .option('--json', 'print the audit report as one JSON document')
    .option('-q, --quiet', 'no progress bar')
    .addHelpText('after', `\nEach copy ends at a cut bar c; every registered indicator value, order decision, order status change and fill at\nbars <= c must equal the full run's. The strategy sees the full data's ctx.lastBar on every copy, and open trades are\nnot closed at the end of a copy, so end-of-data rules are not reported.\n\n${EXIT_CODE_HELP}\n\nExample:\n  bt audit --strategy ./my-strategy.ts --cuts 50`)
    .action(async (options, command: Command) => {
      const { auditCommand } = await import('./commands/audit.js');
      setExitCode(await auditCommand(options, command.optsWithGlobals(), io));
    });

  const runs = program
    .command('runs')
    .description('the run history: every bt run is recorded in a local SQLite store; list, show, diff and remove runs')
    .addHelpText(
      'after',
      `\nThe store is .bt/runs.db in the working folder, or --store PATH, or $BT_STORE (BT_STORE=off: bt run records nothing).\n` +
        `A run's id is the SHA-256 of its inputs (data and strategy SHA-256, resolved parameters, conventions, bt version):\n` +
        `the same inputs give the same id, and re-running them updates that entry. Give any unique prefix of 4+ characters.\n\n${EXIT_CODE_HELP}\n\n` +
        `Examples:\n  bt runs --strategy sma-cross --limit 5\n  bt runs show 3f9a2c\n  bt runs diff 3f9a2c 81be07 --metrics-only\n  bt runs rm 3f9a2c`,
    );
  const storeOption = '--store <path>';
  const storeHelp = 'the run store to read (default: .bt/runs.db in the working folder, or $BT_STORE)';
  runs
    .command('list', { isDefault: true })
    .description('list recent runs, newest first: id, time, strategy and parameters, data, return, Sharpe, max drawdown, trades')
    .option('--limit <n>', 'show at most this many runs (default 20)')
    .option('-s, --strategy <name>', 'only runs of this strategy')
    .option('--json', 'print the runs as one JSON array (full ids, times, metrics)')
    .option(storeOption, storeHelp)
    .action(async (options, command: Command) => {
      const { runsListCommand } = await import('./commands/runs.js');
      setExitCode(await runsListCommand(options, command.optsWithGlobals(), io));
    });
  runs
    .command('show <id>')
    .description('print a stored run as bt run printed it (metrics table, or --json: the exact JSON result)')
    .option('--json', 'print the stored JSON result document, byte for byte as bt run --json printed it')
    .option('-q, --quiet', 'print only the metrics table')
    .option(storeOption, storeHelp)
    .action(async (id: string, options, command: Command) => {
      const { runsShowCommand } = await import('./commands/runs.js');
      setExitCode(await runsShowCommand(id, options, command.optsWithGlobals(), io));
    });
  runs
    .command('diff <id1> <id2>')
    .description('bt diff of two stored runs (id1 is the baseline): exit 0 when equal, 1 when not')
    .option('--tolerance <relative>', 'relative tolerance of value comparisons, |a - b| <= t x max(|a|, |b|) (default 1e-9)')
    .option('--metrics-only', 'compare settings and metrics only, not the trades')
    .option('--json', 'print the comparison as one JSON document')
    .option(storeOption, storeHelp)
    .action(async (id1: string, id2: string, options, command: Command) => {
      const { runsDiffCommand } = await import('./commands/runs.js');
      setExitCode(await runsDiffCommand(id1, id2, options, command.optsWithGlobals(), io));
    });
  runs
    .command('rm <id>')
    .description('remove a stored run')
    .option(storeOption, storeHelp)
    .action(async (id: string, options, command: Command) => {
      const { runsRemoveCommand } = await import('./commands/runs.js');
      setExitCode(await runsRemoveCommand(id, options, command.optsWithGlobals(), io));
    });

  addSearchCommands(program, io, setExitCode);
  addDataCommands(program, setExitCode, io);

  program
    .command('strategies [name]')
    .description('list the built-in strategies by family, or show one strategy\'s parameters')
    .option('--category <family>', `list one family: ${STRATEGY_FAMILIES.join(', ')}`)
    .option('--tag <tag>', 'list the strategies with this tag (lower kebab-case, e.g. crossover, rsi, long-short)')
    .option('--markdown', 'print the list as a Markdown table (the README catalogue)')
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

/** Flags of the parameter search shared by `optimize` and `walkforward`. */
function addSearchOptions(command: Command): Command {
  return command
    .option('--param <spec>', 'search a parameter: NAME=START:STOP:STEP (inclusive), NAME=A,B,C, or NAME alone (booleans, enum values, or the schema\'s min..max by its step); repeat per parameter', collect)
    .option('--constraint <expr>', 'only run combinations where this holds, e.g. "fast < slow" or "fast * 2 <= slow"; repeat to require several', collect)
    .option('--maximize <metric>', 'metric key to maximize (default sharpe; see the README metrics table)')
    .option('--minimize <metric>', 'metric key to minimize instead, e.g. maxDrawdown')
    .option('--min-trades <n>', 'runs with fewer closed trades get no objective value (ranked last)')
    .addOption(
      new Option('--method <method>', 'grid: every valid combination; random: --trials draws; genetic: --population x --generations; tpe: Tree-structured Parzen Estimator, --trials runs (default grid)').choices([
        'grid',
        'random',
        'genetic',
        'tpe',
      ]),
    )
    .option('--trials <n>', 'random and tpe search: number of distinct combinations to run (default 100)')
    .option('--startup-trials <n>', 'tpe search: random trials before the model guides the search (default 10)')
    .option('--batch <n>', 'tpe search: trials suggested at once and run in parallel (constant liar), 1 … 1024; the result depends on it, not on --workers (default 4)')
    .option('--population <n>', 'genetic search: individuals per generation (default 20)')
    .option('--generations <n>', 'genetic search: generations, the first one random (default 10)')
    .option('--crossover-rate <rate>', 'genetic search: probability that a child mixes its parents (else copies one), 0 … 1 or 0% … 100% (default 1)')
    .option('--mutation-rate <rate>', 'genetic search: probability that each gene of a child mutates, 0 … 1 or 0% … 100% (default 1 / number of searched parameters)')
    .option('--elite <n>', 'genetic search: best individuals kept unchanged each generation, 0 … population − 1 (default population / 10, at least 1)')
    .option('--seed <n>', 'random, genetic and tpe search: seed, 0 … 4294967295; same seed, same result (default 1)')
    .option('--workers <n>', 'worker threads; 1 runs in this process (default: one per core, or 1 for a small search under 8 million bar-steps (runs × bars))');
}

/** Registers `optimize`, `walkforward` and `merge`; their actions are imported lazily. */
function addSearchCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const optimize = addSearchOptions(
    addRunInputOptions(
      program
        .command('optimize')
        .description('search strategy parameters (grid, random or genetic) in parallel and rank the runs by a metric; heatmap for two parameters'),
    ),
  )
    .option('--pbo', 'probability of backtest overfitting by combinatorially symmetric cross-validation (CSCV) over the runs\' per-bar returns')
    .option('--pbo-splits <n>', 'with --pbo: blocks S the bars are cut into, even, 2 … 20; C(S, S/2) combinations (default 16)')
    .option('--common-start', 'every run decides from 1 + the largest warm-up in the search space, so all cover the same window (default: each run from its own first decision bar, exactly as bt run)')
    .option('--top <n>', 'rows of the top-runs table (default 10)')
    .option('--heatmap <row,column>', 'the two searched parameters of the heatmap (default: the two searched, when exactly two vary)')
    .option('--shard <K/N>', 'run only slice K of N of the search (grid or random) and write its runs as JSON Lines for "bt merge"')
    .option('--json', 'print the result as one JSON document (best, runs ranked, objective, seed, search, first decision bar)')
    .option('-o, --out <dir>', 'write trials.json, trials.csv (every run) and best.json to this folder (with --shard: a path ending .jsonl is the file, anything else a folder for shard-K-of-N.jsonl)')
    .option('--report <file.html>', 'write the HTML report of the best run, with the heatmap')
    .option('-q, --quiet', 'print only the top-runs table; no status line or progress bar')
    .addHelpText(
      'after',
      `\nEach run decides from its own first decision bar (1 + its warm-up), exactly as bt run with its parameters, so a row\n` +
        `reproduces with bt run; --common-start makes all runs decide from 1 + the largest warm-up, over the same window.\n` +
        `Runs are ranked by the objective (null, or fewer than --min-trades trades, last); ties keep the search order.\n` +
        `Under the top runs: the best run's Deflated Sharpe Ratio (Bailey & López de Prado 2014), and with --pbo the Probability of\n` +
        `Backtest Overfitting by CSCV (Bailey, Borwein, López de Prado & Zhu), over the runs' per-bar returns.\n` +
        `Ctrl-C stops the workers, writes the runs that finished (marked "incomplete": true) and exits 130.\n\n${EXIT_CODE_HELP}\n\n` +
        `Examples:\n  bt optimize --strategy sma-cross --param fast=5:50:5 --param slow=20:200:10 --constraint "fast < slow" --maximize sharpe\n` +
        `  bt optimize --strategy rsi-reversion --param period=5:30 --method random --trials 200 --seed 7 --out results/\n` +
        `  bt optimize --strategy sma-cross --param fast=2:60:2 --param slow=20:300:10 --constraint "fast < slow" --method tpe --trials 60 --pbo\n` +
        `  bt optimize ... --shard 2/4 --out shards/ && bt merge shards/*.jsonl --json`,
    );
  optimize.action(async (options, command: Command) => {
    const { optimizeCommand } = await import('./commands/optimize.js');
    setExitCode(await optimizeCommand(options, command.optsWithGlobals(), io));
  });

  const walkForward = addSearchOptions(
    addRunInputOptions(
      program
        .command('walkforward')
        .description('walk-forward analysis: optimize on each in-sample window, run the best parameters on the next out-of-sample window, stitch the results'),
    ),
  )
    .option('--train <length>', 'in-sample window: bars (500) or a calendar length (2y, 6m, 3w, 10d)')
    .option('--test <length>', 'out-of-sample window, in the same units as --train')
    .option('--step <length>', 'how far each window moves (default: --test; not shorter than --test)')
    .option('--anchored', 'every in-sample window starts at the first bar (expanding); default rolling')
    .option('--json', 'print the walk-forward document (windows, best parameters, in/out-of-sample metrics, combined metrics, efficiency)')
    .option('-o, --out <dir>', 'write walkforward.json, windows.csv and equity.csv (stitched out-of-sample equity) to this folder')
    .option('-q, --quiet', 'print only the windows table and the summary')
    .addHelpText(
      'after',
      `\nOut of sample, the best in-sample parameters run with indicators warmed up on the bars before the window, decide from\n` +
        `its first bar and close their trades at its last close; the windows are chained by returns. Walk-forward efficiency =\n` +
        `CAGR of the stitched out-of-sample equity / mean in-sample CAGR of the best runs.\n\n${EXIT_CODE_HELP}\n\n` +
        `Examples:\n  bt walkforward --strategy sma-cross --param fast=5:50:5 --param slow=20:200:20 --constraint "fast < slow" --train 2y --test 6m\n` +
        `  bt walkforward --strategy rsi-reversion --param period=5:30:5 --train 500 --test 100 --anchored --json`,
    );
  walkForward.action(async (options, command: Command) => {
    const { walkForwardCommand } = await import('./commands/walk-forward.js');
    setExitCode(await walkForwardCommand(options, command.optsWithGlobals(), io));
  });

  program
    .command('merge <files...>')
    .description('merge the JSON Lines shards of "bt optimize --shard K/N" into the result of the unsharded search')
    .option('--top <n>', 'rows of the top-runs table (default 10)')
    .option('--heatmap <row,column>', 'the two searched parameters of the heatmap')
    .option('--json', 'print the merged result as one JSON document (identical to the unsharded --json)')
    .option('-o, --out <dir>', 'write trials.json, trials.csv and best.json to this folder')
    .option('-q, --quiet', 'print only the top-runs table')
    .addHelpText('after', `\nEvery shard 1 … N of one search must be given once, complete.\n\n${EXIT_CODE_HELP}\n\nExample:\n  bt merge shards/shard-*.jsonl --out results/`)
    .action(async (files: string[], options, command: Command) => {
      const { mergeCommand } = await import('./commands/merge.js');
      setExitCode(await mergeCommand(files, options, command.optsWithGlobals(), io));
    });
}

/** The environment variables of `bt data`, printed in its help (and in README "Data"). */
export const DATA_ENV_HELP = `Environment:
  BT_DATA_DIR                  the cache folder (default: $XDG_CACHE_HOME/bt or ~/.cache/bt; macOS ~/Library/Caches/bt;
                               Windows %LOCALAPPDATA%\\bt\\Cache)
  BT_OFFLINE=1                 never use the network (as --offline); a range not cached is an error naming it
  BT_<EXCHANGE>_API_KEY, BT_<EXCHANGE>_SECRET, BT_<EXCHANGE>_PASSWORD
                               credentials of a ccxt exchange, e.g. BT_BINANCE_API_KEY (never as flags)
  BT_<EXCHANGE>_URL            replaces the scheme and host of the exchange's API URLs (a proxy or mirror)
  BT_YAHOO_URL                 the same for Yahoo (Yahoo needs no key)
  BT_FETCH_RETRIES             tries per request before giving up (default 5)
  BT_FETCH_BACKOFF_MS          first wait after a failed try [ms], doubled each try, at least Retry-After (default 1000)`;

/** Registers `bt data` and its subcommands; actions are imported lazily. */
function addDataCommands(program: Command, setExitCode: (code: number) => void, io: CliIo): void {
  const data = program
    .command('data')
    .description('market data by symbol: fetch bars from an exchange (ccxt) or Yahoo into the local cache; list, show, remove and export cached series')
    .addHelpText(
      'after',
      `\nA spec is SOURCE:SYMBOL: any ccxt exchange id and its symbol (binance:BTC/USDT, kraken:ETH/EUR), or yahoo:TICKER\n` +
        `(yahoo:AAPL, yahoo:^GSPC; raw OHLC plus adjclose, splits and dividends recorded; --adjust on run/export for adjusted OHLC).\n` +
        `The cache holds one Arrow (Feather v2) file per source, symbol and timeframe; a fetch asks only for the ranges not\n` +
        `cached yet. "bt run --data SPEC --timeframe TF --from ... --to ..." reads through the same cache.\n\n${DATA_ENV_HELP}\n\n${EXIT_CODE_HELP}\n\n` +
        `Examples:\n  bt data fetch binance:BTC/USDT --timeframe 1h --from 2021-01-01\n  bt data list\n  bt run --data binance:BTC/USDT --timeframe 1h --from 2021-01-01 --offline --strategy sma-cross`,
    );
  const specHelp = ' (SOURCE:SYMBOL, e.g. binance:BTC/USDT or yahoo:AAPL)';
  data
    .command('fetch <spec...>')
    .description(`fetch bars into the cache: only the ranges not cached yet, and again any interior gap${specHelp}`)
    .option('--timeframe <tf>', 'bar length as the source names it: ccxt 1m, 5m, 15m, 1h, 4h, 1d, 1w, 1M; Yahoo 1m … 1h, 1d, 1wk, 1mo (default 1d)')
    .option('--from <date>', 'first bar, YYYY-MM-DD (needed for the first fetch of a series)')
    .option('--to <date>', 'last bar, YYYY-MM-DD inclusive (default: the last complete bar)')
    .option('--json', 'print one JSON array: per series its range, rows, gaps, file, and what was fetched')
    .option('-q, --quiet', 'no progress line')
    .addHelpText('after', `\nCtrl-C keeps every complete page already fetched (a new fetch resumes after it) and exits 130.\n\n${DATA_ENV_HELP}`)
    .action(async (specs: string[], options, command: Command) => {
      const { dataFetchCommand } = await import('./commands/data.js');
      setExitCode(await dataFetchCommand(specs, options, command.optsWithGlobals(), io));
    });
  data
    .command('list')
    .description('list the cached series: spec, timeframe, first and last bar, rows, gaps, size on disk')
    .option('--json', 'print {dir, series: [...]} as JSON')
    .action(async (options, command: Command) => {
      const { dataListCommand } = await import('./commands/data.js');
      setExitCode(await dataListCommand(options, command.optsWithGlobals(), io));
    });
  data
    .command('show <spec>')
    .description(`show a cached series: first and last bars, covered ranges, gaps, splits and dividends${specHelp}`)
    .option('--timeframe <tf>', 'which timeframe (needed when several are cached)')
    .option('--rows <n>', 'bars shown at the head and at the tail (default 5)')
    .option('--json', 'print the series summary, coverage, gap list, head and tail as JSON')
    .action(async (spec: string, options, command: Command) => {
      const { dataShowCommand } = await import('./commands/data.js');
      setExitCode(await dataShowCommand(spec, options, command.optsWithGlobals(), io));
    });
  data
    .command('rm <spec>')
    .description(`remove a cached series (every timeframe of it unless --timeframe); works on damaged files${specHelp}`)
    .option('--timeframe <tf>', 'remove only this timeframe')
    .option('--json', 'print {removed: [paths]} as JSON')
    .action(async (spec: string, options, command: Command) => {
      const { dataRemoveCommand } = await import('./commands/data.js');
      setExitCode(await dataRemoveCommand(spec, options, command.optsWithGlobals(), io));
    });
  data
    .command('export <spec>')
    .description(`write a cached series to a file: .csv, .parquet, or .arrow/.feather (by the extension of --out)${specHelp}`)
    .option('--timeframe <tf>', 'which timeframe (needed when several are cached)')
    .option('-o, --out <file>', 'the file to write (written atomically)')
    .option('--from <date>', 'first bar, YYYY-MM-DD')
    .option('--to <date>', 'last bar, YYYY-MM-DD inclusive')
    .option('--adjust', 'split- and dividend-adjusted OHLC (series with an adjclose column)')
    .option('--json', 'print {out, format, rows, sha256, prices} as JSON')
    .action(async (spec: string, options, command: Command) => {
      const { dataExportCommand } = await import('./commands/data.js');
      setExitCode(await dataExportCommand(spec, options, command.optsWithGlobals(), io));
    });
}
