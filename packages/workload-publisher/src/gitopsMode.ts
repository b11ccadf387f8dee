import type { WorkloadProvenance } from '@openchoreo-ci/plugin-openchoreo-common';
import { gitopsCommitMessage } from './gitops/commitMessage';
import { publishToGitops } from './gitops/publishToGitops';
import { gitopsWorkloadPath } from './gitops/workloadFile';
import type { PublishOptions } from './options';
import type { RetryPolicy } from './retry';
import type { Workload } from './workload';

/** How the GitOps mode runs: environment, output and test overrides. */
export interface GitopsModeContext {
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  publisher: string;
  publishedAt: Date;
  provenance: WorkloadProvenance;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
}

/**
 * The pull request token: `OPENCHOREO_GIT_TOKEN`, else the provider's usual variable. Read
 * only from the environment, never from flags.
 */
export function gitToken(
  env: Record<string, string | undefined>,
  provider: 'github' | 'gitlab' | undefined,
): string | undefined {
  const explicit = env.OPENCHOREO_GIT_TOKEN?.trim();
  if (explicit) return explicit;
  if (provider === 'github') return env.GITHUB_TOKEN?.trim() || undefined;
  if (provider === 'gitlab') return env.GITLAB_TOKEN?.trim() || undefined;
  return undefined;
}

/** `--mode gitops` (CI triggered, CD owned): commit the Workload CR, push or open a pull request. */
export async function runGitopsMode(
  publish: PublishOptions,
  workload: Workload,
  fromDescriptor: boolean,
  context: GitopsModeContext,
): Promise<void> {
  const options = publish.gitops!;
  const { stdout } = context;
  const path = gitopsWorkloadPath(
    publish.namespace,
    publish.project,
    publish.component,
  );
  const outcome = await publishToGitops({
    options,
    workload,
    namespace: publish.namespace,
    project: publish.project,
    component: publish.component,
    fromDescriptor,
    message: gitopsCommitMessage({
      component: publish.component,
      image: publish.image,
      path,
      provenance: context.provenance,
      publisher: context.publisher,
      publishedAt: context.publishedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
    }),
    publishedAt: context.publishedAt,
    token: gitToken(context.env, options.pullRequest?.provider),
    retry: { ...publish.retry, ...context.retry },
    env: context.env,
    log: stdout,
    fetch: context.fetch,
  });
  if (outcome.action === 'unchanged') {
    stdout(
      `Published: nothing changed (${path} already has image ${publish.image}); no commit`,
    );
    return;
  }
  if (outcome.pullRequest) {
    const kind =
      options.pullRequest?.provider === 'gitlab'
        ? 'merge request !'
        : 'pull request #';
    stdout(
      `Published: ${outcome.action} ${path} on branch ${outcome.branch}; ${kind}${outcome.pullRequest.number} ${outcome.pullRequest.url}: merging it deploys image ${publish.image}`,
    );
    return;
  }
  stdout(
    `Published: ${outcome.action} ${path} with image ${
      publish.image
    } in commit ${outcome.commit?.slice(0, 12)} on ${
      outcome.branch
    }; the GitOps tool deploys it`,
  );
}
