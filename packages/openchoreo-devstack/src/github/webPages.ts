import { Router } from 'express';
import { GitHubModel } from './model';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

const page = (title: string, detail: string) =>
  `<!doctype html><html><head><title>${escape(
    title,
  )}</title></head><body><h1>${escape(title)}</h1><p>${escape(
    detail,
  )}</p><p>GitHub emulator of the OpenChoreo devstack</p></body></html>`;

/**
 * Minimal pages at the `html_url`s the API returns (repository, run, job, pull request), so the
 * portal's links lead somewhere in the devstack.
 */
export function createGitHubWebPages(model: GitHubModel): Router {
  const router = Router();
  router.get(
    [
      '/:owner/:repo',
      '/:owner/:repo/actions/runs/:runId',
      '/:owner/:repo/actions/runs/:runId/job/:jobId',
      '/:owner/:repo/pull/:number',
    ],
    (req, res, next) => {
      const repo = model.find(req.params.owner, req.params.repo);
      if (!repo) {
        next();
        return;
      }
      const run = req.params.runId
        ? model.findRun(repo, Number(req.params.runId))
        : undefined;
      const pull = req.params.number
        ? repo.pulls.find(p => p.number === Number(req.params.number))
        : undefined;
      let detail = repo.description ?? '';
      if (run) {
        detail = `${run.workflow.name} #${run.runNumber} (attempt ${
          run.runAttempt
        }) on ${run.headBranch}: ${run.status}${
          run.conclusion ? ` (${run.conclusion})` : ''
        }`;
      } else if (pull) {
        detail = `#${pull.number} ${pull.title}: ${pull.head} into ${
          pull.base
        }, ${pull.mergedAt ? 'merged' : pull.state}`;
      } else if (req.params.runId || req.params.number) {
        next();
        return;
      }
      res.type('text/html').send(page(repo.fullName, detail));
    },
  );
  return router;
}
