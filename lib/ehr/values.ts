/** Turning what a page shows into the values a client context holds. */

const MONTHS: readonly (readonly string[])[] = [
  ['januari', 'jan'], ['februari', 'feb'], ['maart', 'mrt', 'maa', 'mar'], ['april', 'apr'], ['mei'], ['juni', 'jun'],
  ['juli', 'jul'], ['augustus', 'aug'], ['september', 'sept', 'sep'], ['oktober', 'okt', 'oct'], ['november', 'nov'], ['december', 'dec'],
];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.findIndex((names) => names.includes(w));
  return i < 0 ? undefined : i + 1;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1880 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A birth date as record systems show it: `1941-03-12`, `12-03-1941`,
 * `12/03/1941`, `12.03.1941` or `12 maart 1941` / `12 mrt. 1941`. The first
 * date in the text counts; two-digit years are refused (which century?).
 */
export function parseBirthDate(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dutch = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(text);
  if (dutch) return isoDate(Number(dutch[3]), Number(dutch[2]), Number(dutch[1]));
  const words = /\b(\d{1,2})\s+([a-z]+\.?)\s+(\d{4})\b/i.exec(text);
  if (words) {
    const month = monthNumber(words[2] ?? '');
    return month ? isoDate(Number(words[3]), month, Number(words[1])) : undefined;
  }
  return undefined;
}

/**
 * The digits of a BSN as shown (`1112.22.333`, `111 222 333`). Text without
 * any digit (`onbekend`) means no BSN; an eight-digit BSN lost its leading zero.
 * Whether the number is valid is for the caller to decide.
 */
export function bsnDigits(text: string): string | undefined {
  if (!/\d/.test(text)) return undefined;
  const digits = text.replace(/[\s.-]/g, '');
  return /^\d{8}$/.test(digits) ? `0${digits}` : digits;
}

export const collapseSpaces = (text: string) => text.replace(/\s+/g, ' ').trim();
