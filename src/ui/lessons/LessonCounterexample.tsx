/**
 * A lesson step whose point is a broken rule offers the counterexample search
 * for that rule (the step's `counterexample` field): the same finder as
 * Settings → Break a rule, so the same store action and analysis worker, and
 * "Open it" loads the run found like a shared link. The lesson stays open; the
 * panel then says the run shown is the counterexample and offers the way back
 * to the step's own run (restarting the step, which reloads its exact start).
 */
import { brokenRule, type UnsafeRule } from '../../analysis';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { CounterexampleFinder } from '../controls/CounterexampleFinder';
import { counterexampleOpened, restartStep } from './lessonFlow';

export function LessonCounterexample({ rule, step, shown }: { rule: UnsafeRule; step: number; shown: boolean }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const b = brokenRule(rule);
  if (shown) {
    return (
      <div className="lesson-cx shown" role="status" data-testid="lesson-cx-shown">
        <p>{t('lesson.cx.shown')}</p>
        <button type="button" className="primary" onClick={() => void restartStep()} data-testid="lesson-cx-back">
          ↺ {t('lesson.cx.back', { k: step + 1 })}
        </button>
      </div>
    );
  }
  return (
    <div className="lesson-cx" data-testid="lesson-cx">
      <CounterexampleFinder unsafe={{ [rule]: true }} intro={t('lesson.cx.intro', { rule: b ? b.name[lang] : rule, section: b?.section ?? '' })} onOpened={counterexampleOpened} />
    </div>
  );
}
