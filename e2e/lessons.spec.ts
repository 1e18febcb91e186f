/**
 * The lesson player (issue 13): the list opens from the first-visit screen
 * and with G; a step asks its prediction before time moves; Show me plays the
 * step's demo path, does the task and says whether the prediction was right;
 * Next and Back land on exactly the same state; ?lesson=ID&step=K opens a
 * lesson in either language; an unknown lesson is said, the page keeps working.
 * Every built-in lesson plays to its end with Watch the rest, half of them in
 * English and the other half in Chinese (the language's text shown, every task
 * done, every answer right): the runs do not depend on the language, and
 * Node plays every lesson's demo in both (src/lessons/curriculum.test.ts).
 * Any page error or console error fails a test (the pageErrors fixture).
 * Simulated time only.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { RaftPage } from './pages/raftPage';

// Each test opens its own page: spread over the workers, this file no longer ends the suite alone.
test.describe.configure({ mode: 'parallel' });

async function state(raft: RaftPage): Promise<{ n: number; now: number; step: number | null }> {
  return raft.page.evaluate(() => {
    const s = window.__raft!.store.getState();
    return { n: s.sim.eventCount, now: s.sim.now, step: s.ui.lesson?.step ?? null };
  });
}

/** The built-in lessons' ids, in the list's order (the list is closed again). */
async function builtInLessonIds(page: RaftPage['page']): Promise<string[]> {
  await page.keyboard.press('g');
  await expect(page.getByTestId('lesson-list').locator('li')).toHaveCount(11);
  const ids = await page.getByTestId('lesson-list').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.replace('lesson-open-', '')));
  expect(ids).toHaveLength(11);
  await page.getByTestId('lessons-close').click();
  // Shortcuts wait while a dialog is open: the next G would be lost if pressed before it has closed.
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  return ids;
}

test('first visit: Start here lists the lessons; lesson 1 asks first, Show me does the task and answers', async ({ raft, page }) => {
  await page.getByTestId('start-here').click();
  const list = page.getByTestId('lesson-list');
  await expect(list.locator('li')).toHaveCount(11);
  await page.getByTestId('lesson-open-why-majority').click();
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 6');
  // The prediction comes before the task: the task is not shown until an answer is locked in.
  await expect(page.getByTestId('lesson-prediction')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).toHaveCount(0);
  await expect(page.getByTestId('lesson-lock')).toBeDisabled();
  const start = await state(raft);
  await page.getByTestId('lesson-watch').click();
  await expect(page.getByTestId('lesson-verdict')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).toHaveClass(/done/);
  await expect(page.getByTestId('lesson-verdict')).toContainText('Right.');
  expect((await state(raft)).now).toBeGreaterThan(start.now);

  // Next, then Back: the same state as the first time this step was opened.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 2 of 6');
  const second = await state(raft);
  await page.getByTestId('lesson-back').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 6');
  expect(await state(raft)).toEqual(start);
  // PageDown (a presenter's clicker) goes forward again, to the same state as before.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('PageDown');
  await expect.poll(() => state(raft)).toEqual(second);
});

test('a wrong prediction says so; the student may act themselves and the task is checked', async ({ raft, page }) => {
  await page.keyboard.press('g');
  await page.getByTestId('lesson-open-leader-election').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 5');
  const prediction = await page.evaluate(() => window.__raft!.store.getState().ui.lesson!.lesson.steps[0]!.prediction!);
  const wrong = prediction.answer === 0 ? 1 : 0;
  await page.getByTestId(`lesson-choice-${wrong}`).check();
  await page.getByTestId('lesson-lock').click();
  await expect(page.getByTestId('lesson-task')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).not.toHaveClass(/done/);
  await page.getByTestId('lesson-watch').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('Not quite.');
  // The locked answer stays the student's.
  await expect(page.getByTestId(`lesson-choice-${wrong}`)).toBeChecked();
  // Restart this step: back to its start, nothing answered.
  await page.getByTestId('lesson-restart').click();
  await expect(page.getByTestId('lesson-lock')).toBeVisible();
  await expect(page.getByTestId('lesson-verdict')).toHaveCount(0);
  // Leave: the run stays, the narration returns.
  await page.getByTestId('lesson-close').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(page.getByTestId('narration')).toBeVisible();
  expect((await raft.snapshot()).ready).toBe(true);
});

