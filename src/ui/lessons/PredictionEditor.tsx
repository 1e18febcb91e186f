/**
 * A recorded step's prediction, in the lesson format's terms (types.ts): a
 * question, 2–4 choices each with the condition that says it happened, which
 * one is right, an explanation, and how long the run goes on before the
 * choices are checked (the player's observation, as in the built-in lessons).
 */
import { LESSON_LIMITS } from '../../lessons/validate';
import { useT } from '../i18n';
import { BilingualField, ConditionPicker } from './RecordFields';
import { NO_TEXT, RECORD_CHOICES, type DraftChoice, type DraftPrediction } from './recordDraft';

const MAX_OBSERVE_S = LESSON_LIMITS.timeMs / 1000;

export function PredictionEditor({ draft, onChange }: { draft: DraftPrediction; onChange: (d: DraftPrediction) => void }) {
  const t = useT();
  const edit = (patch: Partial<DraftPrediction>) => onChange({ ...draft, ...patch });
  const editChoice = (i: number, patch: Partial<DraftChoice>) => edit({ choices: draft.choices.map((c, k) => (k === i ? { ...c, ...patch } : c)) });
  const removeLast = () => {
    const choices = draft.choices.slice(0, -1);
    edit({ choices, answer: Math.min(draft.answer, choices.length - 1) });
  };
  return (
    <div className="record-prediction" data-testid="record-prediction">
      <BilingualField label={t('record.question')} value={draft.question} onChange={(question) => edit({ question })} testId="record-question" />
      <p className="hint">{t('record.choices.hint')}</p>
      <ol className="record-choices">
        {draft.choices.map((c, i) => (
          <li key={i}>
            <label className="record-right">
              <input
                type="radio"
                name="record-right"
                checked={draft.answer === i}
                onChange={() => edit({ answer: i })}
                aria-label={`${t('record.choice', { k: i + 1 })}: ${t('record.right')}`}
                data-testid={`record-choice-${i}-right`}
              /> {t('record.right')}
            </label>
            <BilingualField label={t('record.choice', { k: i + 1 })} value={c.text} onChange={(text) => editChoice(i, { text })} testId={`record-choice-${i}`} />
            <span className="hint">{t('record.choice.when')}</span>
            <ConditionPicker value={c.condition} onChange={(condition) => editChoice(i, { condition })} testId={`record-choice-${i}`} negatable />
          </li>
        ))}
      </ol>
      <div className="record-choice-buttons">
        <button
          type="button"
          disabled={draft.choices.length >= RECORD_CHOICES.max}
          onClick={() => edit({ choices: [...draft.choices, { text: NO_TEXT, condition: draft.choices[draft.choices.length - 1]!.condition }] })}
          data-testid="record-add-choice"
        >
          {t('record.addChoice')}
        </button>
        <button type="button" disabled={draft.choices.length <= RECORD_CHOICES.min} onClick={removeLast} data-testid="record-remove-choice">
          {t('record.removeChoice')}
        </button>
      </div>
      <BilingualField label={t('record.explanation')} value={draft.explanation} onChange={(explanation) => edit({ explanation })} testId="record-explanation" rows={2} />
      <label className="field">
        <span>{t('record.observe')}</span>
        <input type="number" min={0} max={MAX_OBSERVE_S} step="any" value={Number.isFinite(draft.observeS) ? draft.observeS : ''} onChange={(e) => edit({ observeS: e.target.valueAsNumber })} data-testid="record-observe" />
      </label>
    </div>
  );
}
