import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { openchoreoPlugin } from '../plugin';
import { createToolRoutes, resolvePublisherBundle } from './tools';

const ROUTE = '/api/openchoreo/tools/openchoreo-publish-workload.cjs';
const BUNDLE =
  '#!/usr/bin/env node\nconsole.log("openchoreo-publish-workload");\n';

describe('GET /tools/openchoreo-publish-workload.cjs (the bundled publisher for GitOps pipelines)', () => {
  let dir: string;
  let backend: Awaited<ReturnType<typeof start>> | undefined;

  // The OpenChoreo API is never called by this route: any URL will do. A request without a
  // token is nobody's here (the test backend's default would be a user's).
  const start = async (publisherBundlePath: string) => {
    const started = await startTestBackend({
      features: [
        openchoreoPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            openchoreo: {
              baseUrl: 'http://127.0.0.1:9',
              auth: {
                tokenUrl: 'http://127.0.0.1:9/oauth2/token',
                clientId: 'portal',
                clientSecret: 'secret',
              },
              tools: { publisherBundlePath },
            },
          },
        }),
      ],
    });
    return { server: started.server, stop: () => started.stop() };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'publisher-bundle-'));
  });
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the file without a Backstage token, as a CI runner downloads it', async () => {
    const file = join(dir, 'openchoreo-publish-workload.cjs');
    writeFileSync(file, BUNDLE);
    backend = await start(file);

    const res = await request(backend.server).get(ROUTE);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/javascript; charset=utf-8',
    );
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toBeDefined();
    expect(res.text).toBe(BUNDLE);
    // Only the tools are open: the other routes still need a sign-in.
    const other = await request(backend.server).get(
      '/api/openchoreo/components/default/orders/deployments',
    );
    expect(other.status).toBe(401);
  });

  it('answers 404 with how to build the bundle when the file is missing', async () => {
    const missing = join(dir, 'not-built.cjs');
    backend = await start(missing);

    const res = await request(backend.server).get(ROUTE);

    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `The publisher bundle openchoreo-publish-workload.cjs is not built on this portal (looked for ${missing}). Build it with "yarn workspace @openchoreo-ci/workload-publisher bundle" before starting the portal (scripts/start.sh and "yarn build:all" do), or set openchoreo.tools.publisherBundlePath to the file.`,
    );
  });

  it('answers 404 naming the package to add when the publisher package is not installed', async () => {
    const app = express().use(
      createToolRoutes({
        config: new ConfigReader({}),
        resolvePackage: name => {
          throw new Error(`Cannot find module '${name}'`);
        },
      }),
    );
    app.use(
      (
        error: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(500).json({ name: error.name, message: error.message });
      },
    );

    const res = await request(app).get(
      '/tools/openchoreo-publish-workload.cjs',
    );

    expect(res.body).toEqual({
      name: 'NotFoundError',
      message:
        'The publisher bundle openchoreo-publish-workload.cjs is not available on this portal: the package @openchoreo-ci/workload-publisher is not installed. Add it to the backend ("yarn --cwd packages/backend add @openchoreo-ci/workload-publisher"), or set openchoreo.tools.publisherBundlePath to the file.',
    });
  });

  it('finds the bundle in the publisher package by default, and nothing when the package is not installed', () => {
    const config = new ConfigReader({});
    expect(resolvePublisherBundle(config)).toMatch(
      new RegExp(
        `${[
          'workload-publisher',
          'dist-bundle',
          'openchoreo-publish-workload.cjs',
        ]
          .join(sep)
          .replace(/[.\\]/g, '\\$&')}$`,
      ),
    );
    expect(
      resolvePublisherBundle(config, () => {
        throw new Error('Cannot find module');
      }),
    ).toBeUndefined();
    expect(
      resolvePublisherBundle(
        new ConfigReader({
          openchoreo: { tools: { publisherBundlePath: '/srv/cli.cjs' } },
        }),
      ),
    ).toBe('/srv/cli.cjs');
  });
});
