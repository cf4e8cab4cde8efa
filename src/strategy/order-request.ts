/**
 * Turns the strategy-facing {@link OrderOptions} into the broker's order request, checking
 * that the options are consistent.
 */
import { didYouMean } from '../config/suggest.js';
import { StrategyError } from '../errors.js';
import type { OrderRequest } from '../engine/broker.js';
export { closeRequest } from '../engine/broker.js';
import type { ExitLevel, OrderSide, OrderType, Sizing, TrailDistance } from '../engine/types.js';
import type { OrderOptions } from './define-strategy.js';

function invalid(message: string, hint: string): never {
  throw new StrategyError('BT_ORDER_INVALID', message, { hint });
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
    invalid(`order option "${name}" must be a positive number, got "${value}"`, `check how "${name}" is computed`);
  }
}

function pick<T>(label: string, entries: readonly [string, T | undefined][]): [string, T] | undefined {
  const given = entries.filter(([, value]) => value !== undefined) as [string, T][];
  if (given.length > 1) {
    invalid(`${label}: give only one of ${given.map(([name]) => `"${name}"`).join(', ')}`, `${label} takes a single form`);
  }
  return given[0];
}

/** Every option of {@link OrderOptions}. */
const OPTION_NAMES: readonly string[] = [
  'quantity',
  'fraction',
  'cash',
  'riskFraction',
  'limitPrice',
  'stopPrice',
  'trailFraction',
  'trailAmount',
  'stopLossPrice',
  'stopLossFraction',
  'takeProfitPrice',
  'takeProfitFraction',
  'trailingStopFraction',
  'trailingStopAmount',
  'expiresAfterBars',
  'atClose',
  'tag',
];
const KNOWN_OPTIONS = new Set(OPTION_NAMES);
/** Options that must be positive numbers (`fraction` and `riskFraction` have their own range). */
const POSITIVE_OPTIONS = OPTION_NAMES.filter((name) => name !== 'fraction' && name !== 'riskFraction' && name !== 'tag' && name !== 'atClose') as readonly (keyof OrderOptions)[];

/**
 * Builds a broker order request for `side` on `symbol` from `options`; without a sizing
 * option the run's `defaultSizing` is used.
 * @throws StrategyError `BT_ORDER_INVALID` for unknown, contradictory or out-of-range options.
 */
