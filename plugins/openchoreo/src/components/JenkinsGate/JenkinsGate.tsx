import { Component, ErrorInfo, ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useJenkinsJobState } from '../../hooks/useJenkinsJobState';
import { JenkinsJobStatePanel } from '../JenkinsBuildCard';

export { JENKINS_NOT_CONFIGURED_MESSAGE } from '../JenkinsBuildCard';

class JenkinsErrorBoundary extends Component<
  {
    fallback: (error: Error, reset: () => void) => ReactNode;
    children: ReactNode;
  },
  { error?: Error }
> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  state: { error?: Error } = {};

  componentDidCatch(error: Error, info: ErrorInfo) {
    // Keep the cause visible to whoever debugs the portal; the user sees the fallback.
    // eslint-disable-next-line no-console
    console.error('Jenkins view failed', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return this.props.fallback(this.state.error, () =>
        this.setState({ error: undefined }),
      );
    }
    return this.props.children;
  }
}

/**
 * Renders the community Jenkins views only when the entity's job has builds to show; otherwise
 * the same state as the Jenkins card (not configured, job not found, no builds yet, refused,
 * unreachable, time-out) with what to do. Any failure of the community views is contained so
 * the entity page never crashes.
 */
export function JenkinsGate(props: { children: ReactNode }) {
  const { state, retry } = useJenkinsJobState();
  if (!state) return <Progress />;
  if (state.kind !== 'latest') {
    return <JenkinsJobStatePanel state={state} onRetry={retry} />;
  }
  return (
    <JenkinsErrorBoundary
      fallback={(caught, reset) => (
        <>
          <WarningPanel
            severity="error"
            title="Could not show the Jenkins builds"
            message={caught.message}
          />
          <Button onClick={reset}>Retry</Button>
        </>
      )}
    >
      {props.children}
    </JenkinsErrorBoundary>
  );
}
