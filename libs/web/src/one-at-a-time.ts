/**
 * A page's reload, one at a time, and one more after it when asked meanwhile (an event, an action's end): answers
 * never land out of order (a slow answer from before a call must not show the called ticket as waiting again), and
 * the last is from after the last ask. `load` answers false to stop asking again (the page left, access ended).
 */
export function oneAtATime(load: () => Promise<boolean | void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    const run = async () => {
      do {
        again = false;
        if ((await load()) === false) return;
      } while (again);
    };
    running = run().finally(() => (running = null));
    return running;
  };
}
