// Where a published Workload came from, read from the CI's standard environment and overridden
// by flags or OPENCHOREO_* variables. scripts/publish-workload.sh does the same in jq; the tests
// run one table of environments through both.
import {
  isValidProvenanceValue,
  normalizeProvenanceValue,
  WORKLOAD_PROVENANCE_RULES,
  type WorkloadProvenance,
  type WorkloadProvenanceField,
  type WorkloadProvenancePlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';

type Env = Record<string, string | undefined>;

/** The provenance fields a run can set (the publish time and the publisher are the tool's). */
export type CiProvenanceField = Exclude<
  WorkloadProvenanceField,
  'publishedAt' | 'publisher'
>;

/** The flag and the variable that override each field. */
export const PROVENANCE_OVERRIDES: Record<
  CiProvenanceField,
  { flag: string; variable: string }
> = {
  platform: { flag: 'ci-platform', variable: 'OPENCHOREO_CI_PLATFORM' },
  pipeline: { flag: 'ci-pipeline', variable: 'OPENCHOREO_CI_PIPELINE' },
  repository: { flag: 'ci-repository', variable: 'OPENCHOREO_CI_REPOSITORY' },
  runNumber: { flag: 'ci-run-number', variable: 'OPENCHOREO_CI_RUN_NUMBER' },
  runUrl: { flag: 'ci-run-url', variable: 'OPENCHOREO_CI_RUN_URL' },
  commit: { flag: 'commit', variable: 'OPENCHOREO_COMMIT' },
  ref: { flag: 'ref', variable: 'OPENCHOREO_REF' },
};

interface Candidate {
  /** What the value was read from, for messages: a variable name or a description. */
  source: string;
  value: string;
}

const read = (env: Env, name: string): Candidate => ({
  source: name,
  value: env[name]?.trim() ?? '',
});

const withoutBranchPrefix = (candidate: Candidate): Candidate => ({
  ...candidate,
  value: candidate.value.replace(/^(refs\/heads\/|origin\/)/, ''),
});

function githubRunUrl(env: Env): Candidate {
  const runId = read(env, 'GITHUB_RUN_ID').value;
  const attempt = read(env, 'GITHUB_RUN_ATTEMPT').value;
  const base = `${read(env, 'GITHUB_SERVER_URL').value}/${
    read(env, 'GITHUB_REPOSITORY').value
  }/actions/runs/${runId}`;
  return {
    source: 'GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID',
    value: !runId
      ? ''
      : `${base}${
          /^([2-9]|[1-9][0-9]+)$/.test(attempt) ? `/attempts/${attempt}` : ''
        }`,
  };
}

/** Each CI's standard variables, in the order they are tried, per field. */
function ciCandidates(
  platform: string,
  env: Env,
): Partial<Record<CiProvenanceField, Candidate[]>> {
  switch (platform) {
    case 'jenkins':
      return {
        pipeline: [read(env, 'JOB_NAME')],
        runNumber: [read(env, 'BUILD_NUMBER')],
        runUrl: [read(env, 'BUILD_URL')],
        commit: [read(env, 'GIT_COMMIT')],
        ref: [read(env, 'BRANCH_NAME'), read(env, 'GIT_BRANCH')].map(
          withoutBranchPrefix,
        ),
      };
    case 'github-actions':
      return {
        pipeline: [read(env, 'GITHUB_WORKFLOW')],
        repository: [read(env, 'GITHUB_REPOSITORY')],
        runNumber: [read(env, 'GITHUB_RUN_NUMBER')],
        runUrl: [githubRunUrl(env)],
        commit: [read(env, 'GITHUB_SHA')],
        ref: [read(env, 'GITHUB_REF_NAME')],
      };
    case 'gitlab-ci':
      return {
        pipeline: [read(env, 'CI_PIPELINE_NAME'), read(env, 'CI_PROJECT_PATH')],
        repository: [read(env, 'CI_PROJECT_PATH')],
        runNumber: [read(env, 'CI_PIPELINE_IID'), read(env, 'CI_PIPELINE_ID')],
        runUrl: [read(env, 'CI_PIPELINE_URL'), read(env, 'CI_JOB_URL')],
        commit: [read(env, 'CI_COMMIT_SHA')],
        ref: [read(env, 'CI_COMMIT_REF_NAME')],
      };
    default:
      return {};
  }
}

/** The CI the publisher runs in, from its standard variables; `undefined` outside a known CI. */
export function detectCiPlatform(
  env: Env,
): WorkloadProvenancePlatform | undefined {
  if (read(env, 'GITHUB_ACTIONS').value === 'true') return 'github-actions';
  if (read(env, 'GITLAB_CI').value === 'true') return 'gitlab-ci';
  if (read(env, 'JENKINS_URL').value || read(env, 'JENKINS_HOME').value) {
    return 'jenkins';
  }
  return undefined;
}

/** What {@link readCiProvenance} returns: the provenance, or what is wrong with it. */
export interface CiProvenanceResult {
  provenance: WorkloadProvenance;
  /** One sentence per bad value, naming where it came from and how to override it. */
  problems: string[];
}

/**
 * The run's provenance: each field from its flag, else its OPENCHOREO_* variable, else the CI's
 * standard variable (the CI is `--ci-platform`, else detected). Values that break their rule are
 * reported, not dropped: a pipeline that records a wrong commit should fail loudly.
 */
export function readCiProvenance(
  flags: Partial<Record<CiProvenanceField, string>>,
  env: Env,
): CiProvenanceResult {
  const override = (field: CiProvenanceField): Candidate | undefined => {
    const { flag, variable } = PROVENANCE_OVERRIDES[field];
    const fromFlag = flags[field]?.trim();
    if (fromFlag) return { source: `--${flag}`, value: fromFlag };
    const fromVariable = read(env, variable);
    return fromVariable.value ? fromVariable : undefined;
  };
  const platform: Candidate = override('platform') ?? {
    source: 'OPENCHOREO_CI_PLATFORM',
    value: detectCiPlatform(env) ?? '',
  };
  const fromCi = ciCandidates(platform.value, env);
  const chosen: Array<[CiProvenanceField, Candidate]> = [
    ['platform', platform],
  ];
  for (const field of Object.keys(
    PROVENANCE_OVERRIDES,
  ) as CiProvenanceField[]) {
    if (field === 'platform') continue;
    const candidate =
      override(field) ?? fromCi[field]?.find(c => c.value !== '');
    if (candidate?.value) chosen.push([field, candidate]);
  }

  const provenance: Record<string, string> = {};
  const problems: string[] = [];
  for (const [field, { source, value }] of chosen) {
    if (!value) continue;
    const normalized = normalizeProvenanceValue(field, value);
    if (isValidProvenanceValue(field, normalized)) {
      provenance[field] = normalized;
      continue;
    }
    const { flag, variable } = PROVENANCE_OVERRIDES[field];
    const fromCiVariable = !source.startsWith('-') && source !== variable;
    problems.push(
      `${source} ${JSON.stringify(normalized)} must be ${
        WORKLOAD_PROVENANCE_RULES[field]
      }${
        fromCiVariable ? ` (set --${flag} or ${variable} to override it)` : ''
      }`,
    );
  }
  return { provenance: provenance as WorkloadProvenance, problems };
}
