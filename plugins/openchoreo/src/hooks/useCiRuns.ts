import { useCallback, useMemo, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isCiRunActive,
  type ExternalCiRun,
  type ExternalCiRunsResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../api';
import { getComponentRef } from '../utils/entity';
import { useComponentActions } from './useComponentActions';
import { usePolling } from './usePolling';

/** Options of {@link useCiRuns}. */
export interface CiRunsOptions {
  page: number;
  perPage: number;
  /** How often to look again while a run is queued or running (default 15 s, the backend's cache time). */
  pollIntervalMs?: number;
}

/**
 * One page of the entity's GitHub Actions runs or GitLab CI pipelines, polled with the plugin's
 * one polling mechanism while a run is queued or running (and the page is visible).
 */
export function useCiRuns(options: CiRunsOptions) {
  const { page, perPage, pollIntervalMs = 15_000 } = options;
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const load = useCallback(
    (): Promise<ExternalCiRunsResponse> =>
      api.getCiRuns(entityRef, { page, perPage }),
    [api, entityRef, page, perPage],
  );
  return usePolling(load, [load], {
    intervalMs: pollIntervalMs,
    shouldPoll: response =>
      response.state === 'ok' &&
      response.runs.some(run => isCiRunActive(run.status)),
  });
}

/**
 * Re-runs a run with the portal's token, then calls `onDone` (to load the runs again); `access`
 * says up front whether the user may (`externalCiBuild` of the component's actions), and why not.
 */
export function useRerunCiRun(onDone: () => void) {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const { externalCiBuild: access } = useComponentActions(
    getComponentRef(entity),
  );
  const [state, setState] = useState<{
    pendingId?: string;
    done?: string;
    error?: string;
  }>({});
  const rerun = useCallback(
    async (run: ExternalCiRun) => {
      const name = `${run.pipeline}${run.number ? ` #${run.number}` : ''}`;
      setState({ pendingId: run.id });
      try {
        await api.rerunCiRun(getCompoundEntityRef(entity), run.id);
        setState({ done: `Re-run of ${name} requested.` });
        onDone();
      } catch (e) {
        setState({
          error: `Could not re-run ${name}: ${
            e instanceof Error ? e.message : String(e)
          }`,
        });
      }
    },
    [api, entity, onDone],
  );
  return { ...state, access, rerun };
}
