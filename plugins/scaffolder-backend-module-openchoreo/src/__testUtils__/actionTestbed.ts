import { mockServices } from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import {
  createOpenChoreoClientService,
  type OpenChoreoClientService,
} from '@openchoreo-ci/plugin-openchoreo-node';
import {
  createComponentAction,
  type CreateComponentActionOptions,
} from '../actions/createComponentAction';

/** The devstack on random ports with fast builds. */
export function startTestDevstack(): Promise<Devstack> {
  return startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: 0.002,
  });
}

/**
 * The OpenChoreo client service against the devstack as the portal's service account, with the
 * chart-style `/api/v1` base URL; `fetch` lets a test record or fault the upstream requests.
 */
export function devstackClientService(
  devstack: Devstack,
  fetch?: typeof globalThis.fetch,
): OpenChoreoClientService {
  return createOpenChoreoClientService(
    {
      baseUrl: `${devstack.api.url}/api/v1`,
      auth: { tokenUrl: devstack.idp.tokenUrl, ...devstack.idp.clients.portal },
      requestTimeoutMs: 5000,
    },
    { logger: mockServices.logger.mock(), ...(fetch ? { fetch } : {}) },
  );
}

/** Options of {@link createTestAction}; anything not given gets a harmless default. */
export interface TestActionOptions
  extends Partial<
    Pick<
      CreateComponentActionOptions,
      'events' | 'userTokens' | 'waitForEntity' | 'builtInCi'
    >
  > {
  /** Upstream fetch in front of the devstack (recording or faulty). */
  fetch?: typeof globalThis.fetch;
  /** The portal's permission decision for `openchoreo.component.create`. Default: allow. */
  decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}

/** What one run of the action left: its mock context (outputs, logger). */
export type ActionRunContext = ReturnType<typeof createMockActionContext>;

/**
 * The create action wired to the devstack, with its permission and logger mocks and a runner
 * for its handler.
 */
export function createTestAction(
  devstack: Devstack,
  options: TestActionOptions = {},
) {
  const { fetch, decision, ...actionOptions } = options;
  const authorize = jest.fn(async () => [
    { result: decision ?? AuthorizeResult.ALLOW },
  ]);
  const events: EventsService = {
    publish: async () => {},
    subscribe: async () => {},
  };
  const logger = mockServices.logger.mock();
  const action = createComponentAction({
    events,
    logger,
    permissions: mockServices.permissions.mock({
      authorize,
    }) as unknown as PermissionsService,
    ...actionOptions,
    openchoreo: devstackClientService(devstack, fetch),
  });
  /** Runs the handler once with a mock context; rejects as the handler does. */
  const run = async (
    input: JsonObject,
    extra: { isDryRun?: boolean; secrets?: Record<string, string> } = {},
  ): Promise<ActionRunContext> => {
    const ctx = {
      ...createMockActionContext({ input, secrets: extra.secrets }),
      isDryRun: extra.isDryRun ?? false,
    };
    await action.handler(ctx as Parameters<typeof action.handler>[0]);
    return ctx;
  };
  return { action, run, authorize, logger };
}

/** The outputs a run gave, by name. */
export function outputsOf(ctx: ActionRunContext): Record<string, unknown> {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}
