/**
 * The shapes the string tables and the translator share. The tables import
 * them from here rather than from index.ts, which imports every table: a table
 * importing index.ts would make an import cycle.
 */
export type Dict = Record<string, string>;
export type Params = Record<string, string | number>;
