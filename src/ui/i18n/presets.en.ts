/** The preset menu's interface strings in English (preset texts live in the scenarios). */
import type { Dict } from './types';

export const presetsEn: Dict = {
  'presets.label': 'Presets',
  'presets.tip': 'Load a ready-made scenario that shows one part of Raft',
  'presets.about': 'About this preset',
  'presets.suggestions': 'Things to try',
  'presets.close': 'Close',
};
