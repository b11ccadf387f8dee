/*
 * The devstack in a process of its own for the route benchmark (OpenChoreo is a server of its
 * own): answers `{ ready }` with its URLs over the fork IPC channel, stops on `{ close }`.
 */
import { startDevstack } from '@openchoreo-ci/openchoreo-devstack';

async function main() {
  const devstack = await startDevstack({
    apiPort: 0,
    idpPort: 0,
    jenkinsPort: 0,
    timeScale: 1,
    logger: () => {},
  });
  process.on('message', async (message: { close?: boolean }) => {
    if (message.close) {
      await devstack.close();
      process.exit(0);
    }
  });
  process.send!({
    ready: {
      apiUrl: devstack.api.url,
      idpUrl: devstack.idp.url,
      tokenUrl: devstack.idp.tokenUrl,
      portal: devstack.idp.clients.portal,
    },
  });
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
