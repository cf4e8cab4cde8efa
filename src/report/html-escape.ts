/**
 * Escaping for the HTML report: text and attribute values, JSON embedded in a
 * `<script type="application/json">` element, and inline scripts.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `&`, `<`, `>`, `"` and `'` so `text` is safe as element text and as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * Serializes `value` as JSON that is safe inside a `<script type="application/json">`
 * element: every `<` is written as `\u003c`, so neither `</script>` nor `<!--` can end or
 * confuse the element, and `JSON.parse` of the element's text gives back the same value.
 * Non-finite numbers become `null`, as in the JSON result.
 */
export function embedJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Makes JavaScript source safe to place between `<script>` and `</script>`: any `</script`
 * (only possible inside a string or regular-expression literal) becomes `<\/script`, which
 * means the same in both.
 */
export function escapeInlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
