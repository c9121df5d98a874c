import sprite from 'dkfds/dist/img/all-svg-icons.svg?url';

/** A DKFDS icon from its sprite (one file, cached), decorative: the text beside it says the same. */
export const Icon = ({ name, class: cls }: { name: string; class?: string }) => (
  <svg class={`icon-svg${cls ? ` ${cls}` : ''}`} aria-hidden="true" focusable="false">
    <use href={`${sprite}#${name}`} />
  </svg>
);
