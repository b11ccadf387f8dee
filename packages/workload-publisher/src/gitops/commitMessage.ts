import type { WorkloadProvenance } from '@openchoreo-ci/plugin-openchoreo-common';

/** The commit message (and pull request title and body) of a GitOps publish. */
export function gitopsCommitMessage(input: {
  component: string;
  image: string;
  path: string;
  provenance: WorkloadProvenance;
  publisher: string;
  publishedAt: string;
}): { subject: string; body: string[] } {
  const { provenance: p } = input;
  const run = [p.platform, p.pipeline, p.runNumber ? `#${p.runNumber}` : '']
    .filter(Boolean)
    .join(' ');
  const source = [
    p.repository,
    p.commit,
    p.ref ? `(${p.ref})` : undefined,
  ].filter(Boolean);
  return {
    subject: `Publish ${input.component} image ${input.image}${
      run ? ` from ${run}` : ''
    }`,
    body: [
      `Workload: ${input.path}`,
      `Image: ${input.image}`,
      ...(run ? [`CI run: ${[run, p.runUrl].filter(Boolean).join(' ')}`] : []),
      ...(source.length > 0 ? [`Source: ${source.join(' ')}`] : []),
      `Published by: ${input.publisher} at ${input.publishedAt}`,
    ],
  };
}
