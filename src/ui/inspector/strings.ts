/**
 * The strings of the panels in this folder, by panel: the server inspector
 * (serverStrings.ts), the message inspector (messageStrings.ts) and the
 * statistics panel (statsStrings.ts). Each table checks at compile time that
 * English and Chinese have the same keys.
 */
import { messageStrings } from './messageStrings';
import { serverStrings } from './serverStrings';
import { statsStrings } from './statsStrings';

export const panelStrings = {
  en: { ...serverStrings.en, ...messageStrings.en, ...statsStrings.en },
  zh: { ...serverStrings.zh, ...messageStrings.zh, ...statsStrings.zh },
};
