/** Time as the application sees it; tests replace it to cross midnight or a DST change. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
