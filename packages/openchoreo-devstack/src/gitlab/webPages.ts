import { Router } from 'express';
import { htmlPage } from '../emulatorKit';
import { GitLabModel } from './model';

/**
 * Minimal pages at the `web_url`s the API returns (`/<path>/-/pipelines/<id>`,
 * `/<path>/-/merge_requests/<iid>`, the project), so the portal's links lead somewhere.
 */
export function createGitLabWebPages(model: GitLabModel): Router {
  const router = Router();
  router.get(
    /^\/(.+?)\/-\/(pipelines|merge_requests)\/(\d+)$/,
    (req, res, next) => {
      const [path, kind, id] = [
        req.params[0],
        req.params[1],
        Number(req.params[2]),
      ];
      const project = model.find(path);
      const pipeline =
        kind === 'pipelines'
          ? project?.pipelines.find(p => p.id === id)
          : undefined;
      const mr =
        kind === 'merge_requests'
          ? project?.mergeRequests.find(m => m.iid === id)
          : undefined;
      if (!project || (!pipeline && !mr)) {
        next();
        return;
      }
      const detail = pipeline
        ? `Pipeline #${pipeline.id} on ${pipeline.ref}: ${pipeline.status}`
        : `!${mr!.iid} ${mr!.title}: ${mr!.sourceBranch} into ${
            mr!.targetBranch
          }, ${mr!.state}`;
      res
        .type('text/html')
        .send(htmlPage('GitLab', project.pathWithNamespace, detail));
    },
  );
  router.get(/^\/([^_].*[^/])$/, (req, res, next) => {
    const project = model.find(req.params[0]);
    if (!project || !req.params[0].includes('/')) {
      next();
      return;
    }
    res
      .type('text/html')
      .send(
        htmlPage(
          'GitLab',
          project.pathWithNamespace,
          project.description ?? '',
        ),
      );
  });
  return router;
}
