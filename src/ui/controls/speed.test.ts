import { describe, expect, it } from 'vitest';
import { formatSpeed, sliderFromSpeed, speedFromSlider, stepSpeed } from './speed';

describe('speed control (log scale, 1/1000 to 10× real time)', () => {
  it('maps the slider ends to the limits and round-trips', () => {
    expect(speedFromSlider(0)).toBeCloseTo(0.001, 10);
    expect(speedFromSlider(1)).toBeCloseTo(10, 10);
    expect(speedFromSlider(0.75)).toBeCloseTo(1, 10);
    for (const s of [0.001, 0.05, 1, 3, 10]) expect(speedFromSlider(sliderFromSpeed(s))).toBeCloseTo(s, 10);
    expect(sliderFromSpeed(1000)).toBe(1);
  });

  it('formats fractions as 1/n', () => {
    expect(formatSpeed(0.05)).toBe('1/20×');
    expect(formatSpeed(0.001)).toBe('1/1000×');
    expect(formatSpeed(1)).toBe('1×');
    expect(formatSpeed(2.5)).toBe('2.5×');
  });

  it('steps through 1-2-5 within the limits', () => {
    expect(stepSpeed(0.05, 1)).toBeCloseTo(0.1, 10);
    expect(stepSpeed(0.05, -1)).toBeCloseTo(0.02, 10);
    expect(stepSpeed(10, 1)).toBe(10);
    expect(stepSpeed(0.001, -1)).toBe(0.001);
    expect(stepSpeed(0.07, 1)).toBeCloseTo(0.1, 10);
  });
});
