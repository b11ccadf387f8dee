import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { Alert } from '@material-ui/lab';
import {
  Content,
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { WorkflowRunPage } from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { useTriggerBuild } from '../../hooks/useTriggerBuild';
import { getComponentRef } from '../../utils/entity';
import { formatDuration, formatTimestamp } from '../../utils/time';
import { isInProgress, StatusChip } from '../StatusChip';
import { BuildNowButton } from '../WorkflowRunCard/BuildNowButton';
import { WorkflowRunView } from '../WorkflowRunView';

const PAGE_SIZE = 20;

/** The Builds tab: the component's build history, newest first; `?run=<name>` opens one build. */
export function BuildsTab() {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const ref = useMemo(() => getComponentRef(entity), [entity]);
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedRun = searchParams.get('run');
  // Cursors of the pages before the current one; the last entry is the current page's.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];

  const load = useCallback(
    (): Promise<WorkflowRunPage> =>
      api.listWorkflowRuns(ref!, { limit: PAGE_SIZE, cursor }),
    [api, ref, cursor],
  );
  const page = usePolling(load, [load], {
    shouldPoll: p => p.items.some(run => isInProgress(run.status)),
  });
  const build = useTriggerBuild(ref, page.retry);

  if (!ref) {
    return (
      <Content>
        <Alert severity="warning">
          This entity is not an OpenChoreo component.
        </Alert>
      </Content>
    );
  }

  if (selectedRun) {
    return (
      <Content>
        <Box mb={2}>
          <Link
            to="?"
            onClick={e => {
              e.preventDefault();
              setSearchParams({});
            }}
          >
            ← All builds
          </Link>
        </Box>
        <WorkflowRunView
          key={selectedRun}
          namespace={ref.namespace}
          run={selectedRun}
        />
      </Content>
    );
  }

  let body;
  if (page.loading && !page.value) {
    body = <Progress />;
  } else if (page.error && !page.value) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={page.retry}>
            Retry
          </Button>
        }
      >
        Could not load the builds: {page.error.message}
      </Alert>
    );
  } else if (!page.value?.items.length && cursors.length === 1) {
    body = (
      <EmptyState
        missing="data"
        title="No builds yet"
        description="Start the first build of this component."
      />
    );
  } else {
    body = (
      <>
        <Table size="small" aria-label="builds">
          <TableHead>
            <TableRow>
              <TableCell>Status</TableCell>
              <TableCell>Build</TableCell>
              <TableCell>Image</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Duration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.value?.items.map(run => (
              <TableRow key={run.name}>
                <TableCell>
                  <StatusChip status={run.status} />
                </TableCell>
                <TableCell>
                  <Link
                    to={`?run=${encodeURIComponent(run.name)}`}
                    onClick={e => {
                      e.preventDefault();
                      setSearchParams({ run: run.name });
                    }}
                  >
                    {run.name}
                  </Link>
                </TableCell>
                <TableCell>{run.image ?? '—'}</TableCell>
                <TableCell>
                  {formatTimestamp(run.startedAt ?? run.createdAt)}
                </TableCell>
                <TableCell>
                  {formatDuration(run.startedAt, run.completedAt) ?? '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box display="flex" justifyContent="flex-end" mt={1} style={{ gap: 8 }}>
          <Button
            disabled={cursors.length === 1}
            onClick={() => setCursors(c => c.slice(0, -1))}
          >
            Newer
          </Button>
          <Button
            disabled={!page.value?.nextCursor}
            onClick={() => setCursors(c => [...c, page.value?.nextCursor])}
          >
            Older
          </Button>
        </Box>
      </>
    );
  }

  return (
    <Content>
      <InfoCard
        title="Builds"
        action={
          <Box m={1}>
            <BuildNowButton
              entity={entity}
              starting={build.starting}
              onClick={build.trigger}
            />
          </Box>
        }
      >
        {build.error && (
          <Alert severity="error">
            Could not start a build: {build.error.message}
          </Alert>
        )}
        {body}
      </InfoCard>
    </Content>
  );
}
