import { startTestDevstack, type TestDevstack } from './devstack';
import {
  startOpenChoreoTestBackend,
  type OpenChoreoTestBackend,
  type TestBackendOptions,
} from './testBackend';
import { startUpstreamProxy, type UpstreamProxy } from './upstreamProxy';

/** The devstack, a counting proxy in front of its API and a backend behind the proxy. */
export interface BuildsTestStack {
  stack: TestDevstack;
  proxy: UpstreamProxy;
  backend: OpenChoreoTestBackend;
  /** The devstack's state, for arranging runs as OpenChoreo would hold them. */
  store: TestDevstack['devstack']['api']['store'];
  stop(): Promise<void>;
}

/** Starts what the build route tests run against (free ports). */
export async function startBuildsTestStack(
  options: Partial<TestBackendOptions> & { statusTtlMs: number },
): Promise<BuildsTestStack> {
  const stack = await startTestDevstack();
  const proxy = await startUpstreamProxy(stack.devstack.api.url);
  const backend = await startOpenChoreoTestBackend({
    baseUrl: `${proxy.url}/api/v1`,
    tokenUrl: stack.devstack.idp.tokenUrl,
    ...stack.devstack.idp.clients.portal,
    ...options,
  });
  return {
    stack,
    proxy,
    backend,
    store: stack.devstack.api.store,
    async stop() {
      await backend.stop();
      await proxy.close();
      await stack.devstack.close();
    },
  };
}
