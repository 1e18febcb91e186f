/**
 * Branches are named by the action that started them ("crash S3 at 1.250 s"),
 * so the branch list says which future each one is; the first run is "Original run".
 */
import type { UserAction } from '../../sim';
import type { BranchInfo } from '../../worker/protocol';
import { formatTime, translate, type Lang } from '../i18n';

/** A user action in a few words, in the UI language. */
export function actionName(a: UserAction, lang: Lang): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(lang, `branch.action.${key}`, params);
  switch (a.type) {
    case 'setLink':
      return t(a.up ? 'setLink.up' : 'setLink.cut', { from: a.from, to: a.to });
    case 'partition':
      return t('partition', { groups: a.groups.map((g) => `[${g.map((s) => `S${s}`).join(' ')}]`).join(' ') });
    case 'submit':
      // Long commands are cut: the name must fit a menu; the full text is in the event log.
      return t('submit', { command: a.command.length > 24 ? `${a.command.slice(0, 23)}…` : a.command });
    case 'changeMembership':
      return t('changeMembership', { servers: a.servers.map((s) => `S${s}`).join(', ') });
    case 'dropMessage':
    case 'duplicateMessage':
      return t(a.type, { message: a.message });
    case 'clientRequest':
      return t('clientRequest', { client: a.client });
    case 'heal':
    case 'setNetwork':
    case 'processEvent':
    case 'addServer':
      return t(a.type);
    default:
      return t(a.type, { server: a.server });
  }
}

/** "#2 crash S3 at 1.250 s"; the first run: "#1 Original run (to 8.000 s)". */
export function branchName(b: Pick<BranchInfo, 'id' | 'head' | 'origin'>, lang: Lang): string {
  const name = b.origin
    ? translate(lang, 'timeline.branchOrigin', { action: actionName(b.origin.action, lang), at: formatTime(b.origin.time, lang) })
    : translate(lang, 'timeline.branchFirst', { time: formatTime(b.head.time, lang) });
  return `#${b.id} ${name}`;
}
