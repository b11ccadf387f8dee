import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { WorkloadProvenance } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatRelativeTime, formatTimestamp } from '../../utils/time';

const RUN_NAMES: Record<NonNullable<WorkloadProvenance['platform']>, string> = {
  jenkins: 'Jenkins build',
  'github-actions': 'GitHub Actions run',
  'gitlab-ci': 'GitLab CI pipeline',
  other: 'CI run',
};

/** The commit's page, derived from the run's URL where the platform has one. */
export function provenanceCommitUrl(
  provenance: WorkloadProvenance,
): string | undefined {
  const { platform, runUrl, commit, repository } = provenance;
  if (!runUrl || !commit) return undefined;
  if (platform === 'github-actions' && repository) {
    return `${new URL(runUrl).origin}/${repository}/commit/${commit}`;
  }
  if (platform === 'gitlab-ci') {
    const project = /^(.*)\/-\/(pipelines|jobs)\//.exec(runUrl)?.[1];
    return project ? `${project}/-/commit/${commit}` : undefined;
  }
  return undefined;
}

/**
 * Where a Workload came from, in one sentence with links: "Published by Jenkins build #42 from
 * abc1234 (main), 3 minutes ago", from the annotations the publisher records.
 */
export function WorkloadProvenanceLine(props: {
  provenance: WorkloadProvenance;
}) {
  const p = props.provenance;
  const run = `${RUN_NAMES[p.platform ?? 'other']}${
    p.runNumber ? ` #${p.runNumber}` : ''
  }`;
  const commitUrl = provenanceCommitUrl(p);
  const when = formatRelativeTime(p.publishedAt);
  return (
    <Typography
      variant="body2"
      gutterBottom
      data-testid="workload-provenance"
      title={p.pipeline ? `Pipeline: ${p.pipeline}` : undefined}
    >
      Published by {p.runUrl ? <Link to={p.runUrl}>{run}</Link> : run}
      {p.commit && (
        <>
          {' from '}
          <code title={p.commit}>
            {commitUrl ? (
              <Link to={commitUrl}>{p.commit.slice(0, 7)}</Link>
            ) : (
              p.commit.slice(0, 7)
            )}
          </code>
        </>
      )}
      {p.ref && ` (${p.ref})`}
      {when && (
        <>
          {', '}
          <span title={formatTimestamp(p.publishedAt)}>{when}</span>
        </>
      )}
      {p.pipeline && (
        <Typography variant="caption" display="block" color="textSecondary">
          {p.platform === 'jenkins' ? 'Job' : 'Pipeline'} {p.pipeline}
          {p.repository && p.repository !== p.pipeline
            ? ` · ${p.repository}`
            : ''}
        </Typography>
      )}
    </Typography>
  );
}