test.describe('opened from a link', () => {
  test('?lesson=ID&step=K opens that step in Chinese; an unknown lesson is said and the page works', async ({ page }) => {
    await page.goto('/?lesson=when-committed&step=2&lang=zh');
    await expect(page.getByTestId('lesson-progress')).toHaveText('第 2 步，共 6 步');
    await expect(page.getByTestId('lesson-narration')).not.toBeEmpty();
    await page.goto('/?lesson=no-such-lesson&lang=en');
    await expect(page.getByTestId('toast').last()).toContainText('There is no lesson “no-such-lesson”');
    await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
    await page.goto('/?lesson=%3Cb%3Ex%3C%2Fb%3E&lang=en');
    await expect(page.getByTestId('toast').last()).toContainText('lesson');
    await expect(page.locator('.toast b')).toHaveCount(0);
  });
});

test('a shared lesson link (#l=…) opens the lesson; a broken one is explained in the reader’s language and the run stays', async ({ raft, page }) => {
  const { encodeLessonLink } = await import('../src/lessons/codec');
  const { LESSONS } = await import('../src/lessons/curriculum');
  const lesson = { ...LESSONS[2]!, id: 'my-copy', title: { en: 'My copy of log replication', zh: '我的副本' } };
  const link = encodeLessonLink(lesson);
  expect(link.ok).toBe(true);
  if (!link.ok) return;
  await page.goto(`/?lang=en&step=2#l=${link.data}`);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`Step 2 of ${lesson.steps.length}`);
  await expect(page.locator('.lesson-title')).toHaveText('My copy of log replication');
  await page.goto(`/?lang=zh#l=${link.data.slice(0, 40)}`);
  await expect(page.getByTestId('toast').last()).toContainText('无法打开这个课程链接');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  expect((await raft.snapshot()).ready).toBe(true);
});

test('a student clicking Show me and Next through three lessons: each prediction right and each task done', async ({ raft, page }) => {
  // Every lesson plays to its end in Watch mode below, in both languages; here the buttons a student
  // clicks, step by step, in the first lesson, the Figure 8 one and the clients one.
  test.setTimeout(600_000);
  const ids = await builtInLessonIds(page);
  for (const id of ['why-majority', 'when-committed', 'clients']) {
    expect(ids).toContain(id);
    await page.keyboard.press('g');
    await page.getByTestId(`lesson-open-${id}`).click();
    await expect(page.getByTestId('lesson-progress')).toContainText('Step 1 of');
    const total = await page.evaluate(() => window.__raft!.store.getState().ui.lesson!.lesson.steps.length);
    for (let k = 1; k <= total; k++) {
      await expect(page.getByTestId('lesson-progress')).toHaveText(`Step ${k} of ${total}`);
      const step = await page.evaluate(() => {
        const l = window.__raft!.store.getState().ui.lesson!;
        const s = l.lesson.steps[l.step]!;
        return { task: s.task !== undefined, prediction: s.prediction !== undefined };
      });
      const watch = page.getByTestId('lesson-watch');
      // A step whose task already holds at its start and has no question leaves nothing to show.
      if ((step.task || step.prediction) && (await watch.isEnabled())) {
        await watch.click();
        if (step.prediction) await expect(page.getByTestId('lesson-verdict'), `${id} step ${k}`).toContainText('Right.');
        if (step.task) await expect(page.getByTestId('lesson-task'), `${id} step ${k}`).toHaveClass(/done/);
      }
      await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().ui.lesson!.busy)).toBe(false);
      if (k < total) await page.getByTestId('lesson-next').click();
    }
    await page.getByTestId('lesson-finish').click();
    await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  }
  expect((await raft.snapshot()).ready).toBe(true);
});

