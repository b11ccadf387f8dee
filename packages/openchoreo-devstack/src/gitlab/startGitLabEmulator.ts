import express, { ErrorRequestHandler } from 'express';
import { requestLog } from '../api/requestLog';
import { listen } from '../emulatorKit';
import { gitlabAuth, Throttle } from './auth';
import {
  createGitLabControlRouter,
  GITLAB_CONTROL_PREFIX,
} from './controlRoutes';
import { GitLabModel } from './model';
import { createGitLabRouter } from './routes';
import {
  DEFAULT_GITLAB_TOKEN_VALUES,
  DEFAULT_GITLAB_TOKENS,
  defaultSeedProjects,
} from './seedProjects';
import { GitLabEmulator, GitLabEmulatorOptions } from './types';
import { createGitLabWebPages } from './webPages';

const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (error?.type === 'entity.parse.failed') {
    res.status(400).json({ error: '400 Bad request - invalid JSON' });
    return;
  }
  next(error);
};

/**
 * Starts an HTTP server that answers the GitLab REST v4 calls of pipeline visibility (list, get,
 * retry) and of GitOps release merge requests, under `/api/v4`, with token auth.
 */
export async function startGitLabEmulator(
  options: GitLabEmulatorOptions = {},
): Promise<GitLabEmulator> {
  const model = new GitLabModel(options.projects ?? defaultSeedProjects(), {
    pipelineDurationMs: options.pipelineDurationMs ?? 5000,
  });
  const throttle = new Throttle();
  const setRateLimitExhausted = (exhausted: boolean) => {
    throttle.exhausted = exhausted;
  };

  const app = express();
  app.disable('x-powered-by');
  if (options.logger) app.use(requestLog(options.logger));
  app.use(
    GITLAB_CONTROL_PREFIX,
    createGitLabControlRouter(model, setRateLimitExhausted),
  );
  app.use(
    '/api/v4',
    gitlabAuth(options.tokens ?? DEFAULT_GITLAB_TOKENS, throttle),
    createGitLabRouter(model),
    (_req, res) => {
      res.status(404).json({ error: '404 Not Found' });
    },
  );
  app.use(createGitLabWebPages(model));
  app.use((_req, res) => {
    res.status(404).type('text/html').send('<h1>404 Page Not Found</h1>');
  });
  app.use(jsonErrors);

  const server = await listen(app, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  const pipelineOf = (project: string | number, id: number) => {
    const record = model.require(project);
    const pipeline = model.findPipeline(record, id);
    if (!pipeline) {
      throw new Error(`No pipeline ${id} in ${record.pathWithNamespace}`);
    }
    return pipeline;
  };

  return {
    url: server.url,
    apiUrl: `${server.url}/api/v4`,
    tokens: DEFAULT_GITLAB_TOKEN_VALUES,
    addProject: seed => {
      model.addProject(seed);
    },
    addPipeline(project, pipeline) {
      const record = model.require(project);
      const added = model.addPipeline(record, pipeline);
      return {
        id: added.id,
        iid: added.iid,
        webUrl: `${server.url}/${record.pathWithNamespace}/-/pipelines/${added.id}`,
      };
    },
    completePipeline(project, pipelineId, status) {
      model.completePipeline(pipelineOf(project, pipelineId), status);
    },
    setRateLimitExhausted,
    mergeRequests(project) {
      const record = model.require(project);
      return [...record.mergeRequests].reverse().map(mr => ({
        iid: mr.iid,
        title: mr.title,
        description: mr.description,
        sourceBranch: mr.sourceBranch,
        targetBranch: mr.targetBranch,
        state: mr.state,
        webUrl: `${server.url}/${record.pathWithNamespace}/-/merge_requests/${mr.iid}`,
      }));
    },
    mergeMergeRequest(project, iid) {
      const record = model.require(project);
      const mr = record.mergeRequests.find(m => m.iid === iid);
      if (!mr) {
        throw new Error(
          `No merge request !${iid} in ${record.pathWithNamespace}`,
        );
      }
      model.merge(mr);
    },
    async close() {
      model.dispose();
      await server.close();
    },
  };
}
