import { Component, ErrorInfo, ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import { useCiIntegration } from '../../hooks/useCiIntegration';

/** Shown instead of the Jenkins views when the portal has no Jenkins settings. */
export const JENKINS_NOT_CONFIGURED_MESSAGE =
  'Jenkins is not configured in this portal: ask your platform admin to set externalCI.jenkins in the Helm values.';

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

function Frame(props: { variant: 'card' | 'page'; children: ReactNode }) {
  return props.variant === 'card' ? (
    <InfoCard title="Jenkins">{props.children}</InfoCard>
  ) : (
    <>{props.children}</>
  );
}

/**
 * Renders the community Jenkins views only when `GET /ci-integrations` says Jenkins is
 * configured, and contains any failure of theirs so the entity page never crashes.
 */
export function JenkinsGate(props: {
  variant: 'card' | 'page';
  children: ReactNode;
}) {
  const { integration, loading, error, retry } = useCiIntegration('jenkins');

  if (loading) {
    return (
      <Frame variant={props.variant}>
        <Progress />
      </Frame>
    );
  }
  if (error || !integration) {
    return (
      <Frame variant={props.variant}>
        <WarningPanel
          severity="error"
          title="Could not check the Jenkins settings of this portal"
          message={error?.message}
        />
        <Button onClick={retry}>Retry</Button>
      </Frame>
    );
  }
  if (!integration.configured) {
    return (
      <Frame variant={props.variant}>
        <WarningPanel
          severity="info"
          title="Jenkins is not configured"
          message={JENKINS_NOT_CONFIGURED_MESSAGE}
          defaultExpanded
        >
          {integration.reason && (
            <Typography variant="body2">{integration.reason}</Typography>
          )}
        </WarningPanel>
      </Frame>
    );
  }
  return (
    <JenkinsErrorBoundary
      fallback={(caught, reset) => (
        <Frame variant={props.variant}>
          <WarningPanel
            severity="error"
            title="Could not show the Jenkins builds"
            message={caught.message}
          />
          <Button onClick={reset}>Retry</Button>
        </Frame>
      )}
    >
      {props.children}
    </JenkinsErrorBoundary>
  );
}
