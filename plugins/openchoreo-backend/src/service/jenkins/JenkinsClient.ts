import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { JenkinsConnection } from './jenkinsConfig';

// The fields the community Jenkins frontend shows, as the community backend asks for them.
const LAST_BUILD_TREE =
  'lastBuild[number,url,fullDisplayName,displayName,building,result,timestamp,duration,actions[*[*[*[*]]]]]';
const JOB_TREE = `actions[*],${LAST_BUILD_TREE},jobs{0,1},url,name,fullName,displayName,fullDisplayName,inQueue`;
const JOB_BUILDS_TREE =
  'name,description,url,fullName,displayName,fullDisplayName,inQueue,builds[*]';
const CALL_TIMEOUT_MS = 10_000;

type JenkinsAction = { _class?: string; [key: string]: any } | null;
type JenkinsObject = { actions?: JenkinsAction[]; [key: string]: any };

/**
 * The portal's calls to Jenkins with its own credentials, answering what the community Jenkins
 * backend answers (projects with status, source and tests). Only the routes of this plugin use
 * it, after the access check. A Jenkins 404 is a {@link NotFoundError} naming the job; Jenkins
 * refusing the portal's credentials or not answering is a {@link ServiceUnavailableError}.
 * Messages keep the community backend's `Jenkins API error <status>` form, which the frontend
 * reads to say what to do.
 */
export class JenkinsClient {
  constructor(private readonly connection: JenkinsConnection) {}

  /** The job (or each job of the folder) `job` names, with its last build. */
  async getProjects(job: string, branch?: string): Promise<JenkinsObject[]> {
    if (branch) {
      const one = await this.json(
        job,
        `${jobPath(job)}/job/${encodeURIComponent(branch)}/api/json`,
        { tree: JOB_TREE },
      );
      return [augmentProject(one)];
    }
    const limit = this.connection.projectCountLimit;
    const folder = await this.json(job, `${jobPath(job)}/api/json`, {
      tree: `jobs[${JOB_TREE}]{0,${limit}}`,
    });
    if (!folder.jobs) {
      const standalone = await this.json(job, `${jobPath(job)}/api/json`, {
        tree: `${JOB_TREE}{0,${limit}}`,
      });
      return [augmentProject(standalone)];
    }
    return (folder.jobs as JenkinsObject[]).map(augmentProject);
  }

  /** One build of `job`, with its status, source and tests. */
  async getBuild(job: string, buildNumber: number): Promise<JenkinsObject> {
    const project = await this.json(job, `${jobPath(job)}/api/json`, {
      depth: '1',
    });
    const build = await this.json(
      job,
      `${jobPath(job)}/${buildNumber}/api/json`,
      {},
      `build #${buildNumber} of `,
    );
    return augmentBuild(build, scmOf(project));
  }

  /** `job` with its build history. */
  async getJobBuilds(job: string): Promise<JenkinsObject> {
    return this.json(job, `${jobPath(job)}/api/json`, {
      tree: JOB_BUILDS_TREE,
    });
  }

  /** The console text of one build. */
  async getConsoleText(job: string, buildNumber: number): Promise<string> {
    const response = await this.call(
      job,
      `${jobPath(job)}/${buildNumber}/consoleText`,
      'GET',
      `build #${buildNumber} of `,
    );
    return response.text();
  }

  /** Replays build `buildNumber` of `job` (Pipeline `replay/rebuild`, as the community backend does). */
  async rebuild(job: string, buildNumber: number): Promise<void> {
    await this.call(
      job,
      `${jobPath(job)}/${buildNumber}/replay/rebuild`,
      'POST',
      `build #${buildNumber} of `,
    );
  }

  private async json(
    job: string,
    path: string,
    query: Record<string, string>,
    what = '',
  ): Promise<JenkinsObject> {
    const search = new URLSearchParams(query).toString();
    const response = await this.call(
      job,
      `${path}${search ? `?${search}` : ''}`,
      'GET',
      what,
    );
    return (await response.json()) as JenkinsObject;
  }

