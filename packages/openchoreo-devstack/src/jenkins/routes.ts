import express, { Request, Response, Router } from 'express';
import { consoleText } from './consoleLog';
import { buildJson, buildRef } from './buildJson';
import { itemJson } from './itemJson';
import { itemUrl } from './names';
import { BuildRecord, JenkinsModel, JobRecord } from './model';
import { applyTree, parseTree, TreeSyntaxError } from './tree';

/** What the routes need besides the model. */
export interface JenkinsRouteContext {
  model: JenkinsModel;
  /** Base URL without trailing slash; known only once the server listens. */
  baseUrl(): string;
  crumb: string;
}

const CRUMB_FIELD = 'Jenkins-Crumb';
/** Depth used before `tree=` filtering: root, folder, job, build. */
const TREE_DEPTH = 3;

function notFound(res: Response) {
  res.status(404).type('text/html').send('<h2>HTTP ERROR 404 Not Found</h2>');
}

/** Sends a Stapler bean, honouring `?tree=` and `?depth=` like `/api/json` does. */
function sendApiJson(
  req: Request,
  res: Response,
  render: (depth: number) => unknown,
) {
  const { tree, depth } = req.query;
  if (typeof tree === 'string' && tree !== '') {
    try {
      res.json(applyTree(render(TREE_DEPTH), parseTree(tree)));
    } catch (error) {
      if (!(error instanceof TreeSyntaxError)) throw error;
      res.status(400).type('text/plain').send(error.message);
    }
    return;
  }
  res.json(render(Math.max(0, Number(depth) || 0)));
}

function findBuild(job: JobRecord, id: string): BuildRecord | undefined {
  const done = job.builds.filter(b => !b.building);
  const permalinks: Record<string, BuildRecord | undefined> = {
    lastBuild: job.builds.at(-1),
    lastCompletedBuild: done.at(-1),
    lastSuccessfulBuild: done.findLast(b => b.result === 'SUCCESS'),
    lastFailedBuild: done.findLast(b => b.result === 'FAILURE'),
  };
  if (id in permalinks) return permalinks[id];
  return /^[0-9]+$/.test(id)
    ? job.builds.find(b => b.number === Number(id))
    : undefined;
}

function requirePost(req: Request, res: Response): boolean {
  if (req.method === 'POST') return true;
  res.status(405).setHeader('Allow', 'POST').send('This URL requires POST');
  return false;
}

function stringParams(source: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(source ?? {})) {
    if (typeof value === 'string') params[key] = value;
  }
  return params;
}

function handleBuild(
  ctx: JenkinsRouteContext,
  job: JobRecord,
  build: BuildRecord,
  rest: string[],
  req: Request,
  res: Response,
) {
  const action = rest.join('/');
  if (action === '') {
    res.type('text/html').send(`<h1>${job.fullName} #${build.number}</h1>`);
  } else if (action === 'api/json') {
    sendApiJson(req, res, () => buildJson(ctx.baseUrl(), job, build));
  } else if (action === 'consoleText') {
    res.type('text/plain').send(consoleText(job, build));
  } else if (action === 'testReport/api/json' && build.tests) {
    const { total, failed, skipped } = build.tests;
    res.json({
      _class: 'hudson.tasks.junit.TestResult',
      duration: build.durationMs / 1000,
      empty: total === 0,
      failCount: failed,
      passCount: total - failed - skipped,
      skipCount: skipped,
      suites: [],
    });
  } else if (action === 'replay/rebuild' && job.type === 'pipeline') {
    if (!requirePost(req, res)) return;
    ctx.model.startBuild(job, {
      parameters: build.parameters,
      cause: ctx.model.replayCause(build),
    });
    res.redirect(302, itemUrl(ctx.baseUrl(), job));
  } else {
    notFound(res);
  }
}

function handleJobPath(ctx: JenkinsRouteContext, req: Request, res: Response) {
  const segments = req.path.split('/').filter(Boolean);
  const names: string[] = [];
  try {
    while (segments[0] === 'job' && segments.length >= 2) {
      names.push(decodeURIComponent(segments[1]));
      segments.splice(0, 2);
    }
  } catch {
    return res.status(400).send(`Malformed job path ${req.path}`);
  }
  const item = ctx.model.find(names);
  if (!item) return notFound(res);
  const [head, ...rest] = segments;
  if (head === undefined) {
    return res.type('text/html').send(`<h1>${item.fullName}</h1>`);
  }
  if (head === 'api' && rest.join('/') === 'json') {
    return sendApiJson(req, res, depth => itemJson(ctx.baseUrl(), item, depth));
  }
  if (item.kind !== 'job') return notFound(res);
  if (head === 'build' || head === 'buildWithParameters') {
    if (!requirePost(req, res)) return undefined;
    const parameters =
      head === 'buildWithParameters'
        ? { ...stringParams(req.query), ...stringParams(req.body) }
        : {};
    delete parameters.token;
    delete parameters.delay;
    const build = ctx.model.startBuild(item, { parameters });
    return res
      .status(201)
      .setHeader('Location', `${ctx.baseUrl()}/queue/item/${build.queueId}/`)
      .end();
  }
  const build = findBuild(item, head);
  if (!build) return notFound(res);
  return handleBuild(ctx, item, build, rest, req, res);
}

/** The subset of Jenkins' remote API that the Backstage Jenkins plugin uses. */
export function createJenkinsRouter(ctx: JenkinsRouteContext): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false }));

  // Jenkins exempts API-token requests from CSRF checks, so a crumb is not
  // required; one that is sent must still be the issued one.
  router.use((req, res, next) => {
    const crumb = req.header(CRUMB_FIELD);
    if (req.method === 'POST' && crumb !== undefined && crumb !== ctx.crumb) {
      res.status(403).send('No valid crumb was included in the request');
      return;
    }
    next();
  });

  router.get('/api/json', (req, res) =>
    sendApiJson(req, res, depth =>
      itemJson(ctx.baseUrl(), ctx.model.root, depth),
    ),
  );
  router.get('/crumbIssuer/api/json', (_req, res) => {
    res.json({
      _class: 'hudson.security.csrf.DefaultCrumbIssuer',
      crumb: ctx.crumb,
      crumbRequestField: CRUMB_FIELD,
    });
  });
  router.get('/queue/item/:id/api/json', (req, res) => {
    const entry = ctx.model.findQueueItem(Number(req.params.id));
    if (!entry) return notFound(res);
    return res.json({
      _class: 'hudson.model.Queue$LeftItem',
      id: entry.build.queueId,
      cancelled: false,
      executable: buildRef(ctx.baseUrl(), entry.job, entry.build),
      task: { name: entry.job.name, url: itemUrl(ctx.baseUrl(), entry.job) },
    });
  });
  router.all(/^\/job\//, (req, res) => handleJobPath(ctx, req, res));
  return router;
}
