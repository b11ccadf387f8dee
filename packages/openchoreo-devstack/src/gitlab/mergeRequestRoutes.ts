import { Request, Response, Router } from 'express';
import { callerOf } from './auth';
import { mergeRequestJson } from './json';
import { GitLabModel } from './model';
import {
  enumParam,
  originOf,
  requireDeveloper,
  sendPage,
  visibleProject,
} from './requestHelpers';

const STATES = ['opened', 'closed', 'locked', 'merged', 'all'] as const;

/** A parameter from the JSON or form body, or the query string: GitLab reads all three. */
function param(req: Request, name: string): string | undefined {
  const value =
    (req.body as Record<string, unknown> | undefined)?.[name] ??
    req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function createMergeRequest(model: GitLabModel, req: Request, res: Response) {
  const project = visibleProject(model, req, res);
  if (!project || !requireDeveloper(res)) return;
  const fields = ['source_branch', 'target_branch', 'title'] as const;
  const [sourceBranch, targetBranch, title] = fields.map(name =>
    param(req, name),
  );
  const missing = fields.filter(name => !param(req, name));
  if (!sourceBranch || !targetBranch || !title) {
    res
      .status(400)
      .json({ error: missing.map(name => `${name} is missing`).join(', ') });
    return;
  }
  if (sourceBranch === targetBranch) {
    res.status(422).json({
      message: ["You can't use same project/branch for source and target"],
    });
    return;
  }
  const open = project.mergeRequests.find(
    mr =>
      mr.state === 'opened' &&
      mr.sourceBranch === sourceBranch &&
      mr.targetBranch === targetBranch,
  );
  if (open) {
    res.status(409).json({
      message: [
        `Another open merge request already exists for this source branch: !${open.iid}`,
      ],
    });
    return;
  }
  const caller = callerOf(res);
  const mergeRequest = model.openMergeRequest(
    project,
    {
      title,
      description: param(req, 'description') ?? '',
      sourceBranch,
      targetBranch,
    },
    caller.kind === 'user' ? caller.username : 'ghost',
  );
  res.status(201).json(mergeRequestJson(originOf(req), project, mergeRequest));
}

/**
 * `GET` and `POST /projects/:id/merge_requests`: the calls of a GitOps publisher that opens a
 * release merge request. The list's `state` defaults to `all`, as on GitLab.
 */
export function mergeRequestRoutes(model: GitLabModel): Router {
  const router = Router();
  router.get('/projects/:id/merge_requests', (req, res) => {
    const project = visibleProject(model, req, res);
    if (!project) return;
    const state = enumParam(req, res, 'state', STATES);
    if (state === null) return;
    const source = param(req, 'source_branch');
    const target = param(req, 'target_branch');
    const list = project.mergeRequests
      .filter(
        mr =>
          (!state || state === 'all' || mr.state === state) &&
          (!source || mr.sourceBranch === source) &&
          (!target || mr.targetBranch === target),
      )
      .sort((a, b) => b.createdAt - a.createdAt || b.iid - a.iid);
    sendPage(req, res, list, mr =>
      mergeRequestJson(originOf(req), project, mr),
    );
  });
  router.post('/projects/:id/merge_requests', (req, res) =>
    createMergeRequest(model, req, res),
  );
  return router;
}
