/**
 * Makes every counter name on the display whole (issue 18: previous calls
 * never cut a counter name). A name too wide for its place is first shrunk to
 * stay on one line (down to ONE_LINE_MIN of its size); failing that it wraps
 * at spaces and shrinks while it takes more than two lines or one word is
 * still too wide (down to WRAPPED_MIN); a word wider still breaks anywhere.
 * Previous calls that then no longer fit the height of their section are
 * left off, oldest first, rather than clipped.
 */
const ONE_LINE_MIN = 0.75;
const WRAPPED_MIN = 0.5;
const MAX_LINES = 2;

const overflows = (el: HTMLElement) => el.scrollWidth > el.clientWidth;

/** Lines the text takes: distinct tops of its line boxes. */
function lines(el: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
}

/** Shrinks `el` (its CSS reads --fit) in 5 % steps while `tooBig`, down to `min`. */
function shrink(el: HTMLElement, min: number, tooBig: () => boolean): void {
  let scale = 1;
  el.style.setProperty('--fit', '1');
  while (tooBig() && scale > min) {
    scale = Math.max(min, scale * 0.95);
    el.style.setProperty('--fit', String(scale));
  }
}

function fitName(el: HTMLElement): void {
  el.classList.remove('break-anywhere');
  el.classList.add('one-line');
  shrink(el, ONE_LINE_MIN, () => overflows(el));
  if (!overflows(el)) return;
  el.classList.remove('one-line');
  shrink(el, WRAPPED_MIN, () => overflows(el) || lines(el) > MAX_LINES);
  el.classList.toggle('break-anywhere', overflows(el));
}

export function fitCalls(content: HTMLElement): void {
  for (const el of content.querySelectorAll<HTMLElement>('#latest-counter, #recent-calls .counter')) fitName(el);
  const section = content.querySelector<HTMLElement>('.recent');
  const list = section?.querySelector('ol');
  if (!section || !list) return;
  const bottom = section.getBoundingClientRect().bottom;
  while (list.lastElementChild && list.getBoundingClientRect().bottom > bottom + 0.5) list.lastElementChild.remove();
}
