import { it, expect } from 'vitest';
import { SeriesView } from '/work/main/src/strategy/series-view.js';
it('x', () => {
  const v = new SeriesView('x', Float64Array.from([1, 2, 3, 4]), { bar: 2 });
  console.log('ago(0.5)=', v.ago(0.5), 'at(1.5)=', v.at(1.5), 'ago(-0.5)=', v.ago(-0.5), 'ago(NaN)=', v.ago(NaN), 'last(-1)=', v.last(-1), 'last(2.5)', v.last(2.5));
});
