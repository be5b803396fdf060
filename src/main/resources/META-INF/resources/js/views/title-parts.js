// Owns the parts every title panel shows the same way (movie detail, title panel, series page): the list
// of fields and the ranks in each genre.

import { cell } from '../dom.js';
import { intFormat } from '../format.js';

/** Fills the <dl> {list} with [name, value] pairs, one <div><dt><dd> each. */
export function renderFields(list, fields) {
  list.replaceChildren(...fields.map(([name, value]) => {
    const row = document.createElement('div');
    row.append(cell('dt', name), cell('dd', String(value)));
    return row;
  }));
}

/** Fills the <ul> {list} with "genre: #rank" items; hidden when there are none. */
export function renderGenreRanks(list, genreRanks) {
  const ranks = Object.entries(genreRanks || {});
  list.replaceChildren(...ranks.map(([genre, rank]) => {
    const item = cell('li', `${genre}: `);
    item.append(cell('strong', `#${intFormat.format(rank)}`));
    return item;
  }));
  list.hidden = ranks.length === 0;
}