test('a lesson file opens from the list; a broken one is refused in the list, naming the field, and nothing changes', async ({ raft, page }) => {
  const { exportLessonFile } = await import('../src/lessons/codec');
  const { LESSONS } = await import('../src/lessons/curriculum');
  const good = exportLessonFile({ ...LESSONS[0]!, id: 'from-a-file', title: { en: 'From a file', zh: '来自文件' } });
  await page.keyboard.press('g');
  const bad = JSON.parse(good) as { steps: Array<{ task?: { limitMs: unknown } }> };
  bad.steps[0]!.task!.limitMs = '2000';
  await page.getByTestId('lesson-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('lesson-file-error')).toContainText('steps[0].task.limitMs');
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  expect(await raft.eventCount()).toBe(0);
  await page.getByTestId('lesson-file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(page.locator('.lesson-title')).toHaveText('From a file');
  await expect(page.getByTestId('lesson-progress')).toHaveText(`Step 1 of ${LESSONS[0]!.steps.length}`);
});

test('axe: the lesson list and a lesson panel with its question, in English and Chinese', async ({ raft, page }) => {
for (const lang of ['en', 'zh'] as const) {
      await page.evaluate((l) => window.__raft!.store.getState().setLang(l), lang);
      await page.keyboard.press('g');
        await expect(page.getByTestId('lesson-list').locator('li')).toHaveCount(11);
        const list = await new AxeBuilder({ page }).include('.lesson-list-dialog').analyze();
        expect(list.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), `${lang} list`).toEqual([]);
        await page.getByTestId('lesson-open-when-committed').click();
        await expect(page.getByTestId('lesson-prediction')).toBeVisible();
        const panel = await new AxeBuilder({ page }).include('.lesson').include('.cluster-area').analyze();
        expect(panel.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), `${lang} panel`).toEqual([]);
        await page.getByTestId('lesson-close').click();
      }
      expect((await raft.snapshot()).ready).toBe(true);
  });

    test('Record a lesson: two moments become steps in both languages (one with a prediction, one with a task); the link opens them for someone else, who answers the prediction', async ({ raft, page, browser }) => {
      await page.keyboard.press('g');
      await page.getByTestId('lesson-record').click();
      await page.getByTestId('record-title-en').fill('Elections by hand');
      await expect(page.getByTestId('record-title-one-language')).toHaveText('Only English written: readers in Chinese will see this English text.');
      await page.getByTestId('record-title-zh').fill('手动选举');
      await expect(page.getByTestId('record-title-one-language')).toHaveCount(0);
      await page.getByTestId('record-narration-en').fill('Nothing has happened yet: every server is a follower.');
      await page.getByTestId('record-narration-zh').fill('什么都还没发生：每台服务器都是跟随者。');
      // A prediction: its question is required; its two choices start as "a leader exists" and its opposite.
      await page.getByTestId('record-with-prediction').check();
      await page.getByTestId('record-add').click();
      await expect(page.getByTestId('record-error')).toHaveText('Write the question of the prediction first.');
      await page.getByTestId('record-question-en').fill('Within 5 s, will a leader be elected?');
      await page.getByTestId('record-question-zh').fill('5 秒内会选出领导者吗？');
      await page.getByTestId('record-choice-0-en').fill('Yes');
      await page.getByTestId('record-choice-0-zh').fill('会');
      await expect(page.getByTestId('record-choice-1-said')).toHaveText('not (a leader exists in term 1 or later)');
      await page.getByTestId('record-explanation-en').fill('A follower that hears no leader times out and wins a majority of votes.');
      await expect(page.getByTestId('record-explanation-one-language')).toBeVisible();
      await page.getByTestId('record-add').click();
      await expect(page.getByTestId('record-steps').locator('li')).toHaveCount(1);
      await expect(page.getByTestId('record-steps').locator('li').first()).toContainText('Within 5 s, will a leader be elected?');
      // Nothing typed: refused, nothing added.
      await page.getByTestId('record-add').click();
      await expect(page.getByTestId('record-error')).toHaveText('Write what the student reads at this step first.');
      await expect(page.getByTestId('record-steps').locator('li')).toHaveCount(1);
      // Move the run on (the draft is kept while the dialog is closed), then add a step with a task, in English only.
      await page.getByTestId('record-close').click();
      await raft.advanceUntilLeader();
      await page.keyboard.press('g');
      await page.getByTestId('lesson-record').click();
      await expect(page.getByTestId('record-steps').locator('li')).toHaveCount(1);
      await page.getByTestId('record-narration-en').fill('A leader won. Crash it and watch the next election.');
      await page.getByTestId('record-with-task').check();
      await page.getByTestId('record-task-template').selectOption('leaderTerm');
      await page.getByTestId('record-task-number').fill('2');
      await page.getByTestId('record-add').click();
      await expect(page.getByTestId('record-steps').locator('li').nth(1)).toContainText('a leader exists in term 2 or later');
      await page.getByTestId('record-make-link').click();
      const link = await page.getByTestId('record-link').inputValue();
      expect(link).toMatch(/#l=v1\./);

      // Someone else opens it, in Chinese: the Chinese text, the prediction asked first; the right answer is said to be right.
      const other = await browser.newPage();
      const errors: string[] = [];
      other.on('pageerror', (e) => errors.push(e.message));
      other.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      await other.goto(link.replace('#', '?lang=zh#'));
      await expect(other.getByTestId('lesson-progress')).toHaveText('第 1 步，共 2 步');
      await expect(other.locator('.lesson-title')).toHaveText('手动选举');
      await expect(other.getByTestId('lesson-narration')).toHaveText('什么都还没发生：每台服务器都是跟随者。');
      await expect(other.getByTestId('lesson-prediction')).toContainText('5 秒内会选出领导者吗？');
      await other.getByTestId('lesson-choice-0').check();
      await other.getByTestId('lesson-lock').click();
      await other.getByTestId('lesson-observe').click();
      await expect(other.getByTestId('lesson-verdict')).toContainText('答对了。');
      // The explanation was written in English only: Chinese readers see it too.
      await expect(other.getByTestId('lesson-verdict')).toContainText('A follower that hears no leader times out');
      await other.getByTestId('lesson-next').click();
      await expect(other.getByTestId('lesson-narration')).toHaveText('A leader won. Crash it and watch the next election.');
      await expect(other.getByTestId('lesson-task')).toContainText('任期 2');
      await other.close();
      expect(errors, 'the other page reported errors').toEqual([]);
  });

    test('§5.4.1 in its lesson: the step that skips the up-to-date check finds a counterexample, opens it at the violation, and returns to the step', async ({ raft, page }) => {
      await page.goto('/?lesson=who-may-lead&step=3&lang=en');
      await expect(page.getByTestId('lesson-progress')).toHaveText('Step 3 of 5');
      const start = await state(raft);
      await expect(page.getByTestId('lesson-cx')).toContainText('turns off the rule “vote only for a candidate whose log is at least as up to date” (§5.4.1)');
      // The same search as Settings (the store's action, in the analysis worker), for this step's rule.
      await page.getByTestId('lesson-cx').getByTestId('counterexample-find').click();
      await expect(page.getByTestId('counterexample-found')).toContainText('Leader Completeness breaks after', { timeout: 60_000 });
      await page.getByTestId('counterexample-open').click();
      const about = page.getByRole('dialog', { name: /Counterexample: Leader Completeness/ });
      await expect(about).toBeVisible();
      const at = await page.evaluate(() => {
        const s = window.__raft!.store.getState();
        return { position: s.sim.timeline.position.n, violation: s.analysis.counterexample.result?.violation?.event, properties: s.sim.violations.map((v) => v.property), unsafe: s.settings.unsafe, step: s.ui.lesson?.step };
      });
      expect(at.position).toBe(at.violation);
      expect(at.properties).toContain('Leader Completeness');
      expect(at.unsafe).toEqual({ skipUpToDateCheck: true });
      expect(at.step).toBe(2);
      await page.keyboard.press('Escape');
      await expect(about).toBeHidden();
      // The lesson is still open; the step's question waits while the counterexample is shown.
      await expect(page.getByTestId('lesson-cx-shown')).toBeVisible();
      await expect(page.getByTestId('lesson-prediction')).toHaveCount(0);
      await page.getByTestId('lesson-cx-back').click();
      await expect(page.getByTestId('lesson-prediction')).toBeVisible();
      await expect(page.getByTestId('lesson-cx')).toBeVisible();
      expect(await state(raft)).toEqual(start);
  });

    /** The player's words for progress and a right answer, per language (as the page shows them). */
    const WATCH_WORDS = {
      en: { name: 'English', progress: (k: number, n: number) => `Step ${k} of ${n}`, right: 'Right.' },
      zh: { name: 'In Chinese', progress: (k: number, n: number) => `第 ${k} 步，共 ${n} 步`, right: '答对了。' },
    } as const;

    /**
     * What the page went through while Watch the rest played: the last state of
     * each step (keyed "id:step") and every narration shown, collected in the page
     * as it happens, so the test never samples (and never sleeps).
     */
    async function recordWatching(page: RaftPage['page']): Promise<void> {
      await page.evaluate(() => {
        const seen = { steps: {} as Record<string, { taskDone: boolean; observed: boolean[] | null; answer: number | null }>, narrations: [] as string[] };
        (window as unknown as { __lessonSeen: typeof seen }).__lessonSeen = seen;
        window.__raft!.store.subscribe((s) => {
          const l = s.ui.lesson;
          if (l) seen.steps[`${l.lesson.id}:${l.step}`] = { taskDone: l.taskDone, observed: l.observed, answer: l.answer };
        });
        new MutationObserver(() => {
          const text = document.querySelector('[data-testid="lesson-narration"]')?.textContent;
          if (text && seen.narrations[seen.narrations.length - 1] !== text) seen.narrations.push(text);
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
}

for (const [half, lang] of (['en', 'zh'] as const).entries()) {
  const words = WATCH_WORDS[lang];
  test(`${words.name}: Watch the rest plays every other built-in lesson (the rest in the other language) to its end by itself, in its language, each task done, each answer right`, async ({ raft, page }) => {
    // Simulated time only; about a minute per language on a quiet machine.
    test.setTimeout(900_000);
    await page.evaluate((l) => window.__raft!.store.getState().setLang(l), lang);
    await recordWatching(page);
    const ids = (await builtInLessonIds(page)).filter((_, k) => k % 2 === half);
    for (const id of ids) {
      await page.keyboard.press('g');
      await page.getByTestId(`lesson-open-${id}`).click();
      await expect(page.getByTestId('lesson-panel')).toBeVisible();
      const lesson = await page.evaluate(() => window.__raft!.store.getState().ui.lesson!.lesson);
      const n = lesson.steps.length;
      await expect(page.getByTestId('lesson-progress')).toHaveText(words.progress(1, n));
      await expect(page.locator('.lesson-title')).toHaveText(lesson.title[lang]);
      await page.getByTestId('lesson-watch-all').click();
      await expect(page.getByTestId('lesson-progress')).toHaveText(words.progress(n, n), { timeout: 300_000 });
      await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().ui.lesson!.watching), { timeout: 300_000 }).toBe(false);
      await expect(page.getByTestId('lesson-narration')).toHaveText(lesson.steps[n - 1]!.narration[lang]);
      if (lesson.steps[n - 1]!.prediction) await expect(page.getByTestId('lesson-verdict')).toContainText(words.right);
      const seen = await page.evaluate(() => (window as unknown as { __lessonSeen: { steps: Record<string, { taskDone: boolean; observed: boolean[] | null; answer: number | null }>; narrations: string[] } }).__lessonSeen);
      lesson.steps.forEach((step, k) => {
        const at = `${id} ${words.progress(k + 1, n)}`;
        expect(seen.narrations, at).toContain(step.narration[lang]);
        const s = seen.steps[`${id}:${k}`];
        expect(s, at).toBeDefined();
        if (step.task) expect(s!.taskDone, `${at}: task`).toBe(true);
        if (step.prediction) {
          expect(s!.answer, `${at}: answer`).toBe(step.prediction.answer);
          expect(s!.observed?.[step.prediction.answer], `${at}: the right answer happened`).toBe(true);
        }
      });
      await page.getByTestId('lesson-finish').click();
      await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
    }
    expect((await raft.snapshot()).ready).toBe(true);
  });
}

test('in Chinese, Stop stops Watch the rest before the end', async ({ raft, page }) => {
  await page.evaluate(() => window.__raft!.store.getState().setLang('zh'));
  await page.keyboard.press('g');
  await page.getByTestId('lesson-open-why-majority').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('第 1 步，共 6 步');
  await page.getByTestId('lesson-watch-all').click();
  // dispatchEvent: the panel re-lays out as steps load, and a stable-position wait would let the lesson run to its end first.
  await page.getByTestId('lesson-watch-stop').dispatchEvent('click');
  await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().ui.lesson!.watching)).toBe(false);
  expect(await page.evaluate(() => window.__raft!.store.getState().ui.lesson!.step)).toBeLessThan(5);
  expect((await raft.snapshot()).ready).toBe(true);
});
