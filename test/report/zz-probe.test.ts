import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { sp500Fixture } from './report-fixture.js';
import { renderHtmlReport } from '../../src/report/html.js';
it('probe', () => { writeFileSync('/tmp/r.html', renderHtmlReport(sp500Fixture())); writeFileSync('/tmp/r-ls.html', renderHtmlReport(sp500Fixture({ direction: 'long-short', fast: 20, slow: 60 }))); });
