/** node-postgres's own conversion of a parameter to its text form (arrays, dates, buffers), not in @types/pg. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
