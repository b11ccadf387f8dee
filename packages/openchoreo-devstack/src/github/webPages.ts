import { Router } from 'express';
import { htmlPage } from '../emulatorKit';
import { GitHubModel } from './model';

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
      res.type('text/html').send(htmlPage('GitHub', repo.fullName, detail));
    },
  );
  return router;
}
