import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { compatWrapper } from '@backstage/core-compat-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { LatestRunCard } from '@backstage-community/plugin-jenkins';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { getEntityCiKind } from '../../utils/entity';
import { publisherSnippet } from '../../utils/publisherSnippet';
import { JenkinsGate } from '../JenkinsGate';
import { WorkflowRunCard } from '../WorkflowRunCard';

const PLATFORM_NAMES = {
  'github-actions': {
    name: 'GitHub Actions',
    annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
  },
  'gitlab-ci': {
    name: 'GitLab CI',
    annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
  },
} as const;

function NotYetSupportedCard(props: { kind: keyof typeof PLATFORM_NAMES }) {
  const { entity } = useEntity();
  const { name, annotation } = PLATFORM_NAMES[props.kind];
  return (
    <InfoCard title="CI status">
      <Alert severity="info">
        This component is built by {name} (
        <code>
          {annotation}: {entity.metadata.annotations?.[annotation]}
        </code>
        ). {name} build status is not yet supported in this portal: see the
        builds in {name} itself. The Workload card shows what the pipeline
        published.
      </Alert>
    </InfoCard>
  );
}

function NoCiCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="CI status">
      <Typography variant="body1" gutterBottom>
        No CI is configured for this component.
      </Typography>
      <Typography variant="body2" gutterBottom>
        To build it with an External CI, add its annotation with{' '}
        <strong>Edit Annotations</strong> in this page&apos;s menu (for Jenkins:{' '}
        <code>{JENKINS_JOB_FULL_NAME_ANNOTATION}</code> = the job&apos;s full
        name, e.g. <code>my-folder/my-service</code>) and add a step to the
        pipeline that publishes the Workload after pushing the image:
      </Typography>
      <CodeSnippet language="bash" text={publisherSnippet(entity)} />
      <Typography variant="body2">
        Or pick an OpenChoreo workflow for the component to build it in the
        platform (built-in CI).
      </Typography>
    </InfoCard>
  );
}

/**
 * The Overview's one CI card. The entity's annotations decide: a Jenkins job shows the
 * community Jenkins card (guarded), an OpenChoreo workflow the latest WorkflowRun; an External
 * CI annotation replaces the workflow card.
 */
export function CiStatusCard(props: { jenkinsBranch?: string }) {
  const { entity } = useEntity();
  const kind = getEntityCiKind(entity);
  switch (kind) {
    case 'jenkins':
      return (
        <JenkinsGate variant="card">
          {compatWrapper(
            <LatestRunCard
              branch={props.jenkinsBranch ?? ''}
              title="Latest Jenkins build"
            />,
          )}
        </JenkinsGate>
      );
    case 'github-actions':
    case 'gitlab-ci':
      return <NotYetSupportedCard kind={kind} />;
    case 'built-in':
      return <WorkflowRunCard />;
    default:
      return <NoCiCard />;
  }
}
