import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  ActionDecision,
  ComponentActionsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  isSignInRequired,
  openchoreoApiRef,
  type ComponentRef,
  type OpenChoreoApi,
} from '../api';

/** Whether one action is available, and why not. */
export interface ActionAvailability {
  allowed: boolean;
  loading: boolean;
  /** Why the action is refused, in words for the user. */
  reason?: string;
}

/** The component actions the portal can check up front. */
export type ComponentActions = Record<
  | 'build'
  | 'buildWithOptions'
  | 'cancel'
  | 'editAnnotations'
  | 'externalCiBuild',
  ActionAvailability
>;

const WHAT = {
  build: 'start builds',
  buildWithOptions: 'start builds with options',
  cancel: 'cancel builds',
  editAnnotations: 'edit annotations',
  externalCiBuild: 're-run CI runs',
} as const;

// The controls of one page (Build now, Build with options, Re-run, Cancel build) ask at the same moment: one
// request answers them all, so they never disagree while it is under way. Only requests in
// flight are shared; a later mount or a retry asks again.
const inFlight = new WeakMap<
  OpenChoreoApi,
  Map<string, Promise<ComponentActionsResponse>>
>();

function askOnce(
  api: OpenChoreoApi,
  ref: ComponentRef,
): Promise<ComponentActionsResponse> {
  let asked = inFlight.get(api);
  if (!asked) {
    asked = new Map();
    inFlight.set(api, asked);
  }
  const key = `${ref.namespace}/${ref.component}`;
  const pending = asked.get(key);
  if (pending) return pending;
  const answer = api.getComponentActions(ref).finally(() => asked!.delete(key));
  asked.set(key, answer);
  return answer;
}

/**
 * Asks the backend up front whether the user may build the component, cancel its builds, edit
 * its annotations and re-run its External CI (the portal's permission policy, then OpenChoreo's authorization), so the
 * controls are disabled with the reason. When the backend cannot tell, the action stays available and its
 * answer is shown when the user tries.
 */
export function useComponentActions(
  ref: ComponentRef | undefined,
): ComponentActions & { retry: () => void } {
  const api = useApi(openchoreoApiRef);
  const state = useAsyncRetry(
    async () => (ref ? askOnce(api, ref) : undefined),
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
    // Older backends do not answer it: then it follows Build now.
    buildWithOptions: state.value?.buildWithOptions
      ? of('buildWithOptions')
      : of('build'),
    cancel: of('cancel'),
    editAnnotations: of('editAnnotations'),
    externalCiBuild: of('externalCiBuild'),
    retry: state.retry,
  };
}
