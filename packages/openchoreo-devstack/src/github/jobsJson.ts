// The single job of a run's latest attempt, with steps derived from the run's state: a failed
// or cancelled run stops at the image build, a running one is building the image.
import { isoSeconds } from '../emulatorKit';
import { RepoRecord, RunRecord } from './model';
import { GitHubUrls } from './json';

const STEPS = [
  'Set up job',
  'Check out repository',
  'Build and push image',
  'Publish Workload to OpenChoreo',
  'Post Check out repository',
  'Complete job',
];
/** The step a failed, cancelled or running run is at. */
const BUILD_STEP = 2;
/** Steps that run whatever happened before them. */
const ALWAYS_STEPS = new Set([0, 4, 5]);

type StepState = {
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
};

function stepState(run: RunRecord, index: number): StepState {
  if (run.status === 'completed') {
    if (run.conclusion === 'success' || ALWAYS_STEPS.has(index)) {
      return { status: 'completed', conclusion: 'success' };
    }
    if (index < BUILD_STEP)
      return { status: 'completed', conclusion: 'success' };
    if (index === BUILD_STEP) {
      return { status: 'completed', conclusion: run.conclusion };
    }
    return { status: 'completed', conclusion: 'skipped' };
  }
  if (index < BUILD_STEP) return { status: 'completed', conclusion: 'success' };
  if (index === BUILD_STEP) return { status: 'in_progress', conclusion: null };
  return { status: 'queued', conclusion: null };
}

function steps(run: RunRecord) {
  const start = run.runStartedAt;
  const end = run.status === 'completed' ? run.updatedAt : Date.now();
  const slice = Math.max(1000, (end - start) / STEPS.length);
  return STEPS.map((name, index) => {
    const state = stepState(run, index);
    const startedAt = start + index * slice;
    return {
      name,
      status: state.status,
      conclusion: state.conclusion,
      number: index + 1,
      started_at: state.status === 'queued' ? null : isoSeconds(startedAt),
      completed_at:
        state.status === 'completed' ? isoSeconds(startedAt + slice) : null,
    };
  });
}

/** `GET .../actions/runs/{id}/jobs`: `{total_count, jobs}` of the latest attempt. */
export function jobsJson(urls: GitHubUrls, repo: RepoRecord, run: RunRecord) {
  const queued = run.status === 'queued';
  const job = {
    id: run.jobId,
    run_id: run.id,
    workflow_name: run.workflow.name,
    head_branch: run.headBranch,
    run_url: `${urls.api}/repos/${repo.fullName}/actions/runs/${run.id}`,
    run_attempt: run.runAttempt,
    node_id: `CR_${Buffer.from(String(run.jobId)).toString('base64url')}`,
    head_sha: run.headSha,
    url: `${urls.api}/repos/${repo.fullName}/actions/jobs/${run.jobId}`,
    html_url: `${urls.html}/${repo.fullName}/actions/runs/${run.id}/job/${run.jobId}`,
    status: run.status,
    conclusion: run.conclusion,
    created_at: isoSeconds(run.runStartedAt),
    started_at: isoSeconds(run.runStartedAt),
    completed_at: run.status === 'completed' ? isoSeconds(run.updatedAt) : null,
    name: 'build',
    steps: queued ? [] : steps(run),
    check_run_url: `${urls.api}/repos/${repo.fullName}/check-runs/${run.jobId}`,
    labels: ['ubuntu-latest'],
    runner_id: queued ? null : 7,
    runner_name: queued ? null : 'GitHub Actions 7',
    runner_group_id: queued ? null : 2,
    runner_group_name: queued ? null : 'GitHub Actions',
  };
  return { total_count: 1, jobs: [job] };
}
