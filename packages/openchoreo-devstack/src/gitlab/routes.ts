import express, { Request, Response, Router } from 'express';
import { callerOf } from './auth';
import { pipelineBasicJson, pipelineJson, projectJson } from './json';
import { mergeRequestRoutes } from './mergeRequestRoutes';
import {
  GitLabModel,
  PipelineRecord,
  ProjectRecord,
  UNFINISHED,
} from './model';
import {
  enumParam,
  originOf,
  requireDeveloper,
  sendPage,
  visibleProject,
} from './requestHelpers';

const ORDER_BY = ['id', 'status', 'ref', 'updated_at', 'user_id'] as const;
const SORT = ['asc', 'desc'] as const;
const SCOPES = ['running', 'pending', 'finished', 'branches', 'tags'] as const;
const STATUSES = [
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
] as const;

type OrderBy = (typeof ORDER_BY)[number];

const sortKey: Record<OrderBy, (p: PipelineRecord) => string | number> = {
  id: p => p.id,
  status: p => p.status,
  ref: p => p.ref,
  updated_at: p => p.updatedAt,
  user_id: p => p.user,
};

function text(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The pipelines of `GET /projects/:id/pipelines` after filters and ordering, or null after a 400. */
function listedPipelines(
  project: ProjectRecord,
  req: Request,
  res: Response,
): PipelineRecord[] | null {
  const orderBy = enumParam(req, res, 'order_by', ORDER_BY);
  if (orderBy === null) return null;
  const sort = enumParam(req, res, 'sort', SORT);
  if (sort === null) return null;
  const scope = enumParam(req, res, 'scope', SCOPES);
  if (scope === null) return null;
  const status = enumParam(req, res, 'status', STATUSES);
  if (status === null) return null;
  const [ref, sha, source, username] = ['ref', 'sha', 'source', 'username'].map(
    name => text(req, name),
  );
  const inScope = (p: PipelineRecord) =>
    !scope ||
    scope === 'branches' ||
    (scope === 'finished' ? !UNFINISHED.has(p.status) : p.status === scope);
  const key = sortKey[orderBy ?? 'id'];
  const direction = sort === 'asc' ? 1 : -1;
  return project.pipelines
    .filter(
      p =>
        inScope(p) &&
        scope !== 'tags' &&
        (!status || p.status === status) &&
        (!ref || p.ref === ref) &&
        (!sha || p.sha === sha) &&
        (!source || p.source === source) &&
        (!username || p.user === username),
    )
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x === y) return direction * (a.id - b.id);
      return direction * (x < y ? -1 : 1);
    });
}

function findPipeline(
  model: GitLabModel,
  project: ProjectRecord,
  req: Request,
  res: Response,
) {
  const id = req.params.pipelineId;
  const pipeline = /^\d+$/.test(id)
    ? model.findPipeline(project, Number(id))
    : undefined;
  if (!pipeline) res.status(404).json({ message: '404 Not found' });
  return pipeline;
}

/** The GitLab REST v4 calls of pipeline visibility and GitOps merge requests (mounted at `/api/v4`). */
export function createGitLabRouter(model: GitLabModel): Router {
  const router = Router();
  router.use(express.json());
  router.use(express.urlencoded({ extended: false }));

  router.get('/projects/:id', (req, res) => {
    const project = visibleProject(model, req, res);
    if (!project) return;
    const caller = callerOf(res);
    res.json(
      projectJson(
        originOf(req),
        project,
        caller.kind === 'user' ? caller.accessLevel : undefined,
      ),
    );
  });

  router.get('/projects/:id/pipelines', (req, res) => {
    const project = visibleProject(model, req, res);
    const pipelines = project && listedPipelines(project, req, res);
    if (!project || !pipelines) return;
    sendPage(req, res, pipelines, p =>
      pipelineBasicJson(originOf(req), project, p),
    );
  });

  router.get('/projects/:id/pipelines/:pipelineId', (req, res) => {
    const project = visibleProject(model, req, res);
    const pipeline = project && findPipeline(model, project, req, res);
    if (project && pipeline) {
      res.json(pipelineJson(originOf(req), project, pipeline));
    }
  });

  router.post('/projects/:id/pipelines/:pipelineId/retry', (req, res) => {
    const project = visibleProject(model, req, res);
    const pipeline = project && findPipeline(model, project, req, res);
    if (!project || !pipeline || !requireDeveloper(res)) return;
    model.retry(pipeline);
    res.status(201).json(pipelineJson(originOf(req), project, pipeline));
  });

  router.use(mergeRequestRoutes(model));
  return router;
}
