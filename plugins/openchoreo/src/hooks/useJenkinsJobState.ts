import { useCallback, useEffect, useMemo, useState } from 'react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { jenkinsApiRef } from '@backstage-community/plugin-jenkins';
import {
  JENKINS_JOB_FULL_NAME_ANNOTATION,
  validateExternalCiIdentifier,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  classifyJenkinsFailure,
  failureMessage,
  failureStatus,
  jenkinsJobUrl,
  newestBuild,
  shortJenkinsMessage,
  type JenkinsJobState,
} from '../jenkins/jenkinsJobState';
import { useCiIntegration } from './useCiIntegration';
import { usePolling } from './usePolling';

/** Options of {@link useJenkinsJobState}. */
export interface JenkinsJobStateOptions {
  /** How long to wait for the backend before showing the time-out state (default 20 s). */
  timeoutMs?: number;
  /** How often to look again while the job has no builds or builds (default 10 s). */
  pollIntervalMs?: number;
}

class JenkinsTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JenkinsTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The state of the entity's Jenkins job, for the Jenkins card and tab: one of
 * {@link JenkinsJobState}, never an endless load. It looks again while the job has no builds
 * or a build runs, so a first build shows up by itself.
 */
export function useJenkinsJobState(options: JenkinsJobStateOptions = {}) {
  const { timeoutMs = 20_000, pollIntervalMs = 10_000 } = options;
  const { entity } = useEntity();
  // Looked up, not required: an app without the Jenkins API gets a state, not a crash.
  const jenkins = useApiHolder().get(jenkinsApiRef);
  const settings = useCiIntegration('jenkins');
  const job =
    entity.metadata.annotations?.[JENKINS_JOB_FULL_NAME_ANNOTATION]?.trim() ??
    '';
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const integration = settings.integration;
  const jenkinsUrl = integration?.baseUrl ?? '';

  const compute = useCallback(async (): Promise<JenkinsJobState> => {
    if (!integration?.configured) {
      return { kind: 'not-configured', reason: integration?.reason };
    }
    const invalid = validateExternalCiIdentifier('jenkins', job);
    if (invalid) return { kind: 'invalid-annotation', job, message: invalid };
    if (!jenkins) {
      return {
        kind: 'error',
        detail:
          "This app has no Jenkins API (jenkinsApiRef): install the OpenChoreo plugin's api:openchoreo/jenkins extension.",
      };
    }
    try {
      const projects = await withTimeout(
        jenkins.getProjects({ entity: entityRef, filter: {} }),
        timeoutMs,
      );
      const newest = newestBuild(projects);
      if (newest) return { kind: 'latest', job, ...newest };
      return { kind: 'no-builds', job, jobUrl: jenkinsJobUrl(jenkinsUrl, job) };
    } catch (error) {
      if (error instanceof JenkinsTimeout) {
        return { kind: 'timeout', seconds: Math.ceil(timeoutMs / 1000) };
      }
      const detail = shortJenkinsMessage(failureMessage(error));
      const kind = classifyJenkinsFailure(detail);
      if (kind === 'job-not-found') {
        return { kind, job, jenkinsUrl, detail };
      }
      if (kind === 'refused' || kind === 'unreachable') {
        return { kind, jenkinsUrl, detail };
      }
      // Some Jenkins versions make the community backend fail (500) on a job without builds:
      // if the job itself reads fine and has no builds, that is what the failure meant.
      if (failureStatus(error) === 500) {
        const builds = await withTimeout(
          jenkins.getJobBuilds({ entity: entityRef, jobFullName: job }),
          timeoutMs,
        ).catch(() => undefined);
        if (builds && (builds.builds ?? []).length === 0) {
          return {
            kind: 'no-builds',
            job,
            jobUrl: jenkinsJobUrl(jenkinsUrl, job),
          };
        }
      }
      return { kind: 'error', detail };
    }
  }, [integration, job, jenkins, entityRef, timeoutMs, jenkinsUrl]);

  // Each result carries the loader that produced it, so a result for older settings is never
  // shown (not even for the one render before the new load starts).
  const load = useCallback(
    async () => ({
      compute,
      state: integration ? await compute() : undefined,
    }),
    [compute, integration],
  );
  const polled = usePolling(load, [load], {
    intervalMs: pollIntervalMs,
    shouldPoll: ({ state }) =>
      state?.kind === 'no-builds' ||
      (state?.kind === 'latest' && state.build.building),
  });

  let state: JenkinsJobState | undefined =
    polled.value?.compute === compute ? polled.value.state : undefined;
  if (settings.error) {
    state = {
      kind: 'error',
      detail: `Could not read the portal's Jenkins settings: ${settings.error.message}`,
    };
  } else if (!state && polled.error && !polled.loading) {
    state = { kind: 'error', detail: polled.error.message };
  }
  // Whatever hangs (the settings, the backend), the card never loads for longer than this.
  const [expired, setExpired] = useState(false);
  const waiting = !state;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setTimeout(() => setExpired(true), timeoutMs + 1000);
    return () => clearTimeout(timer);
  }, [waiting, timeoutMs]);
  if (!state && expired) {
    state = { kind: 'timeout', seconds: Math.ceil(timeoutMs / 1000) };
  }
  const retryNow = settings.error ? settings.retry : polled.retry;
  const retry = useCallback(() => {
    setExpired(false);
    retryNow();
  }, [retryNow]);
  return { state, loading: !state, retry, jenkinsUrl };
}
