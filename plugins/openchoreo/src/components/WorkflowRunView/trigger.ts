import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';

/** `jane` from `user:default/jane`. */
function userName(ref: string | undefined): string | undefined {
  return ref?.split('/').pop()?.split(':').pop();
}

/** Who or what started a build, in words: `Build now by jane`, `Re-run of …-run-1a2b by jane`. */
export function triggerText(run: Pick<WorkflowRunSummary, 'trigger'>): string {
  const trigger = run.trigger;
  const by = userName(trigger?.user);
  const suffix = by ? ` by ${by}` : '';
  switch (trigger?.kind) {
    case 'build':
      return `Build now${suffix}`;
    case 'rerun':
      return `Re-run${
        trigger.rerunOf ? ` of ${trigger.rerunOf}` : ''
      }${suffix}`;
    case 'options':
      return `Build with options${suffix}`;
    default:
      return 'OpenChoreo (auto-build or API)';
  }
}