export function buildOrderRequest(symbol: number, side: OrderSide, options: OrderOptions, defaultSizing: Sizing): OrderRequest {
  if (isEmpty(options)) return marketOrderRequest(symbol, side, defaultSizing);
  for (const name in options) {
    // A misspelt option (e.g. "stopLoss") would otherwise be dropped silently.
    if (!KNOWN_OPTIONS.has(name) && (options as Record<string, unknown>)[name] !== undefined) {
      invalid(`unknown order option "${name}"${didYouMean(name, OPTION_NAMES)}`, `valid options: ${OPTION_NAMES.join(', ')}`);
    }
  }
  for (const name of POSITIVE_OPTIONS) {
    positive(name, options[name] as number | undefined);
  }
  if (options.fraction !== undefined && !(options.fraction > 0 && options.fraction <= 1)) {
    invalid(`order option "fraction" must be in (0, 1], got "${options.fraction}"`, 'fraction is a share of equity: 0.5 = 50 %');
  }
  if (options.riskFraction !== undefined && !(options.riskFraction > 0 && options.riskFraction <= 1)) {
    invalid(`order option "riskFraction" must be in (0, 1], got "${options.riskFraction}"`, 'riskFraction 0.01 risks 1 % of equity');
  }
  if (options.expiresAfterBars !== undefined && !Number.isInteger(options.expiresAfterBars)) {
    invalid(`order option "expiresAfterBars" must be a whole number, got "${options.expiresAfterBars}"`, 'count bars');
  }
  const sizingChoice = pick<number>('order sizing', [
    ['quantity', options.quantity],
    ['fraction', options.fraction],
    ['cash', options.cash],
    ['riskFraction', options.riskFraction],
  ]);
  let sizing: Sizing = defaultSizing;
  if (sizingChoice !== undefined) {
    const [name, value] = sizingChoice;
    sizing =
      name === 'quantity'
        ? { kind: 'units', units: value }
        : name === 'fraction'
          ? { kind: 'fraction', fraction: value }
          : name === 'cash'
            ? { kind: 'cash', cash: value }
            : { kind: 'risk', riskFraction: value };
  }
  const trailChoice = pick<number>('trailing order', [
    ['trailFraction', options.trailFraction],
    ['trailAmount', options.trailAmount],
  ]);
  const trail: TrailDistance | undefined =
    trailChoice === undefined ? undefined : trailChoice[0] === 'trailFraction' ? { fraction: trailChoice[1] } : { amount: trailChoice[1] };
  let type: OrderType = 'market';
  if (trail !== undefined) {
    if (options.limitPrice !== undefined || options.stopPrice !== undefined) {
      invalid('a trailing stop takes no "limitPrice" or "stopPrice"', 'use trailFraction or trailAmount alone');
    }
    type = 'trailing-stop';
  } else if (options.limitPrice !== undefined && options.stopPrice !== undefined) type = 'stop-limit';
  else if (options.limitPrice !== undefined) type = 'limit';
  else if (options.stopPrice !== undefined) type = 'stop';
  if (options.atClose !== undefined && typeof options.atClose !== 'boolean') {
    invalid(`order option "atClose" must be true or false, got "${String(options.atClose)}"`, 'atClose: true fills at this bar\'s close');
  }
  if (options.atClose === true) {
    if (type !== 'market') invalid(`"atClose" makes a market-on-close order; it takes no limit, stop or trail price (got a ${type} order)`, 'drop the price options, or atClose');
    if (options.expiresAfterBars !== undefined) invalid('"atClose" orders fill or expire at this bar\'s close; they take no "expiresAfterBars"', 'drop expiresAfterBars');
    type = 'market-on-close';
  }

  const stopLossChoice = pick<number>('stop-loss', [
    ['stopLossPrice', options.stopLossPrice],
    ['stopLossFraction', options.stopLossFraction],
  ]);
  const takeProfitChoice = pick<number>('take-profit', [
    ['takeProfitPrice', options.takeProfitPrice],
    ['takeProfitFraction', options.takeProfitFraction],
  ]);
  const trailingChoice = pick<number>('trailing stop', [
    ['trailingStopFraction', options.trailingStopFraction],
    ['trailingStopAmount', options.trailingStopAmount],
  ]);
  const level = (choice: [string, number] | undefined): ExitLevel | undefined =>
    choice === undefined ? undefined : choice[0].endsWith('Price') ? { price: choice[1] } : { fraction: choice[1] };
  return {
    symbol,
    side,
    type,
    sizing,
    limitPrice: options.limitPrice,
    stopPrice: options.stopPrice,
    trail,
    timeInForce: options.expiresAfterBars === undefined ? 'gtc' : 'bars',
    expiresAfterBars: options.expiresAfterBars,
    reduceOnly: false,
    parentTradeId: undefined,
    role: undefined,
    stopLoss: level(stopLossChoice),
    takeProfit: level(takeProfitChoice),
    trailingStop:
      trailingChoice === undefined
        ? undefined
        : trailingChoice[0] === 'trailingStopFraction'
          ? { fraction: trailingChoice[1] }
          : { amount: trailingChoice[1] },
    tag: options.tag,
  };
}

/** True when no option is set (a plain market order with the default sizing). */
export function isEmpty(options: OrderOptions): boolean {
  for (const key in options) if ((options as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

/** A plain market order with the given sizing (the common case, built without checks). */
export function marketOrderRequest(symbol: number, side: OrderSide, sizing: Sizing): OrderRequest {
  return {
    symbol,
    side,
    type: 'market',
    sizing,
    limitPrice: undefined,
    stopPrice: undefined,
    trail: undefined,
    timeInForce: 'gtc',
    expiresAfterBars: undefined,
    reduceOnly: false,
    parentTradeId: undefined,
    role: undefined,
    stopLoss: undefined,
    takeProfit: undefined,
    trailingStop: undefined,
    tag: undefined,
  };
}
