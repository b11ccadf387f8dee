import express, { ErrorRequestHandler } from 'express';
import { requestLog } from '../api/requestLog';
import { listen } from '../emulatorKit';
import { githubAuth, RateLimits } from './auth';
import {
  createGitHubControlRouter,
  GITHUB_CONTROL_PREFIX,
} from './controlRoutes';
import { sendGitHubError } from './errors';
import { GitHubModel } from './model';
import { createGitHubRouter } from './routes';
import {
  DEFAULT_GITHUB_TOKEN_VALUES,
  DEFAULT_GITHUB_TOKENS,
  defaultSeedRepositories,
} from './seedRepositories';
import { GitHubEmulator, GitHubEmulatorOptions } from './types';
import { createGitHubWebPages } from './webPages';

const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (error?.type === 'entity.parse.failed') {
    sendGitHubError(res, 400, 'Problems parsing JSON');
    return;
  }
  next(error);
};

/**
 * Starts an HTTP server that answers the GitHub REST calls of GitHub Actions visibility (runs,
 * jobs, re-run) and of GitOps release pull requests, at `/` (api.github.com style) and under
 * `/api/v3` (GitHub Enterprise Server style), with token auth and rate limits.
 */
export async function startGitHubEmulator(
  options: GitHubEmulatorOptions = {},
): Promise<GitHubEmulator> {
  const model = new GitHubModel(
    options.repositories ?? defaultSeedRepositories(),
    { runDurationMs: options.runDurationMs ?? 5000 },
  );
  const limits = new RateLimits(options.rateLimit ?? 5000);
  const setRateLimitExhausted = (exhausted: boolean) => {
    limits.exhausted = exhausted;
  };

  const app = express();
  app.disable('x-powered-by');
  if (options.logger) app.use(requestLog(options.logger));
  app.use((_req, res, next) => {
    res.setHeader('x-github-api-version-selected', '2022-11-28');
    next();
  });
  app.use(
    GITHUB_CONTROL_PREFIX,
    createGitHubControlRouter(model, setRateLimitExhausted),
  );
  app.use(createGitHubWebPages(model));
  app.use(githubAuth(options.tokens ?? DEFAULT_GITHUB_TOKENS, limits));
  const api = createGitHubRouter(model);
  app.use('/api/v3', api);
  app.use(api);
  app.use((_req, res) => sendGitHubError(res, 404, 'Not Found'));
  app.use(jsonErrors);

  const server = await listen(app, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  const ref = (repository: string, runId: number) => {
    const repo = model.require(repository);
    const run = model.findRun(repo, runId);
    if (!run) {
      throw new Error(`No workflow run ${runId} in ${repo.fullName}`);
    }
    return { repo, run };
  };

  return {
    url: server.url,
    enterpriseApiUrl: `${server.url}/api/v3`,
    tokens: DEFAULT_GITHUB_TOKEN_VALUES,
    addRepository: seed => {
      model.addRepository(seed);
    },
    addRun(repository, run) {
      const repo = model.require(repository);
      const record = model.addRun(repo, run);
      return {
        id: record.id,
        runNumber: record.runNumber,
        htmlUrl: `${server.url}/${repo.fullName}/actions/runs/${record.id}`,
      };
    },
    completeRun(repository, runId, conclusion) {
      model.completeRun(ref(repository, runId).run, conclusion);
    },
    setRateLimitExhausted,
    pullRequests(repository) {
      const repo = model.require(repository);
      return [...repo.pulls].reverse().map(pull => ({
        number: pull.number,
        title: pull.title,
        body: pull.body,
        head: pull.head,
        base: pull.base,
        state: pull.state,
        merged: pull.mergedAt !== null,
        htmlUrl: `${server.url}/${repo.fullName}/pull/${pull.number}`,
      }));
    },
    mergePullRequest(repository, pullNumber) {
      const repo = model.require(repository);
      const pull = repo.pulls.find(p => p.number === pullNumber);
      if (!pull) {
        throw new Error(`No pull request #${pullNumber} in ${repo.fullName}`);
      }
      model.mergePull(pull);
    },
    async close() {
      model.dispose();
      await server.close();
    },
  };
}
