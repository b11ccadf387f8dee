import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  Content,
  Link,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type {
  ExternalCiRun,
  ExternalCiRunsPlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { useCiRuns, useRerunCiRun } from '../../hooks/useCiRuns';
import {
  formatElapsed,
  formatRelativeTime,
  formatTimestamp,
} from '../../utils/time';
import { CiRunStatusLabel } from '../LatestBuildSummary';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';
import { ExternalCiStatePanel } from './ExternalCiStatePanel';
import { commitUrl, PLATFORM_TEXT, runTitle } from './platforms';
import { RerunButton } from './RerunButton';

const PAGE_SIZE = 20;

/**
 * The run history tab of a component built by GitHub Actions or GitLab CI: status,
 * workflow/pipeline, branch, commit, duration, when and link of every run, newest first, with
 * re-run where the portal's token allows.
 */
export function ExternalCiRunsTab(props: {
  platform: ExternalCiRunsPlatform;
  pollIntervalMs?: number;
}) {
  const text = PLATFORM_TEXT[props.platform];
  const [page, setPage] = useState(1);
  const runs = useCiRuns({
    page,
    perPage: PAGE_SIZE,
    pollIntervalMs: props.pollIntervalMs,
  });
  const rerun = useRerunCiRun(runs.retry);
  const response = runs.value;

  if (runs.loading && !response) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (!response) {
    return (
      <Content>
        <OpenChoreoErrorAlert
          error={runs.error ?? new Error('no answer')}
          action={`see the ${text.name} ${text.run}s`}
          onRetry={runs.retry}
        />
      </Content>
    );
  }
  if (response.state === 'unavailable') {
    return (
      <Content>
        <ExternalCiStatePanel response={response} onRetry={runs.retry} />
      </Content>
    );
  }

  const columns: TableColumn<ExternalCiRun>[] = [
    {
      title: 'Status',
      render: run => (
        <CiRunStatusLabel status={run.status} detail={run.statusText} />
      ),
    },
    {
      title: props.platform === 'github-actions' ? 'Workflow' : 'Pipeline',
      render: run => (
        <>
          {run.url ? <Link to={run.url}>{runTitle(run)}</Link> : runTitle(run)}
          {run.title && (
            <Typography variant="caption" display="block">
              {run.title}
            </Typography>
          )}
        </>
      ),
    },
    { title: 'Branch', render: run => run.branch ?? '—' },
    {
      title: 'Commit',
      render: run => {
        if (!run.commit) return '—';
        const url = commitUrl(
          props.platform,
          response.project.webUrl,
          run.commit,
        );
        const short = run.commit.slice(0, 7);
        return (
          <code title={run.commit}>
            {url ? <Link to={url}>{short}</Link> : short}
          </code>
        );
      },
    },
    {
      title: 'Duration',
      render: run =>
        run.durationMs === undefined ? '—' : formatElapsed(run.durationMs),
    },
    {
      title: 'When',
      render: run => {
        const at = run.startedAt ?? run.createdAt;
        return (
          <span title={formatTimestamp(at)}>
            {formatRelativeTime(at) ?? '—'}
          </span>
        );
      },
    },
    ...(response.canRerun
      ? [
          {
            title: 'Actions',
            render: (run: ExternalCiRun) => (
              <RerunButton
                run={run}
                pending={rerun.pendingId === run.id}
                access={rerun.access}
                onRerun={rerun.rerun}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Content>
      {rerun.done && <Alert severity="success">{rerun.done}</Alert>}
      {rerun.error && <Alert severity="error">{rerun.error}</Alert>}
      {runs.error && (
        <Alert severity="warning">
          Refresh failed, retrying: {runs.error.message}
        </Alert>
      )}
      <Table<ExternalCiRun>
        title={`${text.name} ${text.run}s of ${response.project.slug}`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={response.runs}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">No {text.run}s yet.</Typography>
          </Box>
        }
      />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Button
          size="small"
          disabled={page <= 1}
          onClick={() => setPage(p => Math.max(1, p - 1))}
        >
          Newer
        </Button>
        <Typography variant="body2">Page {page}</Typography>
        <Button
          size="small"
          disabled={!response.hasNextPage}
          onClick={() => setPage(p => p + 1)}
        >
          Older
        </Button>
        {response.project.webUrl && (
          <Box ml="auto">
            <Link to={response.project.webUrl}>Open in {text.host}</Link>
          </Box>
        )}
      </Box>
      {!response.canRerun && (
        <Typography variant="caption" color="textSecondary">
          Re-run is not offered: the portal&apos;s {text.host} token may only
          read this {text.project.toLowerCase()}.
        </Typography>
      )}
    </Content>
  );
}
