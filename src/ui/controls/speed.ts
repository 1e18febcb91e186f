/** The speed control is logarithmic: a slider position in [0, 1] maps to 1/1000 … 10× real time. */
import { SPEED_MAX, SPEED_MIN } from '../../store/uiSlice';

const LOG_MIN = Math.log10(SPEED_MIN);
const LOG_MAX = Math.log10(SPEED_MAX);

export function speedFromSlider(position: number): number {
  const p = Math.min(1, Math.max(0, position));
  return 10 ** (LOG_MIN + p * (LOG_MAX - LOG_MIN));
}

export function sliderFromSpeed(speed: number): number {
  return (Math.log10(Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed))) - LOG_MIN) / (LOG_MAX - LOG_MIN);
}

/** "1/20×", "1×", "2.5×": fractions below 1 read better as 1/n. */
export function formatSpeed(speed: number): string {
  if (speed >= 1) return `${Number(speed.toPrecision(2))}×`;
  return `1/${Math.round(1 / speed)}×`;
}

/** The next speed up or down in a 1-2-5 sequence (keyboard + and −). */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  const ladder: number[] = [];
  for (let e = -3; e <= 1; e++) for (const m of [1, 2, 5]) ladder.push(m * 10 ** e);
  const inRange = ladder.filter((s) => s >= SPEED_MIN - 1e-12 && s <= SPEED_MAX + 1e-12);
  if (direction > 0) return inRange.find((s) => s > speed * 1.0001) ?? SPEED_MAX;
  return [...inRange].reverse().find((s) => s < speed / 1.0001) ?? SPEED_MIN;
}
