import {
  startDevstack,
  type Devstack,
} from '@openchoreo-ci/openchoreo-devstack';
import type { OpenChoreoConfig } from '../config';

/** The devstack on random ports with fast builds; `onLine` receives its request log lines. */
export function startTestDevstack(
  onLine?: (line: string) => void,
): Promise<Devstack> {
  return startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: 0.002,
    ...(onLine ? { logger: onLine } : {}),
  });
}

/** `openchoreo.*` pointing at the devstack as the portal's service account, chart-style URL. */
export function devstackConfig(devstack: Devstack): OpenChoreoConfig {
  return {
    baseUrl: `${devstack.api.url}/api/v1`,
    auth: { tokenUrl: devstack.idp.tokenUrl, ...devstack.idp.clients.portal },
    requestTimeoutMs: 5000,
  };
}
