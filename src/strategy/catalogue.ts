/**
 * The built-in strategy catalogue: every built-in's metadata (family, kind, tags, description,
 * parameter names) in listing order, and the `--category` / `--tag` filters of
 * `bt strategies`. The README's strategy table is rendered from it (report/strategy-catalogue.ts).
 */
import { didYouMean } from '../config/suggest.js';
import { UsageError } from '../errors.js';
import { BUILTIN_NAMES, BUILTIN_STRATEGIES } from './builtins.js';
import { isPortfolioStrategy } from './define-portfolio-strategy.js';
import { familyRank, isStrategyFamily, STRATEGY_FAMILIES } from './families.js';

/** One built-in strategy as the catalogue lists it. */
export interface CatalogueEntry {
  readonly name: string;
  /** Its family (one of `STRATEGY_FAMILIES`). */
  readonly category: string;
  /** `single` (one series) or `portfolio` (several symbols, one account). */
  readonly kind: 'single' | 'portfolio';
  readonly tags: readonly string[];
  readonly description: string;
  /** Parameter names, in declaration order. */
  readonly params: readonly string[];
}

/** Filters of {@link filterCatalogue}; both optional, combined with AND. */
export interface CatalogueFilter {
  /** Keep one family. */
  readonly category?: string;
  /** Keep the strategies carrying this tag. */
  readonly tag?: string;
}

/**
 * Loads every built-in and returns its entry, in listing order (by family, single-asset before
 * portfolio; registry order within that, a stable sort).
 */
export async function loadCatalogue(): Promise<CatalogueEntry[]> {
  const entries = await Promise.all(
    BUILTIN_NAMES.map(async (name): Promise<CatalogueEntry> => {
      const strategy = (await BUILTIN_STRATEGIES[name]()).default;
      return {
        name: strategy.name,
        category: strategy.category,
        kind: isPortfolioStrategy(strategy) ? 'portfolio' : 'single',
        tags: strategy.tags,
        description: strategy.description,
        params: Object.keys(strategy.params),
      };
    }),
  );
  const rank = (e: CatalogueEntry): number => familyRank(e.category, e.kind === 'portfolio');
  return entries.sort((a, b) => rank(a) - rank(b));
}

/** Every tag used by `entries`, sorted. */
export function catalogueTags(entries: readonly CatalogueEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.tags))].sort();
}

/**
 * Keeps the entries of one family and/or carrying one tag (case-insensitive input).
 * @throws UsageError `BT_CATEGORY_UNKNOWN` for a category that is not a family, and
 *   `BT_TAG_UNKNOWN` for a tag no built-in carries; both with a "did you mean" and the list.
 */
export function filterCatalogue(entries: readonly CatalogueEntry[], filter: CatalogueFilter): CatalogueEntry[] {
  let kept = [...entries];
  if (filter.category !== undefined) {
    const category = filter.category.trim().toLowerCase();
    if (!isStrategyFamily(category)) {
      throw new UsageError('BT_CATEGORY_UNKNOWN', `unknown category "${filter.category}"${didYouMean(category, STRATEGY_FAMILIES)}`, {
        hint: `categories: ${STRATEGY_FAMILIES.join(', ')}`,
        location: { flag: '--category' },
      });
    }
    kept = kept.filter((e) => e.category === category);
  }
  if (filter.tag !== undefined) {
    const tag = filter.tag.trim().toLowerCase();
    const tags = catalogueTags(entries);
    if (!tags.includes(tag)) {
      throw new UsageError('BT_TAG_UNKNOWN', `unknown tag "${filter.tag}"${didYouMean(tag, tags)}`, {
        hint: `tags: ${tags.join(', ')}`,
        location: { flag: '--tag' },
      });
    }
    kept = kept.filter((e) => e.tags.includes(tag));
  }
  return kept;
}
