/** Interface strings in Simplified Chinese (see ui.en.ts). A key missing here falls back to English. */
import type { Dict } from './index';

export const uiZh: Dict = {
  'app.title': 'Raft 可视化',
  'lang.switch': '语言',
};
