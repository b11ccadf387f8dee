import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Alert, AlertTitle } from '@material-ui/lab';
import { Link } from '@backstage/core-components';
import { JENKINS_JOB_FULL_NAME_ANNOTATION } from '@openchoreo-ci/plugin-openchoreo-common';
import type { JenkinsJobState } from '../../jenkins/jenkinsJobState';

/** Shown instead of the Jenkins views when the portal has no Jenkins settings. */
export const JENKINS_NOT_CONFIGURED_MESSAGE =
  'Jenkins is not configured in this portal: ask your platform admin to set externalCI.jenkins in the Helm values.';

/** The state titles, stable for tests and end-to-end journeys. */
export const JENKINS_STATE_TITLES: Record<
  Exclude<JenkinsJobState['kind'], 'latest'>,
  string
> = {
  'not-configured': 'Jenkins is not configured',
  'invalid-annotation': 'The Jenkins job name is not a full name',
  'job-not-found': 'Jenkins job not found',
  'no-builds': 'No builds yet',
  refused: "Jenkins refused the portal's credentials",
  unreachable: 'Jenkins is unreachable',
  timeout: 'Jenkins did not answer in time',
  error: 'Could not show the Jenkins builds',
};

const FULL_NAME_RULE = `${JENKINS_JOB_FULL_NAME_ANNOTATION} must be the job's full name: its folders and its name separated by "/", e.g. "my-folder/my-service" (not a /job/... URL).`;

function Panel(props: {
  severity: 'info' | 'warning' | 'error';
  title: string;
  children: ReactNode;
  link?: { url: string; text: string };
  onRetry?: () => void;
}) {
  return (
    <Alert
      severity={props.severity}
      action={
        props.onRetry ? (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{props.title}</AlertTitle>
      {props.children}
      {props.link && (
        <Box mt={1}>
          <Link to={props.link.url}>{props.link.text}</Link>
        </Box>
      )}
    </Alert>
  );
}

/**
 * What the Jenkins card and tab show when there is no build to show: each state says what
 * happened and what to do (and offers a retry where trying again can help).
 */
export function JenkinsJobStatePanel(props: {
  state: Exclude<JenkinsJobState, { kind: 'latest' }>;
  onRetry: () => void;
}) {
  const { state, onRetry } = props;
  const title = JENKINS_STATE_TITLES[state.kind];
  switch (state.kind) {
    case 'not-configured':
      return (
        <Panel severity="info" title={title}>
          {JENKINS_NOT_CONFIGURED_MESSAGE}
          {state.reason && (
            <Typography variant="body2">({state.reason})</Typography>
          )}
        </Panel>
      );
    case 'invalid-annotation':
      return (
        <Panel severity="warning" title={title}>
          {state.message} Change the {JENKINS_JOB_FULL_NAME_ANNOTATION}{' '}
          annotation with Edit Annotations in this page&apos;s menu.
        </Panel>
      );
    case 'job-not-found':
      return (
        <Panel
          severity="warning"
          title={title}
          link={{ url: state.jenkinsUrl, text: 'Open Jenkins' }}
          onRetry={onRetry}
        >
          Jenkins at {state.jenkinsUrl} has no job &quot;{state.job}&quot;.
          Create the job in Jenkins, or correct the annotation with Edit
          Annotations: {FULL_NAME_RULE}
        </Panel>
      );
    case 'no-builds':
      return (
        <Panel
          severity="info"
          title={title}
          link={{ url: state.jobUrl, text: 'Open the job in Jenkins' }}
        >
          Jenkins job &quot;{state.job}&quot; has no builds yet. Start its first
          build in Jenkins (or push to its repository); it shows here as soon as
          it starts.
        </Panel>
      );
    case 'refused':
      return (
        <Panel severity="error" title={title} onRetry={onRetry}>
          Jenkins at {state.jenkinsUrl} refused the portal&apos;s user or API
          key ({state.detail}). Ask your platform admin to check the Jenkins
          user and API key of the portal (JENKINS_USERNAME and the
          jenkins-api-key secret).
        </Panel>
      );
    case 'unreachable':
      return (
        <Panel severity="error" title={title} onRetry={onRetry}>
          The portal could not reach Jenkins at {state.jenkinsUrl} (
          {state.detail}). Check that Jenkins runs and that the portal can reach
          it (JENKINS_BASE_URL).
        </Panel>
      );
    case 'timeout':
      return (
        <Panel severity="warning" title={title} onRetry={onRetry}>
          No answer within {state.seconds} s. Try again; if it keeps happening,
          Jenkins or the portal&apos;s backend is overloaded.
        </Panel>
      );
    default:
      return (
        <Panel severity="error" title={title} onRetry={onRetry}>
          {state.detail}
        </Panel>
      );
  }
}