  private async call(
    job: string,
    path: string,
    method: 'GET' | 'POST',
    what: string,
  ): Promise<Response> {
    const { baseUrl, headers } = this.connection;
    const url = `${baseUrl}/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Accept: 'application/json', ...headers },
        // Jenkins answers a replay with a redirect to the job page: done, nothing to follow.
        redirect: 'manual',
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ServiceUnavailableError(
        `Could not reach Jenkins at ${baseUrl} (${
          cause ?? (error as Error).message
        }): request to ${baseUrl} failed. Check jenkins.baseUrl (JENKINS_BASE_URL) and that Jenkins is running.`,
      );
    }
    if (response.status === 404) {
      throw new NotFoundError(
        `Jenkins API error 404: Jenkins has no ${what}job "${job}". Check the component's jenkins.io/job-full-name annotation, or refresh the page if the build was deleted.`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new ServiceUnavailableError(
        `Jenkins API error ${response.status} ${method} ${what}job "${job}": Jenkins refused the portal's credentials. Check jenkins.username and jenkins.apiKey (JENKINS_USERNAME, JENKINS_API_KEY) and the user's Job/Read and Job/Build permissions.`,
      );
    }
    if (response.status >= 400) {
      throw new ServiceUnavailableError(
        `Jenkins API error ${response.status} ${method} ${what}job "${job}": ${(
          await response.text()
        ).slice(0, 200)}`,
      );
    }
    return response;
  }
}

/** `job/a/job/b` for `a/b`. */
function jobPath(job: string): string {
  const names = job.split('/');
  if (names.some(name => name === '' || name === '.' || name === '..')) {
    throw new InputError(
      `"${job}" is not a Jenkins job full name: job names separated by "/", none empty, "." or "..".`,
    );
  }
  return names.map(name => `job/${encodeURIComponent(name)}`).join('/');
}

function augmentProject(project: JenkinsObject): JenkinsObject {
  let status: string;
  if (project.inQueue) status = 'queued';
  else if (!project.lastBuild) status = 'build not found';
  else if (project.lastBuild.building) status = 'running';
  else status = project.lastBuild.result ?? 'unknown';
  return {
    ...project,
    lastBuild: project.lastBuild
      ? augmentBuild(project.lastBuild, scmOf(project))
      : null,
    status,
  };
}

interface ScmInfo {
  url?: string;
  displayName?: string;
  author?: string;
}

function augmentBuild(build: JenkinsObject, scm?: ScmInfo): JenkinsObject {
  const actions = build.actions ?? [];
  const source: Record<string, unknown> =
    actions
      .filter(a => a?._class === 'hudson.plugins.git.util.BuildData')
      .map(a => {
        const [first] = Object.values(a!.buildsByBranchName) as any[];
        const branch = first.revision.branch[0];
        return {
          branchName: branch.name,
          commit: { hash: String(branch.SHA1).substring(0, 8) },
        };
      })
      .pop() ?? {};
  if (scm) Object.assign(source, scm);
  const status = build.building ? 'running' : build.result ?? 'unknown';
  const tests = actions
    .filter(a => a?._class === 'hudson.tasks.junit.TestResultAction')
    .map(a => ({
      total: a!.totalCount,
      passed: a!.totalCount - a!.failCount - a!.skipCount,
      skipped: a!.skipCount,
      failed: a!.failCount,
      testUrl: `${build.url}${a!.urlName}/`,
    }))
    .pop();
  return { ...build, status, source, tests };
}

function scmOf(project: JenkinsObject): ScmInfo | undefined {
  const actions = project.actions ?? [];
  const scm: ScmInfo | undefined = actions
    .filter(a => a?._class === 'jenkins.scm.api.metadata.ObjectMetadataAction')
    .map(a => ({ url: a!.objectUrl, displayName: a!.objectDisplayName }))
    .pop();
  if (!scm) return undefined;
  const author = actions
    .filter(
      a => a?._class === 'jenkins.scm.api.metadata.ContributorMetadataAction',
    )
    .map(a => a!.contributorDisplayName)
    .pop();
  if (author) scm.author = author;
  return scm;
}
