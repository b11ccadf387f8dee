/*
 * Where a component is deployed, as the backend plugin serves it
 * (`GET /api/openchoreo/components/:namespace/:component/deployments`), and the GitOps rules the
 * publisher and the portal share (the release branch name, the component's GitOps repository
 * annotation). Isomorphic: types and pure helpers only.
 */

/**
 * Component annotation naming the GitOps repository its pipeline publishes to (`--mode gitops`):
 * the repository's web or clone URL, e.g. `https://github.com/acme/gitops` or
 * `https://gitlab.example.com/platform/gitops.git`. With it, the deployments card looks for the
 * open release pull request in that repository, through the portal's GitHub/GitLab integration.
 */
export const GITOPS_REPOSITORY_ANNOTATION =
  'openchoreo-ci.dev/gitops-repository';

/** A GitOps repository named by {@link GITOPS_REPOSITORY_ANNOTATION}. */
export interface GitopsRepositoryRef {
  /** `github.com`, `gitlab.example.com:8443`. */
  host: string;
  /** `owner/repo` or `group/subgroup/project` (without `.git`). */
  slug: string;
  /** The repository's web URL, `https://<host>/<slug>`. */
  webUrl: string;
}

/**
 * Reads a {@link GITOPS_REPOSITORY_ANNOTATION} value: an http(s) URL or an scp-like git address
 * (`git@host:owner/repo.git`). Returns why not, in words, when it is not one.
 */
export function parseGitopsRepository(
  value: string,
): GitopsRepositoryRef | { error: string } {
  const text = value.trim();
  const scp = /^[A-Za-z0-9._-]+@([^:/\s]+):([^\s]+)$/.exec(text);
  let host: string;
  let path: string;
  let scheme = 'https';
  if (scp) {
    host = scp[1];
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return {
        error: `"${text}" is not a repository URL: use e.g. https://github.com/my-org/gitops`,
      };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return {
        error: `"${text}" must be an http(s) URL or git@host:path, e.g. https://github.com/my-org/gitops`,
      };
    }
    host = url.host;
    path = decodeURIComponent(url.pathname);
    scheme = url.protocol.slice(0, -1);
  }
  const slug = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/.test(slug)) {
    return {
      error: `"${text}" does not name a repository (owner/repo or group/project after the host)`,
    };
  }
  return { host, slug, webUrl: `${scheme}://${host}/${slug}` };
}

/** `20260504-102030`: a release branch's timestamp (UTC, seconds). */
function releaseTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

/** The branch a GitOps publish proposes its release on: `release/<component>-YYYYMMDD-HHMMSS`. */
export function gitopsReleaseBranch(
  component: string,
  publishedAt: Date,
): string {
  return `release/${component}-${releaseTimestamp(publishedAt)}`;
}

/** True when `branch` is a {@link gitopsReleaseBranch} of `component` (and not of `component-x`). */
export function isGitopsReleaseBranch(
  component: string,
  branch: string,
): boolean {
  const prefix = `release/${component}-`;
  return (
    branch.startsWith(prefix) &&
    /^\d{8}-\d{6}$/.test(branch.slice(prefix.length))
  );
}

/** Where a release stands in one environment. */
export type DeploymentState =
  /** The binding's `Ready` condition is True. */
  | 'ready'
  /** Rolling out, or waiting for the controller. */
  | 'progressing'
  /** Failed for a reason waiting does not fix (see `reason`, `message`). */
  | 'failed'
  /** No release bound to the environment, or the binding is undeployed. */
  | 'not-deployed';

/** The release bound to an environment. */
export interface DeployedRelease {
  /** The ComponentRelease's name, `<component>-<hash>`. */
  name: string;
  /** Its frozen workload's image. */
  image?: string;
  createdAt?: string;
  /** True when it holds the component's current Workload (image and spec). */
  current: boolean;
}

