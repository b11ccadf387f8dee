import { mockServices } from '@backstage/backend-test-utils';
import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import { createOpenChoreoClientService } from '@openchoreo-ci/plugin-openchoreo-node';
import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';

/** The devstack plus a client acting as the portal's service account, for arranging and checking state. */
export interface TestDevstack {
  devstack: Devstack;
  client: OpenChoreoClient;
  /** Lines the IdP logged, e.g. `[idp] POST /oauth2/token 200 3.1ms`. */
  idpLines: string[];
}

/** Starts the devstack on random ports with fast builds. */
export async function startTestDevstack(): Promise<TestDevstack> {
  const idpLines: string[] = [];
  const devstack = await startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: 0.002,
    logger: line => {
      if (line.startsWith('[idp]')) idpLines.push(line);
    },
  });
  const client = createOpenChoreoClientService(
    {
      baseUrl: devstack.api.url,
      auth: { tokenUrl: devstack.idp.tokenUrl, ...devstack.idp.clients.portal },
      requestTimeoutMs: 5000,
    },
    { logger: mockServices.logger.mock() },
  ).serviceAccount();
  return { devstack, client, idpLines };
}
