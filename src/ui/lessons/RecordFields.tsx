/**
 * The fields "Record a lesson" is made of: text in English and Chinese (one
 * left empty takes the other's, and the field says so), and a condition
 * picked from the Run until… list (for a task, or a prediction's choice).
 */
import { useId } from 'react';
import { describeCondition } from '../../analysis';
import { useStore } from '../../store';
import { LANGS, useT } from '../i18n';
import { USES_NUMBER, USES_SERVER, type RunUntilTemplate } from '../controls/RunUntilForm';
import { conditionFrom, onlyLanguage, RECORD_TEMPLATES, type PickedCondition, type TextPair } from './recordDraft';

export function BilingualField({ label, value, onChange, testId, rows }: { label: string; value: TextPair; onChange: (v: TextPair) => void; testId: string; rows?: number }) {
  const t = useT();
  const only = onlyLanguage(value);
  return (
    <fieldset className="record-bilingual">
      <legend>{label}</legend>
      {LANGS.map(({ code, label: name }) => (
        <label key={code} className="record-lang">
          <span lang={code}>{name}</span>
          {rows ? (
            <textarea rows={rows} lang={code} value={value[code]} onChange={(e) => onChange({ ...value, [code]: e.target.value })} data-testid={`${testId}-${code}`} />
          ) : (
            <input lang={code} value={value[code]} onChange={(e) => onChange({ ...value, [code]: e.target.value })} data-testid={`${testId}-${code}`} />
          )}
        </label>
      ))}
      {only && (
        <p className="hint" data-testid={`${testId}-one-language`}>
          {t(only === 'en' ? 'record.onlyEn' : 'record.onlyZh')}
        </p>
      )}
    </fieldset>
  );
}

/** The ids of the servers in the run shown (a condition names one of them). */
export function useServerIds(): number[] {
  const ids = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  return ids ? ids.split(',').map(Number) : [];
}

export function ConditionPicker({ value, onChange, testId, negatable }: { value: PickedCondition; onChange: (v: PickedCondition) => void; testId: string; negatable?: boolean }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const serverIds = useServerIds();
  const negateId = useId();
  const edit = (patch: Partial<PickedCondition>) => onChange({ ...value, ...patch });
  const condition = conditionFrom(value);
  return (
    <div className="record-condition">
      <select value={value.template} onChange={(e) => edit({ template: e.target.value as RunUntilTemplate })} aria-label={t('runUntil.what')} data-testid={`${testId}-template`}>
        {RECORD_TEMPLATES.map((k) => (
          <option key={k} value={k}>
            {t(`runUntil.template.${k}`)}
          </option>
        ))}
      </select>
      {USES_SERVER.has(value.template) && (
        <select value={value.server} onChange={(e) => edit({ server: Number(e.target.value) })} aria-label={t('runUntil.server')} data-testid={`${testId}-server`}>
          {serverIds.map((s) => (
            <option key={s} value={s}>
              S{s}
            </option>
          ))}
        </select>
      )}
      {USES_NUMBER.has(value.template) && (
        <input
          type="number"
          min={0}
          value={Number.isFinite(value.number) ? value.number : ''}
          onChange={(e) => edit({ number: e.target.valueAsNumber })}
          aria-label={t(value.template === 'leaderTerm' ? 'runUntil.term' : 'runUntil.index')}
          data-testid={`${testId}-number`}
        />
      )}
      {negatable && (
        <span>
          <input id={negateId} type="checkbox" checked={value.negate} onChange={(e) => edit({ negate: e.target.checked })} data-testid={`${testId}-negate`} /> <label htmlFor={negateId}>{t('record.negate')}</label>
        </span>
      )}
      <span className="muted" data-testid={`${testId}-said`}>
        {condition ? describeCondition(condition, lang) : t('record.badChoice')}
      </span>
    </div>
  );
}
