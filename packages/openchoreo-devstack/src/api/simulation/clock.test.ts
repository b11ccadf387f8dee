import { createScaledClock } from './clock';

describe('createScaledClock', () => {
  afterEach(() => jest.useRealTimers());

  it('runs simulated delays faster by timeScale, without keeping the process alive', () => {
    jest.useFakeTimers();
    const clock = createScaledClock(0.01);
    const fired = jest.fn();
    const unref = jest.spyOn(global, 'setTimeout');
    clock.setTimer(5_000, fired);
    jest.advanceTimersByTime(49);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    const handle = unref.mock.results[0].value as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
  });

  it('chains timers longer than setTimeout allows, and cancels them', () => {
    jest.useFakeTimers();
    const clock = createScaledClock(1);
    const fired = jest.fn();
    const thirtyDays = 30 * 86_400_000;
    clock.setTimer(thirtyDays, fired);
    jest.advanceTimersByTime(thirtyDays - 1);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);

    const cancelled = jest.fn();
    clock.setTimer(thirtyDays, cancelled).cancel();
    jest.advanceTimersByTime(thirtyDays);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('advances now() at the scaled speed', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const clock = createScaledClock(0.01);
    jest.advanceTimersByTime(100);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:10.000Z');
  });
});
