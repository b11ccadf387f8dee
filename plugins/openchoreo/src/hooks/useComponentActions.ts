import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ActionDecision } from '@openchoreo-ci/plugin-openchoreo-common';
import { isSignInRequired, openchoreoApiRef, type ComponentRef } from '../api';

/** Whether one action is available, and why not. */
export interface ActionAvailability {
  allowed: boolean;
  loading: boolean;
  /** Why the action is refused, in words for the user. */
  reason?: string;
}

/** The component actions the portal can check up front. */
export type ComponentActions = Record<
  'build' | 'editAnnotations',
  ActionAvailability
>;

const WHAT = {
  build: 'start builds',
  editAnnotations: 'edit annotations',
} as const;

/**
 * Asks the backend up front whether the user may build the component and edit its annotations
 * (the portal's permission policy, then OpenChoreo's authorization), so the controls are
 * disabled with the reason. When the backend cannot tell, the action stays available and its
 * answer is shown when the user tries.
 */
export function useComponentActions(
  ref: ComponentRef | undefined,
): ComponentActions & { retry: () => void } {
  const api = useApi(openchoreoApiRef);
  const state = useAsyncRetry(
    async () => (ref ? api.getComponentActions(ref) : undefined),
    [api, ref?.namespace, ref?.component],
  );
  const of = (action: keyof typeof WHAT): ActionAvailability => {
    if (state.loading) return { allowed: false, loading: true };
    if (isSignInRequired(state.error)) {
      return {
        allowed: false,
        loading: false,
        reason: `Sign in with OpenChoreo to ${WHAT[action]}.`,
      };
    }
    const decision: ActionDecision | undefined = state.value?.[action];
    return decision && !decision.allowed
      ? { allowed: false, loading: false, reason: decision.reason }
      : { allowed: true, loading: false };
  };
  return {
    build: of('build'),
    editAnnotations: of('editAnnotations'),
    retry: state.retry,
  };
}
