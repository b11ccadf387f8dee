/*
 * One backend replica in a process of its own for the replica benchmark (replicas.ts): only the
 * OpenChoreo plugin, permissions allowed, config from BENCH_REPLICA_CONFIG (JSON). It answers
 * `{ ready: { url } }` over the fork IPC channel and stops on `{ close: true }`.
 */
import type { Server } from 'node:http';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { openchoreoPlugin } from '../src/plugin';

async function main() {
  const data = JSON.parse(process.env.BENCH_REPLICA_CONFIG ?? '{}');
  const backend = await startTestBackend({
    features: [
      openchoreoPlugin,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({ data }),
    ],
  });
  const address = (backend.server as Server).address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', async (message: { close?: boolean }) => {
    if (message.close) {
      await backend.stop();
      process.exit(0);
    }
  });
  process.send!({ ready: { url: `http://127.0.0.1:${port}/api/openchoreo` } });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
