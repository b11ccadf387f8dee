import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  createRouteRef,
  useRouteRef,
  type RouteRef,
} from '@backstage/frontend-plugin-api';
import type { ExternalCiRunsPlatform } from '@openchoreo-ci/plugin-openchoreo-common';
import { useCiRuns, useRerunCiRun } from '../../hooks/useCiRuns';
import { formatRelativeTime } from '../../utils/time';
import { CiRunStatusLabel, LatestBuildSummary } from '../LatestBuildSummary';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';
import { ExternalCiStatePanel } from './ExternalCiStatePanel';
import { commitUrl, PLATFORM_TEXT, runTitle } from './platforms';
import { RerunButton } from './RerunButton';

/** How many runs the card shows: the latest in full, the others in a line each. */
const CARD_RUNS = 5;

/**
 * The Overview card of a component built by GitHub Actions or GitLab CI: its latest run (the
 * same look as every CI), the few before it, and links to the tab and the repository.
 */
export function ExternalCiRunsCard(props: {
  platform: ExternalCiRunsPlatform;
  /** The tab with the run history, when the app has it. */
  tabRouteRef?: RouteRef;
  pollIntervalMs?: number;
}) {
  const text = PLATFORM_TEXT[props.platform];
  const runs = useCiRuns({
    page: 1,
    perPage: CARD_RUNS,
    pollIntervalMs: props.pollIntervalMs,
  });
  const rerun = useRerunCiRun(runs.retry);
  const tabLink = useOptionalRouteRef(props.tabRouteRef);
  const response = runs.value;

  let content;
  if (runs.loading && !response) {
    content = <Progress />;
  } else if (!response) {
    content = (
      <OpenChoreoErrorAlert
        error={runs.error ?? new Error('no answer')}
        action={`see the ${text.name} ${text.run}s`}
        onRetry={runs.retry}
      />
    );
  } else if (response.state === 'unavailable') {
    content = <ExternalCiStatePanel response={response} onRetry={runs.retry} />;
  } else if (response.runs.length === 0) {
    content = (
      <Typography variant="body2">
        No {text.run}s yet in {response.project.slug}: they show here as soon as
        one starts.
      </Typography>
    );
  } else {
    const [latest, ...earlier] = response.runs;
    content = (
      <>
        <LatestBuildSummary
          status={latest.status}
          statusDetail={latest.statusText}
          title={runTitle(latest)}
          url={latest.url}
          linkText={`View in ${text.host}`}
          branch={latest.branch}
          commit={latest.commit}
          commitUrl={commitUrl(
            props.platform,
            response.project.webUrl,
            latest.commit,
          )}
          startedAt={latest.startedAt ?? latest.createdAt}
          durationMs={latest.durationMs}
          details={{
            ...(latest.title ? { Title: latest.title } : {}),
            ...(latest.event ? { Event: latest.event } : {}),
            ...(latest.actor ? { 'Started by': latest.actor } : {}),
          }}
        />
        {response.canRerun && (
          <Box mt={1}>
            <RerunButton
              run={latest}
              pending={rerun.pendingId === latest.id}
              access={rerun.access}
              onRerun={rerun.rerun}
            />
          </Box>
        )}
        {earlier.length > 0 && (
          <Box mt={2}>
            <Typography variant="subtitle2">Earlier {text.run}s</Typography>
            <List dense aria-label={`Earlier ${text.run}s`}>
              {earlier.map(run => (
                <ListItem key={run.id} disableGutters style={{ gap: 8 }}>
                  <CiRunStatusLabel status={run.status} />
                  {run.url ? (
                    <Link to={run.url}>{runTitle(run)}</Link>
                  ) : (
                    runTitle(run)
                  )}
                  <Typography variant="caption" color="textSecondary">
                    {[
                      run.branch,
                      formatRelativeTime(run.startedAt ?? run.createdAt),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                </ListItem>
              ))}
            </List>
          </Box>
        )}
      </>
    );
  }

  const project =
    response?.state === 'ok' ? response.project : response?.project;
  return (
    <InfoCard
      title={`Latest ${text.name} ${text.run}`}
      subheader={project?.slug}
    >
      {content}
      {runs.error && response && (
        <Typography variant="caption" color="error">
          Refresh failed, retrying: {runs.error.message}
        </Typography>
      )}
      {rerun.done && <Alert severity="success">{rerun.done}</Alert>}
      {rerun.error && <Alert severity="error">{rerun.error}</Alert>}
      <Box mt={2} display="flex" style={{ gap: 16 }}>
        {tabLink && <Link to={tabLink}>All {text.run}s</Link>}
        {project?.webUrl && (
          <Link to={project.webUrl}>Open in {text.host}</Link>
        )}
      </Box>
    </InfoCard>
  );
}

const UNMOUNTED = createRouteRef();

/** The tab's URL when the app mounts it; the card works without it. */
function useOptionalRouteRef(routeRef: RouteRef | undefined) {
  const link = useRouteRef(routeRef ?? UNMOUNTED);
  return routeRef ? link?.() : undefined;
}
