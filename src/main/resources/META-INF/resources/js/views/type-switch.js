// Owns the type switch over the top list: one toggle button per choice of title-types.js, the pressed one
// the store's "type" (which the route sets); a click asks to change it through the select callback.

import { $ } from '../dom.js';
import * as store from '../store.js';
import { CHOICES } from '../title-types.js';

/** {select(choice)} changes the type the genres and the top list show. */
export function init({ select }) {
  $('type-switch').replaceChildren(...CHOICES.map((choice) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = choice.label;
    button.dataset.type = choice.key;
    button.title = choice.types.join(', ');
    button.addEventListener('click', () => select(choice));
    return button;
  }));
  store.subscribe('type', showSelected);
  showSelected();
}

function showSelected() {
  const selected = store.get('type');
  for (const button of $('type-switch').querySelectorAll('button[data-type]')) {
    button.setAttribute('aria-pressed', String(button.dataset.type === selected.key));
  }
}
