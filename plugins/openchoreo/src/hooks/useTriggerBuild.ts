import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TriggerWorkflowRunResponse } from '@openchoreo-ci/plugin-openchoreo-common';
import { ComponentRef, openchoreoApiRef } from '../api';
import { newIdempotencyKey } from '../utils/idempotencyKey';

/** Starts a build of a component; every call sends a new `Idempotency-Key`. */
export function useTriggerBuild(
  ref: ComponentRef | undefined,
  onStarted?: (response: TriggerWorkflowRunResponse) => void,
) {
  const api = useApi(openchoreoApiRef);
  const [state, setState] = useState<{
    starting: boolean;
    error?: Error;
    started?: TriggerWorkflowRunResponse;
  }>({ starting: false });

  const trigger = useCallback(async () => {
    if (!ref) return;
    setState({ starting: true });
    try {
      const started = await api.triggerWorkflowRun(ref, {
        idempotencyKey: newIdempotencyKey(),
      });
      setState({ starting: false, started });
      onStarted?.(started);
    } catch (e) {
      setState({
        starting: false,
        error: e instanceof Error ? e : new Error(String(e)),
      });
    }
  }, [api, ref, onStarted]);

  return { ...state, trigger };
}
