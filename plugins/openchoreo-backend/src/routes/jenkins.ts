import Router from 'express-promise-router';
import type express from 'express';
import { InputError, NotAllowedError } from '@backstage/errors';
import { openchoreoWorkflowRunReadPermission } from '@openchoreo-ci/plugin-openchoreo-common';
import { z } from 'zod';
import type { JenkinsAccess } from '../service/jenkins/jenkinsAccess';
import type { JenkinsClient } from '../service/jenkins/JenkinsClient';
import type { Access } from './access';
import { dnsLabel, parseOrThrow } from './validation';

const entityParams = z.object({
  namespace: dnsLabel,
  kind: z
    .string()
    .regex(
      /^component$/i,
      'must be "component": only components have Jenkins jobs',
    ),
  component: dnsLabel,
});
const buildNumber = z
  .string()
  .regex(/^\d{1,10}$/, 'must be a build number')
  .transform(Number);

/**
 * The community Jenkins frontend's routes (`/jenkins/v1/entity/:namespace/:kind/:name/...`),
 * served with the portal's Jenkins credentials only after OpenChoreo's access rule: reads when
 * the person may see the component, a rebuild when they may start a build of it, and only ever
 * for the job the component's `jenkins.io/job-full-name` names.
 */
export function createJenkinsRoutes(options: {
  access: Access;
  jenkinsAccess: JenkinsAccess;
  /** Undefined when `jenkins.*` is not configured. */
  jenkins: JenkinsClient | undefined;
}): express.Router {
  const { access, jenkinsAccess } = options;
  const router = Router();
  const base = '/jenkins/v1/entity/:namespace/:kind/:component';

  /** Checks the caller and the component, and returns the component's own job. */
  async function target(req: express.Request, rebuild = false) {
    const { namespace, component } = parseOrThrow(
      entityParams,
      req.params,
      'path',
    );
    req.params.component = component;
    const { credentials } = await access.authorizeComponent(
      req,
      openchoreoWorkflowRunReadPermission,
    );
    const job = await jenkinsAccess.jobOf(namespace, component);
    if (!job) {
      throw new InputError(
        `Component "${namespace}/${component}" has no jenkins.io/job-full-name annotation: add it (Edit Annotations) to see its Jenkins builds.`,
      );
    }
    const jenkins = options.jenkins;
    if (!jenkins) {
      throw new InputError(
        'Jenkins is not configured in the portal: set jenkins.baseUrl, jenkins.username and jenkins.apiKey (JENKINS_BASE_URL, JENKINS_USERNAME, JENKINS_API_KEY).',
      );
    }
    const named = req.params.jobFullName;
    // Reads may open a job inside the component's folder (the folder's projects list shows
    // them); a rebuild names exactly the component's job.
    const bound =
      named === undefined ||
      named === job ||
      (!rebuild && named.startsWith(`${job}/`));
    if (!bound) {
      throw new NotAllowedError(
        `Jenkins job "${named}" is not the job of component "${namespace}/${component}" (its jenkins.io/job-full-name is "${job}"): the portal ${
          rebuild ? 'rebuilds' : 'serves'
        } only the component's own job.`,
      );
    }
    return { namespace, component, job: named ?? job, jenkins, credentials };
  }

  router.get(`${base}/projects`, async (req, res) => {
    const { job, jenkins } = await target(req);
    const branch =
      typeof req.query.branch === 'string' ? req.query.branch : undefined;
    res.json({ projects: await jenkins.getProjects(job, branch) });
  });

  router.get(`${base}/job/:jobFullName`, async (req, res) => {
    const { job, jenkins } = await target(req);
    res.json({ build: await jenkins.getJobBuilds(job) });
  });

  router.get(`${base}/job/:jobFullName/:buildNumber`, async (req, res) => {
    const { job, jenkins } = await target(req);
    const number = parseOrThrow(buildNumber, req.params.buildNumber, 'path');
    res.json({ build: await jenkins.getBuild(job, number) });
  });

  router.get(
    `${base}/job/:jobFullName/:buildNumber/consoleText`,
    async (req, res) => {
      const { job, jenkins } = await target(req);
      const number = parseOrThrow(buildNumber, req.params.buildNumber, 'path');
      res.json({ consoleText: await jenkins.getConsoleText(job, number) });
    },
  );

  router.post(`${base}/job/:jobFullName/:buildNumber`, async (req, res) => {
    const { namespace, component, job, jenkins, credentials } = await target(
      req,
      true,
    );
    const number = parseOrThrow(buildNumber, req.params.buildNumber, 'path');
    await jenkinsAccess.assertMayBuild(namespace, component, credentials);
    await jenkins.rebuild(job, number);
    res.status(201).json({ job, rebuilt: number });
  });

  return router;
}
