/**
 * Marks in the server inspector for what the latest step changed (#9), as
 * DSLabs' visual debugger marks a state diff: the value is bold and underlined
 * and its title says what it was. The mark stays until the next step (it is a
 * style, not an animation; a short fade-in ends by itself, Inspector.css).
 * Field paths are those of src/store/changes.ts.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { FieldChanges } from '../../store/changes';
import type { useT } from '../i18n';

type Translate = ReturnType<typeof useT>;

interface ChangesCtx {
  fields: FieldChanges | undefined;
  seq: number;
  t: Translate;
}

export const InspectorChanges = createContext<ChangesCtx>({ fields: undefined, seq: 0, t: (k) => k });

function ids(v: readonly number[]): string {
  return v.length === 0 ? '—' : [...v].sort((a, b) => a - b).map((id) => `S${id}`).join(', ');
}

/** A field's previous value in the words the inspector uses for it. */
export function formatWas(field: string, v: unknown, t: Translate): string {
  if (v === undefined) return t('inspector.changed.absent');
  if (field === 'role') return t(`inspector.role.${String(v)}`);
  if (field === 'alive') return t(v ? 'inspector.status.running' : 'inspector.status.crashed');
  if (field === 'connected') return t(v ? 'inspector.status.connected' : 'inspector.status.offline');
  if (field.startsWith('progressState.')) return t(`inspector.progress.${String(v)}`);
  if (Array.isArray(v)) return ids(v as number[]);
  if (v === null) return field === 'leaderId' ? t('inspector.unknown') : t('inspector.none');
  if (field === 'votedFor' || field === 'leaderId' || field === 'transferee') return `S${String(v)}`;
  return String(v);
}

/** `children`, marked when the latest step changed any of `field`. */
export function ChangedMark({ field, children }: { field: string | readonly string[]; children: ReactNode }) {
  const { fields, seq, t } = useContext(InspectorChanges);
  const hit = fields === undefined ? undefined : (typeof field === 'string' ? [field] : field).find((f) => fields.has(f));
  if (hit === undefined) return <>{children}</>;
  return (
    // Keyed by step, so the fade-in plays again when the same field changes again.
    <span key={seq} className="changed-value" data-changed={hit} title={t('inspector.changed.was', { was: formatWas(hit, fields!.get(hit), t) })}>
      {children}
    </span>
  );
}
