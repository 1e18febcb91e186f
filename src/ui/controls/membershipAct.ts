/** Membership, transfer and snapshot actions with a notice of what was started (errors: the store's toast). */
import { useStore } from '../../store';
import type { UserAction } from '../../sim';
import { translate } from '../i18n';

/** Run a membership action; on success say what happened (errors become toasts in the store). */
export async function membershipAct(action: UserAction): Promise<boolean> {
  const s = useStore.getState();
  const r = await s.act(action);
  if (r === null) return false;
  const lang = useStore.getState().ui.lang;
  const say = (key: string, params?: Record<string, string | number>) => useStore.getState().toast('info', translate(lang, key, params));
  switch (action.type) {
    case 'addServer':
      say('mem.done.add', { id: r.started?.[0] ?? '?' });
      break;
    case 'removeServer':
      say('mem.done.remove', { id: action.server });
      break;
    case 'changeMembership':
      say('mem.done.change', { ids: action.servers.map((id) => `S${id}`).join(', ') });
      break;
    case 'transferLeadership':
      say('mem.done.transfer', { id: action.server });
      break;
    case 'snapshot':
      say('mem.done.snapshot', { id: action.server });
      break;
    default:
      break;
  }
  return true;
}
