/** Asks `probe` every 100 ms until it answers something truthy, which it returns; throws after `seconds`. */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, seconds: number): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
