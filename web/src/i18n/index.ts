import { en, zh, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
export type { MessageKey };

/** The page language: Chinese unless the address says `?lang=en`. */
export function pageLang(search: string = location.search): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = lang === 'en' ? en : zh;
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** The same address in the other language (everything else kept). */
export function otherLanguageHref(lang: Lang): string {
  const url = new URL(location.href);
  if (lang === 'en') url.searchParams.delete('lang');
  else url.searchParams.set('lang', 'en');
  return url.pathname + url.search;
}
