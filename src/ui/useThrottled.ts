/**
 * A value that follows `value` at most once every `ms` while `throttle` is on
 * (and at once when it is off). Panels that need not move at 60 frames a second
 * while the simulation plays (the event log, statistics) read through it, so
 * the cluster view keeps the frame budget. When paused or stepping they are exact.
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number, throttle: boolean): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (!throttle) {
      lastAt.current = performance.now();
      setShown(value);
      return;
    }
    const wait = lastAt.current + ms - performance.now();
    if (wait <= 0) {
      lastAt.current = performance.now();
      setShown(value);
      return;
    }
    const timer = setTimeout(() => {
      lastAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms, throttle]);
  return throttle ? shown : value;
}
