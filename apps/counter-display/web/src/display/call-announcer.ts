import type { CallShown } from './display-view';

/** What tests read instead of listening: pending and spoken texts, and every call that had its moment on screen. */
export interface AnnouncerHook {
  queue: string[];
  spoken: string[];
  shown: string[];
  flashed: string[];
  soundBlocked: boolean;
  /** 'on': the screen was set up to sound without a tap (?sound=on or the site's displaySound setting); 'ask': it offers the tap. */
  soundMode?: 'ask' | 'on';
  /** How the last sound check went, for whoever has to find out why a display is silent. */
  soundCheck?: string;
}

declare global {
  interface Window {
    __skrankeSpeech: AnnouncerHook;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** A few milliseconds of silence: whether the browser lets it play tells whether sound is allowed without a tap. */
const SILENCE = 'data:audio/wav;base64,UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQgAAAAAAAAAAAAAAA==';

async function mayPlaySound(): Promise<boolean> {
  try {
    await new Audio(SILENCE).play();
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts each call in the spotlight in turn, with a chime and a spoken
 * announcement, one after another so they never overlap. When the browser
 * blocks sound, the call flashes instead. A burst is worked through in full.
 */
export class CallAnnouncer {
  readonly hook: AnnouncerHook = { queue: [], spoken: [], shown: [], flashed: [], soundBlocked: true };
  private readonly items: { call: CallShown; text: string }[] = [];
  private running = false;
  private audio: AudioContext | null = null;

  constructor(
    private readonly speechLang: string,
    private readonly onSpotlight: (call: CallShown | null, flash: boolean) => void,
  ) {
    window.__skrankeSpeech = this.hook;
  }

  get soundBlocked(): boolean {
    return this.hook.soundBlocked;
  }

  /** Sound is allowed when media may play and an audio context runs without anyone touching the page. */
  async detectSound(): Promise<boolean> {
    try {
      this.audio ??= new AudioContext();
      await Promise.race([this.audio.resume(), sleep(300)]);
      const played = this.audio.state === 'running' && (await Promise.race([mayPlaySound(), sleep(1000).then(() => false)]));
      this.hook.soundBlocked = !played;
      this.hook.soundCheck = `audio context ${this.audio.state}, silent clip ${played ? 'played' : 'refused or no answer in 1 s'}`;
    } catch (e) {
      this.hook.soundBlocked = true;
      this.hook.soundCheck = `failed: ${e}`;
    }
    return !this.hook.soundBlocked;
  }

  /** Called from the one-time "enable sound" tap (a user gesture). */
  async enableSound(): Promise<void> {
    this.audio ??= new AudioContext();
    await this.audio.resume().catch(() => undefined);
    if ('speechSynthesis' in window) speechSynthesis.speak(new SpeechSynthesisUtterance(''));
    this.hook.soundBlocked = this.audio.state !== 'running' || !(await mayPlaySound());
  }

  announce(call: CallShown, text: string): void {
    this.items.push({ call, text });
    this.hook.queue.push(text);
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.items.length) {
      const item = this.items.shift()!;
      this.hook.queue.shift();
      // A screen set up to sound on its own asks the browser again rather than waiting for a tap nobody gives.
      if (this.hook.soundBlocked && this.hook.soundMode === 'on') await this.detectSound();
      const blocked = this.hook.soundBlocked;
      this.hook.shown.push(item.call.number);
      this.onSpotlight(item.call, blocked);
      if (blocked) {
        this.hook.flashed.push(item.text);
        await sleep(this.items.length ? 800 : 2500);
      } else {
        await this.chime();
        this.hook.spoken.push(item.text);
        await this.speak(item.text);
        if (this.items.length) await sleep(300);
      }
    }
    this.running = false;
    this.onSpotlight(null, false);
  }

  private async chime(): Promise<void> {
    const ctx = this.audio;
    if (!ctx || ctx.state !== 'running') return;
    const now = ctx.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.33);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + i * 0.35);
      osc.stop(now + i * 0.35 + 0.35);
    }
    await sleep(750);
  }

  /** Resolves when the utterance ends, fails, or after a generous time limit (some browsers never report the end). */
  private speak(text: string): Promise<void> {
    if (!('speechSynthesis' in window)) return sleep(1500);
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = this.speechLang;
      utterance.rate = 0.9;
      const done = () => {
        clearTimeout(limit);
        resolve();
      };
      const limit = setTimeout(done, Math.min(8000, 1500 + text.length * 90));
      utterance.onend = done;
      utterance.onerror = done;
      speechSynthesis.speak(utterance);
    });
  }
}

/** "P012" → "P 12": how the number is read out. */
export function spokenNumber(number: string): string {
  const m = /^([A-Z]+)0*(\d+)$/.exec(number);
  return m ? `${m[1]} ${m[2]}` : number;
}
