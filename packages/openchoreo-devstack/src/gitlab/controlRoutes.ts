import express, { Request, Response, Router } from 'express';
import { bodyText, rateLimitControl, refuse } from '../emulatorKit';
import { pipelineJson } from './json';
import { GitLabModel } from './model';
import { originOf } from './requestHelpers';
import { NewPipeline } from './types';

/** The emulator's own prefix for test control; nothing of GitLab's lives under it. */
export const GITLAB_CONTROL_PREFIX = '/_devstack';

const FINAL = ['success', 'failed', 'canceled'] as const;

function projectOf(model: GitLabModel, req: Request, res: Response) {
  const project = model.find(req.params.id);
  if (!project) {
    refuse(
      res,
      404,
      `No project ${req.params.id}; add it with POST ${GITLAB_CONTROL_PREFIX}/projects`,
    );
  }
  return project;
}

/**
 * Test control over HTTP, for tests and end-to-end journeys in another process (no auth; the
 * emulator listens on loopback). `:id` is the numeric id or the URL-encoded path:
 * `POST /_devstack/projects` `{path_with_namespace, id?, visibility?, default_branch?}`,
 * `POST /_devstack/projects/:id/pipelines` `{ref?, sha?, source?, user?, status?}`,
 * `POST /_devstack/projects/:id/pipelines/:pipelineId/complete` `{status: success|failed|canceled}`,
 * `POST /_devstack/projects/:id/merge_requests/:iid/merge`,
 * `PUT /_devstack/rate-limit` `{exhausted: boolean}`.
 */
export function createGitLabControlRouter(
  model: GitLabModel,
  setRateLimitExhausted: (exhausted: boolean) => void,
): Router {
  const router = Router();
  router.use(express.json());

  router.post('/projects', (req, res) => {
    const visibility = bodyText(req.body, 'visibility');
    if (visibility && !['public', 'internal', 'private'].includes(visibility)) {
      refuse(res, 422, "visibility must be 'public', 'internal' or 'private'");
      return;
    }
    try {
      const project = model.addProject({
        pathWithNamespace: bodyText(req.body, 'path_with_namespace') ?? '',
        id: typeof req.body?.id === 'number' ? req.body.id : undefined,
        visibility: visibility as 'public' | 'internal' | 'private' | undefined,
        defaultBranch: bodyText(req.body, 'default_branch'),
        description: bodyText(req.body, 'description'),
      });
      res.status(201).json({
        id: project.id,
        path_with_namespace: project.pathWithNamespace,
      });
    } catch (error) {
      refuse(res, 422, (error as Error).message);
    }
  });

  router.post('/projects/:id/pipelines', (req, res) => {
    const project = projectOf(model, req, res);
    if (!project) return;
    const status = bodyText(req.body, 'status');
    if (status && !['created', 'pending', 'running'].includes(status)) {
      refuse(res, 422, "status must be 'created', 'pending' or 'running'");
      return;
    }
    const pipeline = model.addPipeline(project, {
      ref: bodyText(req.body, 'ref'),
      sha: bodyText(req.body, 'sha'),
      source: bodyText(req.body, 'source'),
      user: bodyText(req.body, 'user'),
      status: status as NewPipeline['status'],
    });
    res.status(201).json(pipelineJson(originOf(req), project, pipeline));
  });

  router.post('/projects/:id/pipelines/:pipelineId/complete', (req, res) => {
    const project = projectOf(model, req, res);
    if (!project) return;
    const pipeline = model.findPipeline(project, Number(req.params.pipelineId));
    if (!pipeline) {
      refuse(
        res,
        404,
        `No pipeline ${req.params.pipelineId} in ${project.pathWithNamespace}`,
      );
      return;
    }
    const status = bodyText(req.body, 'status') as (typeof FINAL)[number];
    if (!FINAL.includes(status)) {
      refuse(res, 422, `status must be one of ${FINAL.join(', ')}`);
      return;
    }
    try {
      model.completePipeline(pipeline, status);
    } catch (error) {
      refuse(res, 409, (error as Error).message);
      return;
    }
    res.json(pipelineJson(originOf(req), project, pipeline));
  });

  router.post('/projects/:id/merge_requests/:iid/merge', (req, res) => {
    const project = projectOf(model, req, res);
    if (!project) return;
    const mr = project.mergeRequests.find(
      m => m.iid === Number(req.params.iid),
    );
    if (!mr || mr.state !== 'opened') {
      refuse(
        res,
        404,
        `No open merge request !${req.params.iid} in ${project.pathWithNamespace}`,
      );
      return;
    }
    model.merge(mr);
    res.json({ iid: mr.iid, state: mr.state });
  });

  router.use(rateLimitControl(setRateLimitExhausted));
  return router;
}
