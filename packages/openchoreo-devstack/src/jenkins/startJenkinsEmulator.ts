import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import express from 'express';
import { requireApiToken } from './auth';
import { buildUrl } from './buildJson';
import {
  createJenkinsControlRouter,
  JENKINS_CONTROL_PREFIX,
} from './controlRoutes';
import { JenkinsModel } from './model';
import { createJenkinsRouter } from './routes';
import {
  DEFAULT_JENKINS_API_TOKEN,
  DEFAULT_JENKINS_USERNAME,
  defaultSeedJobs,
} from './seedJobs';
import { JenkinsEmulator, JenkinsEmulatorOptions } from './types';

/**
 * Starts an HTTP server that answers the Jenkins API calls of the Backstage Jenkins plugin, with
 * test control under `/_devstack` (see {@link createJenkinsControlRouter}).
 */
export async function startJenkinsEmulator(
  options: JenkinsEmulatorOptions = {},
): Promise<JenkinsEmulator> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? DEFAULT_JENKINS_USERNAME;
  const apiToken = options.apiToken ?? DEFAULT_JENKINS_API_TOKEN;
  const model = new JenkinsModel(options.jobs ?? defaultSeedJobs(), {
    username,
    buildDurationMs: options.buildDurationMs ?? 3000,
  });
  let url = '';

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.logger?.(
        `${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(1)}ms`,
      );
    });
    res.setHeader('X-Jenkins', '2.479.3');
    // The plugin builds `${baseUrl}/job/...`, which doubles the slash when
    // baseUrl ends with one; Jenkins tolerates that, so collapse it.
    req.url = req.url.replace(/^[^?]*/, path => path.replace(/\/{2,}/g, '/'));
    next();
  });
  app.use(
    JENKINS_CONTROL_PREFIX,
    createJenkinsControlRouter(model, () => url),
  );
  app.use(requireApiToken(username, apiToken));
  app.use(
    createJenkinsRouter({
      model,
      baseUrl: () => url,
      crumb: randomBytes(32).toString('hex'),
    }),
  );
  app.use((_req, res) => {
    res.status(404).type('text/html').send('<h2>HTTP ERROR 404 Not Found</h2>');
  });

  const server = await new Promise<ReturnType<typeof app.listen>>(
    (resolve, reject) => {
      const listening = app.listen(options.port ?? 0, host, () =>
        resolve(listening),
      );
      listening.once('error', reject);
    },
  );
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    username,
    apiToken,
    triggerBuild(jobFullName) {
      const job = model.find(jobFullName);
      if (!job || job.kind !== 'job') {
        throw new Error(
          `No Jenkins job named '${jobFullName}'; seeded jobs are set by the 'jobs' option`,
        );
      }
      const build = model.startBuild(job);
      return { number: build.number, url: buildUrl(url, job, build) };
    },
    async close() {
      model.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      );
    },
  };
}
