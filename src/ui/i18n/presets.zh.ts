/** 预设菜单的界面文字（简体中文）；预设本身的标题与说明保存在场景中。 */
import type { Dict } from './types';

export const presetsZh: Dict = {
  'presets.label': '预设',
  'presets.tip': '载入一个演示 Raft 某一方面的现成场景',
  'presets.about': '关于此预设',
  'presets.suggestions': '可以尝试',
  'presets.close': '关闭',
};
