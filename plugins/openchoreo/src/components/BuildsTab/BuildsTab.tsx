import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
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
import type {
  TriggerWorkflowRunResponse,
  WorkflowRunPage,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef } from '../../api';
import { usePolling } from '../../hooks/usePolling';
import { useTriggerBuild } from '../../hooks/useTriggerBuild';
import { getComponentRef } from '../../utils/entity';
import { BuildWithOptionsButton } from '../BuildActions';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { isInProgress } from '../StatusChip';
import { BuildNowButton } from '../WorkflowRunCard/BuildNowButton';
import { WorkflowRunView } from '../WorkflowRunView';
import { BuildLogSearch } from './BuildLogSearch';
import { BuildsTable } from './BuildsTable';

/**
 * The Builds tab: the component's build history newest first (Backstage `Table`, pages of a size
 * the user picks), Build now and Build with options; `?run=<name>` opens one build (and
 * `&step=<task>&line=<n>` a line of its logs).
 */
export function BuildsTab() {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const ref = useMemo(() => getComponentRef(entity), [entity]);
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedRun = searchParams.get('run');
  const [pageSize, setPageSize] = useState(20);
  // Cursors of the pages before the current one; the last entry is the current page's.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (): Promise<WorkflowRunPage> =>
      api.listWorkflowRuns(ref!, { limit: pageSize, cursor }),
    [api, ref, cursor, pageSize],
  );
  const page = usePolling(load, [load], {
    shouldPoll: p => p.items.some(run => isInProgress(run.status)),
    whileIdleMs: 45_000,
  });
  const open = useCallback(
    (run: string) => setSearchParams({ run }),
    [setSearchParams],
  );
  const onStarted = useCallback(
    (started: TriggerWorkflowRunResponse) => {
      setNotice(started.notice);
      setCursors([undefined]);
      page.retry();
      open(started.run.name);
    },
    [page, open],
  );
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
              setNotice(undefined);
              setSearchParams({});
              page.retry();
            }}
          >
            ← All builds
          </Link>
        </Box>
        {notice && (
          <Box mb={2}>
            <Alert severity="info" onClose={() => setNotice(undefined)}>
              {notice}
            </Alert>
          </Box>
        )}
        <WorkflowRunView
          key={selectedRun}
          namespace={ref.namespace}
          run={selectedRun}
          entity={entity}
          onStarted={onStarted}
        />
      </Content>
    );
  }

  let body;
  if (page.loading && !page.value) {
    body = <Progress />;
  } else if (page.error && !page.value) {
    body = (
      <OpenChoreoErrorPanel
        error={page.error}
        action="see the builds of this component"
        onRetry={page.retry}
      />
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
      <BuildsTable
        page={page.value!}
        pageIndex={cursors.length - 1}
        pageSize={pageSize}
        loading={page.loading}
        onOpen={open}
        runHref={run => `?run=${encodeURIComponent(run)}`}
        onNewer={() => setCursors(c => c.slice(0, -1))}
        onOlder={() => setCursors(c => [...c, page.value?.nextCursor])}
        onPageSize={size => {
          setPageSize(size);
          setCursors([undefined]);
        }}
      />
    );
  }

  return (
    <Content>
      <InfoCard
        title="Builds"
        subheader="Newest first"
        action={
          <Box m={1} display="flex" alignItems="flex-start" style={{ gap: 8 }}>
            <BuildWithOptionsButton
              entity={entity}
              componentRef={ref}
              onStarted={onStarted}
            />
            <BuildNowButton
              entity={entity}
              starting={build.starting}
              onClick={build.trigger}
            />
          </Box>
        }
      >
        {build.error && (
          <OpenChoreoErrorPanel error={build.error} action="start a build" />
        )}
        {body}
      </InfoCard>
      <Box mt={2}>
        <BuildLogSearch
          componentRef={ref}
          onOpen={(run, step, line) =>
            setSearchParams({ run, step, line: String(line) })
          }
        />
      </Box>
    </Content>
  );
}
