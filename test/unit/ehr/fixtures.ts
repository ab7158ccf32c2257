import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A demo record-system page, parsed as the browser would (needs the happy-dom environment). */
export function demoPage(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve('demo/ehr', file), 'utf8'), 'text/html');
}

export const page = (html: string): Document => new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');

export const HIS = 'http://127.0.0.1:8788/his/';
export const ECD = 'http://127.0.0.1:8789/ecd/';
