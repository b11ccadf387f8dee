import { useCallback, useState } from 'react';

/** State of an action the user confirmed in a dialog: whether it runs, and how it failed. */
export function useConfirmedAction<T>(
  run: () => Promise<T>,
  onDone: (value: T) => void,
) {
  const [state, setState] = useState<{ busy: boolean; error?: Error }>({
    busy: false,
  });
  const confirm = useCallback(async () => {
    setState({ busy: true });
    try {
      const value = await run();
      setState({ busy: false });
      onDone(value);
    } catch (e) {
      setState({
        busy: false,
        error: e instanceof Error ? e : new Error(String(e)),
      });
    }
  }, [run, onDone]);
  const reset = useCallback(() => setState({ busy: false }), []);
  return { ...state, confirm, reset };
}
