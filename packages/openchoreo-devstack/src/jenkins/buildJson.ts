import { BuildRecord, JenkinsModel, JobRecord } from './model';
import { buildClass, fullDisplayName, itemUrl } from './names';

type Json = Record<string, unknown>;

function revision(job: JobRecord, build: BuildRecord): Json {
  return {
    _class: 'hudson.plugins.git.Revision',
    SHA1: build.commit,
    branch: [
      {
        _class: 'hudson.plugins.git.Branch',
        SHA1: build.commit,
        name: `refs/remotes/origin/${JenkinsModel.branchOf(job, build)}`,
      },
    ],
  };
}

function buildActions(job: JobRecord, build: BuildRecord): Json[] {
  const actions: Json[] = [
    { _class: 'hudson.model.CauseAction', causes: [{ ...build.cause }] },
  ];
  const parameters = Object.entries(build.parameters);
  if (parameters.length > 0) {
    actions.push({
      _class: 'hudson.model.ParametersAction',
      parameters: parameters.map(([name, value]) => ({
        _class: 'hudson.model.StringParameterValue',
        name,
        value,
      })),
    });
  }
  actions.push({
    _class: 'hudson.plugins.git.util.BuildData',
    buildsByBranchName: {
      [`refs/remotes/origin/${JenkinsModel.branchOf(job, build)}`]: {
        _class: 'hudson.plugins.git.util.Build',
        buildNumber: build.number,
        buildResult: null,
        marked: revision(job, build),
        revision: revision(job, build),
      },
    },
    lastBuiltRevision: revision(job, build),
    remoteUrls: [job.repositoryUrl],
    scmName: '',
  });
  if (build.tests) {
    actions.push({
      _class: 'hudson.tasks.junit.TestResultAction',
      failCount: build.tests.failed,
      skipCount: build.tests.skipped,
      totalCount: build.tests.total,
      urlName: 'testReport',
    });
  }
  return actions;
}

/** Absolute URL of a build, e.g. `.../job/a/job/b/7/`. */
export function buildUrl(
  baseUrl: string,
  job: JobRecord,
  build: BuildRecord,
): string {
  return `${itemUrl(baseUrl, job)}${build.number}/`;
}

/** `{_class, number, url}`, as Jenkins links a build from elsewhere. */
export function buildRef(baseUrl: string, job: JobRecord, build?: BuildRecord) {
  if (!build) return null;
  return {
    _class: buildClass(job),
    number: build.number,
    url: buildUrl(baseUrl, job, build),
  };
}

/** A build as `/job/.../N/api/json` returns it. */
export function buildJson(
  baseUrl: string,
  job: JobRecord,
  build: BuildRecord,
): Json {
  const index = job.builds.indexOf(build);
  return {
    _class: buildClass(job),
    actions: buildActions(job, build),
    artifacts: [],
    building: build.building,
    description: null,
    displayName: `#${build.number}`,
    duration: build.durationMs,
    estimatedDuration: job.builds[index - 1]?.durationMs || 60_000,
    executor: null,
    fullDisplayName: `${fullDisplayName(job)} #${build.number}`,
    id: String(build.number),
    keepLog: false,
    number: build.number,
    queueId: build.queueId,
    result: build.result,
    timestamp: build.timestamp,
    url: buildUrl(baseUrl, job, build),
    changeSets: [],
    culprits: [],
    inProgress: build.building,
    nextBuild: buildRef(baseUrl, job, job.builds[index + 1]),
    previousBuild: buildRef(baseUrl, job, job.builds[index - 1]),
  };
}
