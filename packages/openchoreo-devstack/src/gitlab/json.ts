// Serialises the model the way GitLab's REST API v4 answers (the fields clients read, with their
// real names and formats; GitLab sends more).
import { isoMillis } from '../emulatorKit';
import { MergeRequestRecord, PipelineRecord, ProjectRecord } from './model';

/** The instance URL of the request (web pages; the API is under `/api/v4`). */
export type GitLabOrigin = string;

const userId = (username: string) =>
  1000 + [...username].reduce((sum, c) => sum + c.charCodeAt(0), 0);

/** A user reference (`user`, `author`). */
export function userJson(origin: GitLabOrigin, username: string) {
  return {
    id: userId(username),
    username,
    name: username
      .split('-')
      .map(part => part.charAt(0).toUpperCase() + part.slice(1))
      .join(' '),
    state: 'active',
    locked: false,
    avatar_url: `${origin}/uploads/-/system/user/avatar/${userId(
      username,
    )}/avatar.png`,
    web_url: `${origin}/${username}`,
  };
}

/** A project, as `GET /projects/:id` returns it; `accessLevel` only for a token's user. */
export function projectJson(
  origin: GitLabOrigin,
  project: ProjectRecord,
  accessLevel: number | undefined,
) {
  const web = `${origin}/${project.pathWithNamespace}`;
  const lastActivity = project.pipelines.at(-1)?.updatedAt ?? project.createdAt;
  const json: Record<string, unknown> = {
    id: project.id,
    description: project.description,
    name: project.path,
    name_with_namespace: project.pathWithNamespace.split('/').join(' / '),
    path: project.path,
    path_with_namespace: project.pathWithNamespace,
    created_at: isoMillis(project.createdAt),
    default_branch: project.defaultBranch,
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@${new URL(origin).host}:${
      project.pathWithNamespace
    }.git`,
    http_url_to_repo: `${web}.git`,
    web_url: web,
    avatar_url: null,
    star_count: 0,
    forks_count: 0,
    last_activity_at: isoMillis(lastActivity),
    namespace: {
      id: 90 + project.namespace.length,
      name: project.namespace.split('/').at(-1),
      path: project.namespace.split('/').at(-1),
      kind: 'group',
      full_path: project.namespace,
      parent_id: null,
      avatar_url: null,
      web_url: `${origin}/groups/${project.namespace}`,
    },
    visibility: project.visibility,
    archived: false,
    empty_repo: false,
  };
  if (accessLevel !== undefined) {
    json.permissions = {
      project_access: { access_level: accessLevel, notification_level: 3 },
      group_access: null,
    };
  }
  return json;
}

/** `PipelineBasic`: a pipeline as the pipelines list returns it. */
export function pipelineBasicJson(
  origin: GitLabOrigin,
  project: ProjectRecord,
  pipeline: PipelineRecord,
) {
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: project.id,
    sha: pipeline.sha,
    ref: pipeline.ref,
    status: pipeline.status,
    source: pipeline.source,
    created_at: isoMillis(pipeline.createdAt),
    updated_at: isoMillis(pipeline.updatedAt),
    web_url: `${origin}/${project.pathWithNamespace}/-/pipelines/${pipeline.id}`,
    name: null,
  };
}

const LABELS: Partial<Record<string, string>> = {
  success: 'passed',
  manual: 'manual action',
  waiting_for_resource: 'waiting for resource',
};

/** `detailed_status` of a pipeline, as GitLab's UI shows it. */
function detailedStatus(project: ProjectRecord, pipeline: PipelineRecord) {
  const label = LABELS[pipeline.status] ?? pipeline.status;
  return {
    icon: `status_${pipeline.status}`,
    text: label,
    label,
    group: pipeline.status,
    tooltip: label,
    has_details: true,
    details_path: `/${project.pathWithNamespace}/-/pipelines/${pipeline.id}`,
    illustration: null,
    favicon: `/assets/ci_favicons/favicon_status_${pipeline.status}.png`,
  };
}

/** A pipeline, as `GET /projects/:id/pipelines/:pipeline_id` (and retry) return it. */
export function pipelineJson(
  origin: GitLabOrigin,
  project: ProjectRecord,
  pipeline: PipelineRecord,
) {
  const { startedAt, finishedAt } = pipeline;
  const end = finishedAt ?? Date.now();
  return {
    ...pipelineBasicJson(origin, project, pipeline),
    before_sha: '0000000000000000000000000000000000000000',
    tag: false,
    yaml_errors: null,
    user: userJson(origin, pipeline.user),
    started_at: startedAt === null ? null : isoMillis(startedAt),
    finished_at: finishedAt === null ? null : isoMillis(finishedAt),
    committed_at: null,
    duration:
      startedAt === null || finishedAt === null
        ? null
        : Math.round((end - startedAt) / 1000),
    queued_duration:
      startedAt === null ? null : (startedAt - pipeline.createdAt) / 1000,
    coverage: null,
    detailed_status: detailedStatus(project, pipeline),
    archived: false,
  };
}

/** A merge request, as `POST` and `GET .../merge_requests` return it. */
export function mergeRequestJson(
  origin: GitLabOrigin,
  project: ProjectRecord,
  mr: MergeRequestRecord,
) {
  const merged = mr.mergedAt === null ? null : isoMillis(mr.mergedAt);
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: project.id,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: isoMillis(mr.createdAt),
    updated_at: isoMillis(mr.updatedAt),
    merged_by: null,
    merge_user: null,
    merged_at: merged,
    closed_by: null,
    closed_at: null,
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    user_notes_count: 0,
    upvotes: 0,
    downvotes: 0,
    author: userJson(origin, mr.author),
    assignees: [],
    assignee: null,
    reviewers: [],
    source_project_id: project.id,
    target_project_id: project.id,
    labels: [],
    draft: false,
    work_in_progress: false,
    milestone: null,
    merge_when_pipeline_succeeds: false,
    merge_status: 'can_be_merged',
    detailed_merge_status: mr.state === 'opened' ? 'mergeable' : 'not_open',
    sha: mr.sha,
    merge_commit_sha: null,
    squash: false,
    references: {
      short: `!${mr.iid}`,
      relative: `!${mr.iid}`,
      full: `${project.pathWithNamespace}!${mr.iid}`,
    },
    web_url: `${origin}/${project.pathWithNamespace}/-/merge_requests/${mr.iid}`,
  };
}
