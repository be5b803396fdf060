// Owns the DOM helpers every view builds with. Data only ever goes in through textContent and setAttribute.

const SVG_NS = 'http://www.w3.org/2000/svg';

export const $ = (id) => document.getElementById(id);

/** An HTML element with {text} as its text and an optional class. */
export function cell(tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

/** An SVG element with these attributes. */
export function svg(name, attributes) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** Shows {message} in {element}, or hides the element when there is none. */
export function showMessage(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}

/** A table row that opens a movie on click and on Enter, like a link. */
export function clickableRow(tconst, open) {
  return clickable(document.createElement('tr'), tconst, open);
}

/** Makes {element} open the title {tconst} on click and on Enter, like a link; returns it. */
export function clickable(element, tconst, open) {
  element.dataset.tconst = tconst;
  element.tabIndex = 0;
  element.addEventListener('click', () => open(tconst));
  element.addEventListener('keydown', (event) => { if (event.key === 'Enter') open(tconst); });
  return element;
}

/** A button that looks like a link and calls {action} when clicked. */
export function linkButton(text, action) {
  const button = cell('button', text, 'link-button');
  button.type = 'button';
  button.addEventListener('click', action);
  return button;
}

/**
 * Calls {redraw} when {element}'s width changes by more than a few pixels from the width {drawnWidth}
 * returns (the one the last drawing used), so an SVG chart follows its box.
 */
export function onWidthChange(element, drawnWidth, redraw) {
  if (typeof ResizeObserver !== 'function') return;
  new ResizeObserver(() => {
    const width = drawnWidth();
    if (width > 0 && Math.abs(Math.floor(element.clientWidth) - width) > 4) redraw();
  }).observe(element);
}
