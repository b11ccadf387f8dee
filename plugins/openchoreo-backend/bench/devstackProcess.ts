/*
 * The devstack in a process of its own for the benchmarks, as OpenChoreo is a server of its own:
 * the backend's and the API's work then overlap as they would in a deployment. The parent talks
 * to it over the fork IPC channel: it answers `{ ready }` with the URLs, and seeds runs on
 * `{ seed }` messages.
 */
import { signInUser, startDevstack } from '@openchoreo-ci/openchoreo-devstack';
import {
  cloneGreetingService,
  finishedRun,
} from '../src/__testUtils__/runFixtures';

/** A request from the parent process. */
export type DevstackRequest =
  | { id: number; seed: { component: string; runs: number; spacingMs: number } }
  | { id: number; signIn: string }
  | { id: number; close: true };

async function main() {
  const devstack = await startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: Number(process.env.BENCH_TIME_SCALE ?? 1),
    logger: () => {},
  });
  process.on('message', async (message: DevstackRequest) => {
    if ('close' in message) {
      await devstack.close();
      process.send!({ id: message.id, done: true });
      process.exit(0);
    }
    if ('signIn' in message) {
      const user = message.signIn;
      const { access_token } = await signInUser(devstack.idp, user, user);
      process.send!({ id: message.id, token: access_token });
      return;
    }
    const { component, runs, spacingMs } = message.seed;
    const store = devstack.api.store;
    cloneGreetingService(store, component);
    const names: string[] = [];
    // Newest last, all within the last day (the workflow's ttlAfterCompletion deletes older ones).
    for (let i = 0; i < runs; i++) {
      names.push(
        finishedRun(store, component, {
          createdAt: new Date(Date.now() - (runs - i) * spacingMs),
          commit: '0123456789abcdef0123456789abcdef01234567',
        }),
      );
    }
    process.send!({ id: message.id, names });
  });
  process.send!({
    ready: {
      apiUrl: devstack.api.url,
      tokenUrl: devstack.idp.tokenUrl,
      portal: devstack.idp.clients.portal,
    },
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
