import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

type Run = { status: 'Running' | 'Succeeded' };

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

describe('usePolling', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    setVisibility('visible');
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const render = (load: () => Promise<Run>) =>
    renderHook(() =>
      usePolling(load, [load], {
        shouldPoll: run => run.status === 'Running',
        intervalMs: 1000,
        maxBackoffMs: 8000,
      }),
    );

  it('polls while running and stops once finished', async () => {
    const load = jest
      .fn<Promise<Run>, []>()
      .mockResolvedValueOnce({ status: 'Running' })
      .mockResolvedValueOnce({ status: 'Running' })
      .mockResolvedValue({ status: 'Succeeded' });
    const { result } = render(load);
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.value).toEqual({ status: 'Running' });

    await advance(1000);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(3);
    expect(result.current.value).toEqual({ status: 'Succeeded' });

    await advance(10000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not poll when nothing is running', async () => {
    const load = jest.fn(async (): Promise<Run> => ({ status: 'Succeeded' }));
    render(load);
    await advance(10000);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('with whileIdleMs, looks again slowly while nothing runs, fast once something does, never while hidden', async () => {
    const load = jest
      .fn<Promise<Run>, []>()
      .mockResolvedValueOnce({ status: 'Succeeded' })
      .mockResolvedValueOnce({ status: 'Running' })
      .mockResolvedValue({ status: 'Succeeded' });
    renderHook(() =>
      usePolling(load, [load], {
        shouldPoll: run => run.status === 'Running',
        intervalMs: 1000,
        whileIdleMs: 45_000,
      }),
    );
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(44_999);
    expect(load).toHaveBeenCalledTimes(1);
    // A build started elsewhere shows up at the slow pace...
    await advance(1);
    expect(load).toHaveBeenCalledTimes(2);
    // ...and is then followed at the fast pace until it ends.
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(3);
    await advance(44_000);
    expect(load).toHaveBeenCalledTimes(3);

    setVisibility('hidden');
    await advance(120_000);
    expect(load).toHaveBeenCalledTimes(3);
    setVisibility('visible');
    await advance(0);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('pauses while the page is hidden and resumes at once when visible', async () => {
    const load = jest.fn(async (): Promise<Run> => ({ status: 'Running' }));
    render(load);
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('hidden'));
    await advance(10000);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => setVisibility('visible'));
    await advance(0);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('backs off on consecutive errors and recovers', async () => {
    const load = jest
      .fn<Promise<Run>, []>()
      .mockResolvedValueOnce({ status: 'Running' })
      .mockRejectedValueOnce(new Error('boom 1'))
      .mockRejectedValueOnce(new Error('boom 2'))
      .mockResolvedValue({ status: 'Running' });
    const { result } = render(load);
    await advance(0);
    await advance(1000); // 2nd call fails
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.error?.message).toBe('boom 1');
    expect(result.current.value).toEqual({ status: 'Running' });

    await advance(1999); // after 1 error the wait is 2s
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1); // 3rd call fails
    expect(load).toHaveBeenCalledTimes(3);

    await advance(3999); // after 2 errors the wait is 4s
    expect(load).toHaveBeenCalledTimes(3);
    await advance(1); // 4th call succeeds
    expect(load).toHaveBeenCalledTimes(4);
    expect(result.current.error).toBeUndefined();

    await advance(1000); // back to the normal interval
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('stops after a first failed load and loads again on retry', async () => {
    const load = jest
      .fn<Promise<Run>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValue({ status: 'Succeeded' });
    const { result } = render(load);
    await advance(0);
    expect(result.current.error?.message).toBe('down');
    await advance(60000);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => result.current.retry());
    await advance(0);
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toEqual({ status: 'Succeeded' });
    expect(result.current.error).toBeUndefined();
  });

  it('slows down once nothing changed for slowDownAfterMs, and speeds up on a change', async () => {
    const upstream: { workload?: string } = {};
    const load = jest.fn(async () => ({ workload: upstream.workload }));
    renderHook(() =>
      usePolling(load, [load], {
        shouldPoll: v => !v.workload || v.workload === 'changing',
        intervalMs: 1000,
        slowDownAfterMs: 5000,
        idleIntervalMs: 30000,
      }),
    );
    await advance(0);
    await advance(5000); // six polls at the normal pace, and nothing changed for 5 s
    expect(load).toHaveBeenCalledTimes(6);
    await advance(29999); // now idle: the next wait is 30 s
    expect(load).toHaveBeenCalledTimes(6);
    upstream.workload = 'changing';
    await advance(1); // loads the change: back to the normal pace
    expect(load).toHaveBeenCalledTimes(7);
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(8);
  });
});
