// The interface language: chosen from navigator.languages, overridden by the switch
// (remembered in localStorage). `t` reads the reactive language, so views re-render on a switch.
import { dictionaries, LANGS, type Lang, type MessageKey } from './dictionary';

const STORAGE_KEY = 'proofroom.lang';

export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function readOverride(): Lang | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return LANGS.find((l) => l === saved) ?? null;
  } catch {
    return null;
  }
}

export class Locale {
  #lang = $state.raw<Lang>('zh-CN');

  constructor() {
    const browser = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
    this.#lang = readOverride() ?? pickLanguage(browser);
  }

  get lang(): Lang {
    return this.#lang;
  }

  set(lang: Lang): void {
    this.#lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode without storage: the choice lasts for this visit only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const text = dictionaries[this.#lang][key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };

  formatDate(ms: number): string {
    return new Intl.DateTimeFormat(this.#lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  }

  /** A large count, short: 29,171,932 → "2917万" / "29M". */
  formatCount(n: number): string {
    return new Intl.NumberFormat(this.#lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
  }

  formatBytes(bytes: number): string {
    const units = ['B', 'KB', 'MB', 'GB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    const digits = unit === 0 || value >= 100 ? 0 : 1;
    return `${new Intl.NumberFormat(this.#lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
  }
}

/** The one locale of the page; views import `t` directly. */
export const locale = new Locale();
export const t = locale.t;
