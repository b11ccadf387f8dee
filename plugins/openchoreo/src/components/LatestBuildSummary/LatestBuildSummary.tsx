import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Link, StructuredMetadataTable } from '@backstage/core-components';
import type { CiRunStatus } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  formatElapsed,
  formatRelativeTime,
  formatTimestamp,
} from '../../utils/time';
import { CiRunStatusLabel } from './CiRunStatusLabel';

/** What {@link LatestBuildSummary} shows about one build, whatever CI ran it. */
export interface LatestBuildSummaryProps {
  status: CiRunStatus;
  /** The CI's own word for the status, when it says more (`UNSTABLE`, `timed_out`). */
  statusDetail?: string;
  /** What ran: `Build #42`, `Build and publish #17`, `greeting-service-run-5e6f7a8b`. */
  title: string;
  /** The run's page (in the CI, or the portal's own build view). */
  url?: string;
  /** The link's words, e.g. `View in Jenkins`. */
  linkText?: string;
  branch?: string;
  /** Commit SHA; shown shortened, with the full one on hover. */
  commit?: string;
  commitUrl?: string;
  /** When it started (ISO 8601 or epoch ms). */
  startedAt?: string | number;
  /** How long it ran, or has been running. */
  durationMs?: number;
  /** Rows after the standard ones (`Image`, `Tests`...). */
  details?: Record<string, ReactNode>;
}

function whenText(startedAt: string | number | undefined): ReactNode {
  const relative = formatRelativeTime(startedAt);
  if (!relative || startedAt === undefined) return '—';
  const absolute = formatTimestamp(
    typeof startedAt === 'number'
      ? new Date(startedAt).toISOString()
      : startedAt,
  );
  return <span title={absolute}>{relative}</span>;
}

/**
 * The latest build of a component, shown the same way for every CI (OpenChoreo workflow,
 * Jenkins, GitHub Actions, GitLab CI): status, branch, commit, duration, when and a link.
 */
export function LatestBuildSummary(props: LatestBuildSummaryProps) {
  const commit = props.commit ? (
    <code title={props.commit}>
      {props.commitUrl ? (
        <Link to={props.commitUrl}>{props.commit.slice(0, 7)}</Link>
      ) : (
        props.commit.slice(0, 7)
      )}
    </code>
  ) : (
    '—'
  );
  return (
    <Box
      data-testid="latest-build-summary"
      role="group"
      aria-label="Latest build"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <CiRunStatusLabel status={props.status} detail={props.statusDetail} />
        <Typography variant="subtitle1" component="span">
          {props.url ? <Link to={props.url}>{props.title}</Link> : props.title}
        </Typography>
      </Box>
      <StructuredMetadataTable
        dense
        metadata={{
          Branch: props.branch ?? '—',
          Commit: commit,
          Duration:
            props.durationMs === undefined
              ? '—'
              : formatElapsed(props.durationMs),
          When: whenText(props.startedAt),
          ...props.details,
        }}
      />
      {props.url && props.linkText && (
        <Box mt={1}>
          <Link to={props.url}>{props.linkText}</Link>
        </Box>
      )}
    </Box>
  );
}
