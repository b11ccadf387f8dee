import Router from 'express-promise-router';
import type express from 'express';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  PUBLISHER_BUNDLE_FILE,
  PUBLISHER_BUNDLE_PATH,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** Where the plugin serves the bundled publisher, below `/api/openchoreo` (CI runners have no token). */
export const PUBLISHER_BUNDLE_ROUTE = PUBLISHER_BUNDLE_PATH.replace(
  /^\/api\/openchoreo/,
  '',
);
/** Config key of another bundle file to serve (absolute, or relative to the working directory). */
export const PUBLISHER_BUNDLE_PATH_KEY = 'openchoreo.tools.publisherBundlePath';

const PUBLISHER_PACKAGE = '@openchoreo-ci/workload-publisher';

/**
 * The bundle file to serve: `openchoreo.tools.publisherBundlePath`, else the one the publisher
 * package builds (`dist-bundle/` of `@openchoreo-ci/workload-publisher`, when it is installed
 * next to the backend); undefined when neither is known.
 */
export function resolvePublisherBundle(
  config: Config,
  resolvePackage: (request: string) => string = require.resolve,
): string | undefined {
  const configured = config.getOptionalString(PUBLISHER_BUNDLE_PATH_KEY);
  if (configured) return resolve(configured);
  try {
    return resolve(
      dirname(resolvePackage(`${PUBLISHER_PACKAGE}/package.json`)),
      'dist-bundle',
      PUBLISHER_BUNDLE_FILE,
    );
  } catch {
    return undefined;
  }
}

/**
 * `GET /tools/openchoreo-publish-workload.cjs`: the bundled publisher CLI for GitOps pipelines
 * (`OPENCHOREO_PUBLISHER_URL`), served without authentication (the plugin's auth policy), or a
 * 404 that says how to build it. The file is looked for on every request, so a bundle built after
 * the portal started is served at once.
 */
export function createToolRoutes(options: {
  config: Config;
  /** Resolves the publisher package (default `require.resolve`); for tests. */
  resolvePackage?: (request: string) => string;
}): express.Router {
  const file = resolvePublisherBundle(options.config, options.resolvePackage);
  const router = Router();
  router.get(PUBLISHER_BUNDLE_ROUTE, (_req, res) => {
    if (!file) {
      throw new NotFoundError(
        `The publisher bundle ${PUBLISHER_BUNDLE_FILE} is not available on this portal: the package ${PUBLISHER_PACKAGE} is not installed. Add it to the backend ("yarn --cwd packages/backend add ${PUBLISHER_PACKAGE}"), or set ${PUBLISHER_BUNDLE_PATH_KEY} to the file.`,
      );
    }
    if (!existsSync(file)) {
      throw new NotFoundError(
        `The publisher bundle ${PUBLISHER_BUNDLE_FILE} is not built on this portal (looked for ${file}). Build it with "yarn workspace ${PUBLISHER_PACKAGE} bundle" before starting the portal (scripts/start.sh and "yarn build:all" do), or set ${PUBLISHER_BUNDLE_PATH_KEY} to the file.`,
      );
    }
    res.sendFile(file, {
      headers: {
        'Content-Type': 'application/javascript; charset=utf-8',
        'Content-Disposition': `attachment; filename="${PUBLISHER_BUNDLE_FILE}"`,
        // Revalidated on every download (ETag), so runners never keep an old CLI.
        'Cache-Control': 'no-cache',
      },
    });
  });
  return router;
}
