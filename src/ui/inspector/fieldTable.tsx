/**
 * The parts every inspector table is made of: a field's row (the paper's name,
 * a gloss, the value) and a term drawn on its term colour. Kept apart from the
 * panels so that each panel and its sections can import them without
 * importing one another.
 */
import type { ReactNode } from 'react';
import type { Term } from '../../engine';
import { termColor } from '../termColors';

/** A term as a number on its term colour (the one colour per term used everywhere). */
export function TermChip({ term }: { term: Term }) {
  const c = termColor(term);
  return (
    <span className="term-chip" style={{ background: c.fill, color: c.text }}>
      {term}
    </span>
  );
}

/** One row of a field table: the paper's name in code, a gloss under it, the value. */
export function FieldRow({ name, gloss, code = true, children }: { name: string; gloss?: string; code?: boolean; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">
        {code ? <code className="field-name">{name}</code> : <span className="field-name">{name}</span>}
        {gloss && <span className="gloss">{gloss}</span>}
      </th>
      <td>{children}</td>
    </tr>
  );
}
