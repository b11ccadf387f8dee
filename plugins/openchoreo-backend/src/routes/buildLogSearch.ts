import Router from 'express-promise-router';
import type express from 'express';
import { z } from 'zod';
import {
  BUILD_LOG_SEARCH_MAX_PHRASE,
  openchoreoWorkflowRunReadPermission,
  type BuildLogSearchResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ArchivedLogsService } from '../service/observer/ArchivedLogsService';
import type { Access } from './access';
import { parseOrThrow } from './validation';

const searchQuery = z.object({
  phrase: z
    .string()
    .transform(p => p.trim())
    .pipe(z.string().min(2).max(BUILD_LOG_SEARCH_MAX_PHRASE)),
});

/**
 * `GET /components/:namespace/:component/log-search?phrase=`: the component's builds whose logs
 * contain the phrase (newest first, grouped by build and step, each match with its line), read
 * from the observability plane as the caller. Whoever may read the component's builds may search
 * them: the read permission and the OpenChoreo access check of the build list.
 */
export function createBuildLogSearchRoutes(options: {
  access: Access;
  archived: ArchivedLogsService;
}): express.Router {
  const { access, archived } = options;
  const router = Router();
  router.get(
    '/components/:namespace/:component/log-search',
    async (req, res) => {
      const { namespace, component } = await access.authorizeComponent(
        req,
        openchoreoWorkflowRunReadPermission,
      );
      const { phrase } = parseOrThrow(searchQuery, req.query, 'query');
      const body: BuildLogSearchResponse = await archived.search(
        namespace,
        component,
        phrase,
      );
      res.json(body);
    },
  );
  return router;
}