/** One environment of the project's deployment pipeline, with what is deployed there. */
export interface EnvironmentDeployment {
  /** The Environment's name, e.g. `development`. */
  environment: string;
  /** Its display name, when it has one. */
  displayName?: string;
  isProduction?: boolean;
  state: DeploymentState;
  /** The ReleaseBinding of the component to this environment, if any. */
  binding?: string;
  release?: DeployedRelease;
  /** The `Ready` condition's reason, e.g. `ResourcesDegraded`. */
  reason?: string;
  /** What happened, in OpenChoreo's words or ours (failed: what to fix). */
  message?: string;
  /** When the state last changed (the condition's `lastTransitionTime`). */
  since?: string;
  /** Invoke URLs of the deployed endpoints, when ready. */
  endpoints?: Array<{ name: string; url: string }>;
}

/** Whether the current Workload (the latest build) has reached the first environment. */
export type LatestBuildState =
  /** The release of the current Workload is ready in the first environment. */
  | 'deployed'
  /** OpenChoreo is releasing or rolling it out. */
  | 'deploying'
  /** Its rollout to the first environment failed. */
  | 'failed'
  /** It will not get there by itself (autoDeploy off, pipeline problem). */
  | 'not-deployed'
  /** The component has no Workload yet. */
  | 'no-workload';

/** The latest build's way to the first environment. */
export interface LatestBuildDeployment {
  state: LatestBuildState;
  /** The current Workload's image. */
  image?: string;
  /** The release made from the current Workload, once OpenChoreo made it. */
  release?: string;
  /** The first environment of the pipeline. */
  environment?: string;
  /** One sentence: where it is and, if stuck, what to do. */
  message: string;
}

/** An open release pull request (GitHub) or merge request (GitLab) of the component. */
export interface GitopsPullRequest {
  /** PR number (GitHub) or MR iid (GitLab). */
  number: number;
  title: string;
  url?: string;
  /** `release/<component>-<timestamp>`. */
  branch: string;
  /** The branch it merges into (the one Flux applies). */
  base?: string;
  author?: string;
  createdAt?: string;
  draft?: boolean;
}

/** The GitOps side of a component with {@link GITOPS_REPOSITORY_ANNOTATION}. */
export type GitopsDeployment =
  | {
      state: 'pending';
      platform: 'github' | 'gitlab';
      repository: GitopsRepositoryRef;
      /** The newest open release pull request; `others` counts the older open ones. */
      pullRequest: GitopsPullRequest;
      others: number;
    }
  | {
      state: 'none';
      platform: 'github' | 'gitlab';
      repository: GitopsRepositoryRef;
    }
  | {
      /** The annotation is unusable, no integration fits, or GitHub/GitLab did not answer. */
      state: 'unavailable';
      platform?: 'github' | 'gitlab';
      repository?: GitopsRepositoryRef;
      reason:
        | 'invalid-annotation'
        | 'not-configured'
        | 'unauthorized'
        | 'forbidden'
        | 'not-found'
        | 'rate-limited'
        | 'unreachable';
      message: string;
    };

/** `GET /components/:namespace/:component/deployments`. */
export interface ComponentDeploymentsResponse {
  namespace: string;
  component: string;
  project: string;
  /** The project's DeploymentPipeline, when it could be read. */
  pipeline?: { name: string; displayName?: string };
  autoDeploy: boolean;
  /** The pipeline's environments in promotion order (first: where autoDeploy deploys). */
  environments: EnvironmentDeployment[];
  latestBuild: LatestBuildDeployment;
  /** Only for a component with {@link GITOPS_REPOSITORY_ANNOTATION}. */
  gitops?: GitopsDeployment;
  /** Why the environments cannot be shown (no pipeline, pipeline without first environment). */
  problem?: string;
}

/** True while something on the card may still change by itself (worth polling). */
export function isDeploymentInProgress(
  response: ComponentDeploymentsResponse,
): boolean {
  return (
    response.latestBuild.state === 'deploying' ||
    response.environments.some(e => e.state === 'progressing')
  );
}
