/**
 * Interface strings (buttons, panels, labels) in English. Event-log sentences
 * live in events.en.ts. Keys are namespaced by area (`app.`, `lang.`, …) so
 * several people can add to this file without colliding with events.*.ts.
 */
import type { Dict } from './index';

export const uiEn: Dict = {
  'app.title': 'Raft visualizer',
  'lang.switch': 'Language',
};
