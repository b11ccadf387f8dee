import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  GITHUB_PROJECT_SLUG_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
  JENKINS_JOB_FULL_NAME_ANNOTATION,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { githubActionsRouteRef, gitlabCiRouteRef } from '../../routes';
import { getEntityCiKind } from '../../utils/entity';
import { GithubActionsCard, GitlabCiCard } from '../ExternalCiRuns';
import { JenkinsBuildCard } from '../JenkinsBuildCard';
import { WorkflowRunCard } from '../WorkflowRunCard';

function NoCiCard() {
  return (
    <InfoCard title="CI status">
      <Typography variant="body1" gutterBottom>
        No CI is configured for this component.
      </Typography>
      <Typography variant="body2" gutterBottom>
        To build it with an External CI, add its annotation with{' '}
        <strong>Edit Annotations</strong> in this page&apos;s menu (for Jenkins:{' '}
        <code>{JENKINS_JOB_FULL_NAME_ANNOTATION}</code> = the job&apos;s full
        name, e.g. <code>my-folder/my-service</code>; for GitHub Actions:{' '}
        <code>{GITHUB_PROJECT_SLUG_ANNOTATION}</code>; for GitLab CI:{' '}
        <code>{GITLAB_PROJECT_SLUG_ANNOTATION}</code>), so this card shows its
        builds. The pipeline publishes the Workload with the step shown in the{' '}
        <strong>Workload</strong> card until it has published one.
      </Typography>
      <Typography variant="body2">
        Or pick an OpenChoreo workflow for the component to build it in the
        platform (built-in CI).
      </Typography>
    </InfoCard>
  );
}

/**
 * The Overview's one CI card, chosen by the entity's annotations (an External CI annotation
 * replaces the workflow card): the latest Jenkins build, GitHub Actions run, GitLab CI pipeline
 * or OpenChoreo WorkflowRun, each shown the same way (`LatestBuildSummary`), or how to set up CI.
 */
export function CiStatusCard() {
  const { entity } = useEntity();
  switch (getEntityCiKind(entity)) {
    case 'jenkins':
      return <JenkinsBuildCard />;
    case 'github-actions':
      return <GithubActionsCard tabRouteRef={githubActionsRouteRef} />;
    case 'gitlab-ci':
      return <GitlabCiCard tabRouteRef={gitlabCiRouteRef} />;
    case 'built-in':
      return <WorkflowRunCard />;
    default:
      return <NoCiCard />;
  }
}
