// One table of CI environments and bad values, run through both the CLI and the curl script, so
// the two implementations of the provenance rules cannot drift apart.

/** A CI's standard environment and the provenance annotations it must produce. */
export interface CiEnvironmentCase {
  name: string;
  env: Record<string, string>;
  /** The provenance annotations, without published-at and publisher. */
  annotations: Record<string, string>;
}

/** The standard variables of a Jenkins build. */
export const JENKINS_ENV = {
  JENKINS_URL: 'https://jenkins.example.com/',
  BUILD_URL: 'https://jenkins.example.com/job/demo-project/job/orders/42/',
  BUILD_NUMBER: '42',
  JOB_NAME: 'demo-project/orders',
  GIT_COMMIT: 'ABC1234DEF5678ABC1234DEF5678ABC1234DEF56',
  GIT_BRANCH: 'origin/main',
};

/** The standard variables of a GitHub Actions run (second attempt). */
export const GITHUB_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.example.com',
  GITHUB_REPOSITORY: 'acme/orders',
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_NUMBER: '17',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_WORKFLOW: 'Build and publish',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF_NAME: 'release/1.2',
};

/** The standard variables of a GitLab CI pipeline. */
export const GITLAB_ENV = {
  GITLAB_CI: 'true',
  CI_PROJECT_PATH: 'acme/backend/orders',
  CI_PIPELINE_ID: '5550001',
  CI_PIPELINE_IID: '31',
  CI_PIPELINE_URL:
    'https://gitlab.example.com/acme/backend/orders/-/pipelines/5550001',
  CI_JOB_URL: 'https://gitlab.example.com/acme/backend/orders/-/jobs/777',
  CI_COMMIT_SHA: 'fedcba9876543210fedcba9876543210fedcba98',
  CI_COMMIT_REF_NAME: 'main',
};

const key = (name: string) => `ci.openchoreo-ci.dev/${name}`;

/** Each CI's environment, with and without overrides. */
export const CI_ENVIRONMENTS: CiEnvironmentCase[] = [
  {
    name: 'Jenkins',
    env: JENKINS_ENV,
    annotations: {
      [key('platform')]: 'jenkins',
      [key('pipeline')]: 'demo-project/orders',
      [key('run-number')]: '42',
      [key('run-url')]:
        'https://jenkins.example.com/job/demo-project/job/orders/42/',
      [key('commit')]: 'abc1234def5678abc1234def5678abc1234def56',
      [key('ref')]: 'main',
    },
  },
  {
    name: 'GitHub Actions',
    env: GITHUB_ENV,
    annotations: {
      [key('platform')]: 'github-actions',
      [key('pipeline')]: 'Build and publish',
      [key('repository')]: 'acme/orders',
      [key('run-number')]: '17',
      [key('run-url')]:
        'https://github.example.com/acme/orders/actions/runs/9876543210/attempts/2',
      [key('commit')]: '0123456789abcdef0123456789abcdef01234567',
      [key('ref')]: 'release/1.2',
    },
  },
  {
    name: 'GitLab CI',
    env: GITLAB_ENV,
    annotations: {
      [key('platform')]: 'gitlab-ci',
      [key('pipeline')]: 'acme/backend/orders',
      [key('repository')]: 'acme/backend/orders',
      [key('run-number')]: '31',
      [key('run-url')]:
        'https://gitlab.example.com/acme/backend/orders/-/pipelines/5550001',
      [key('commit')]: 'fedcba9876543210fedcba9876543210fedcba98',
      [key('ref')]: 'main',
    },
  },
  {
    name: 'GitHub Actions with OPENCHOREO_* overrides',
    env: {
      ...GITHUB_ENV,
      OPENCHOREO_COMMIT: 'AAAABBBB',
      OPENCHOREO_REF: 'v1.2.3',
      OPENCHOREO_CI_RUN_URL: 'https://ci.example.com/runs/1',
      OPENCHOREO_CI_PIPELINE: 'nightly',
    },
    annotations: {
      [key('platform')]: 'github-actions',
      [key('pipeline')]: 'nightly',
      [key('repository')]: 'acme/orders',
      [key('run-number')]: '17',
      [key('run-url')]: 'https://ci.example.com/runs/1',
      [key('commit')]: 'aaaabbbb',
      [key('ref')]: 'v1.2.3',
    },
  },
  {
    name: 'another CI, described by OPENCHOREO_* only',
    env: {
      OPENCHOREO_CI_PLATFORM: 'other',
      OPENCHOREO_CI_RUN_NUMBER: '7',
      OPENCHOREO_COMMIT: 'abcdef0',
      // Ignored: the platform says this is not GitHub Actions.
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    },
    annotations: {
      [key('platform')]: 'other',
      [key('run-number')]: '7',
      [key('commit')]: 'abcdef0',
    },
  },
  { name: 'no CI (a laptop)', env: {}, annotations: {} },
];

/** An environment with a bad provenance value and the message both publishers give. */
export interface BadProvenanceCase {
  name: string;
  env: Record<string, string>;
  message: string;
}

/** Bad values: each is an input error (exit 2) naming the variable and the rule. */
export const BAD_PROVENANCE: BadProvenanceCase[] = [
  {
    name: 'a Jenkins commit that is not hex',
    env: { ...JENKINS_ENV, GIT_COMMIT: 'not-a-sha' },
    message:
      'GIT_COMMIT "not-a-sha" must be a commit SHA of 7 to 64 hex digits (set ',
  },
  {
    name: 'a run URL that is not http(s)',
    env: { OPENCHOREO_CI_RUN_URL: 'ftp://ci.example.com/1' },
    message:
      'OPENCHOREO_CI_RUN_URL "ftp://ci.example.com/1" must be an http(s) URL of at most 2048 characters',
  },
  {
    name: 'a GitLab pipeline URL with a space',
    env: { ...GITLAB_ENV, CI_PIPELINE_URL: 'https://gitlab.example.com/a b' },
    message:
      'CI_PIPELINE_URL "https://gitlab.example.com/a b" must be an http(s) URL',
  },
  {
    name: 'an unknown platform',
    env: { OPENCHOREO_CI_PLATFORM: 'travis' },
    message:
      'OPENCHOREO_CI_PLATFORM "travis" must be one of jenkins, github-actions, gitlab-ci, other',
  },
  {
    name: 'a run number that is not a number',
    env: { ...GITHUB_ENV, GITHUB_RUN_NUMBER: '12a' },
    message: 'GITHUB_RUN_NUMBER "12a" must be a whole number (digits only)',
  },
  {
    name: 'a ref with a control character',
    env: { OPENCHOREO_REF: 'main\u0007' },
    message:
      'OPENCHOREO_REF "main\\u0007" must be a branch or tag name of at most 255 characters on one line',
  },
];
