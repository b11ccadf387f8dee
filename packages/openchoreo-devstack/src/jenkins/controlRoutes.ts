import express, { Router } from 'express';
import { bodyText, refuse } from '../emulatorKit';
import { buildUrl } from './buildJson';
import { JenkinsModel } from './model';
import { badItemName, itemUrl } from './names';
import { JenkinsBuildResult } from './types';

/** The emulator's own prefix for test control; nothing of Jenkins' lives under it. */
export const JENKINS_CONTROL_PREFIX = '/_devstack';

const RESULTS: JenkinsBuildResult[] = [
  'SUCCESS',
  'FAILURE',
  'UNSTABLE',
  'ABORTED',
];

const COMMIT = /^[0-9a-f]{7,40}$/;

/** The job full name's segments, or why it is not one. */
function fullNameOf(value: string | undefined): string[] | string {
  const names = (value ?? '').split('/');
  if (!value || names.some(name => name === '')) {
    return `full_name must be folders and a name separated by "/", e.g. "demo-project/my-service"; got '${
      value ?? ''
    }'`;
  }
  return names.map(badItemName).find(Boolean) ?? names;
}

/**
 * Test control over HTTP, for tests and end-to-end journeys in another process (no auth; the
 * emulator listens on loopback):
 * `POST /_devstack/jobs` `{full_name, repository_url?, branch?, description?, type?}` creates a
 * job without builds (and its missing folders);
 * `POST /_devstack/jobs/{full name}/builds` `{result?, commit?, branch?, duration_ms?}` adds a
 * build that has just finished with `result` (SUCCESS, FAILURE, UNSTABLE, ABORTED), or, without
 * a result, starts one that runs for the emulator's build duration.
 */
export function createJenkinsControlRouter(
  model: JenkinsModel,
  baseUrl: () => string,
): Router {
  const router = Router();
  router.use(express.json());

  router.post('/jobs', (req, res) => {
    const names = fullNameOf(bodyText(req.body, 'full_name'));
    if (typeof names === 'string') {
      refuse(res, 422, names);
      return;
    }
    const type = bodyText(req.body, 'type') ?? 'pipeline';
    if (type !== 'pipeline' && type !== 'freestyle') {
      refuse(res, 422, "type must be 'pipeline' or 'freestyle'");
      return;
    }
    const fullName = names.join('/');
    const existing = model.find(names);
    if (existing) {
      refuse(
        res,
        409,
        `Jenkins already has a ${existing.kind} named '${fullName}'`,
      );
      return;
    }
    try {
      const job = model.addJob({
        fullName,
        type,
        description: bodyText(req.body, 'description'),
        repositoryUrl:
          bodyText(req.body, 'repository_url') ??
          'https://github.com/openchoreo/sample-workloads.git',
        branch: bodyText(req.body, 'branch'),
        builds: [],
      });
      res
        .status(201)
        .json({ full_name: job.fullName, url: itemUrl(baseUrl(), job) });
    } catch (error) {
      refuse(res, 409, (error as Error).message);
    }
  });

  router.post(/^\/jobs\/(.+)\/builds$/, (req, res) => {
    const fullName = decodeURIComponent(req.params[0]);
    const job = model.find(fullName);
    if (!job || job.kind !== 'job') {
      refuse(
        res,
        404,
        `No Jenkins job named '${fullName}'; create it with POST ${JENKINS_CONTROL_PREFIX}/jobs`,
      );
      return;
    }
    const result = req.body?.result;
    if (result !== undefined && !RESULTS.includes(result)) {
      refuse(
        res,
        422,
        `result must be one of ${RESULTS.join(
          ', ',
        )} (or absent for a running build)`,
      );
      return;
    }
    const commit = bodyText(req.body, 'commit');
    if (commit !== undefined && !COMMIT.test(commit)) {
      refuse(res, 422, 'commit must be 7 to 40 lower-case hex digits');
      return;
    }
    const durationMs = req.body?.duration_ms;
    if (
      durationMs !== undefined &&
      !(Number.isInteger(durationMs) && durationMs >= 0)
    ) {
      refuse(res, 422, 'duration_ms must be a whole number of milliseconds');
      return;
    }
    const branch = bodyText(req.body, 'branch');
    const build =
      result === undefined
        ? model.startBuild(job, { commit, branch })
        : model.addFinishedBuild(job, { result, commit, branch, durationMs });
    res.status(201).json({
      number: build.number,
      url: buildUrl(baseUrl(), job, build),
      building: build.building,
      result: build.result,
    });
  });
  return router;
}
