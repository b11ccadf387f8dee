import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { InfoCard, Progress } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { jenkinsApiRef } from '@backstage-community/plugin-jenkins';
import { JENKINS_JOB_FULL_NAME_ANNOTATION } from '@openchoreo-ci/plugin-openchoreo-common';
import {
  useJenkinsJobState,
  type JenkinsJobStateOptions,
} from '../../hooks/useJenkinsJobState';
import {
  branchName,
  jenkinsRunStatus,
  type JenkinsJobState,
} from '../../jenkins/jenkinsJobState';
import { useComponentActions } from '../../hooks/useComponentActions';
import { getComponentRef } from '../../utils/entity';
import { GatedButton } from '../BuildActions/BuildActionButtons';
import { LatestBuildSummary } from '../LatestBuildSummary';
import { JenkinsJobStatePanel } from './JenkinsJobStatePanel';

type Latest = Extract<JenkinsJobState, { kind: 'latest' }>;

function LatestJenkinsBuild(props: { latest: Latest; onRebuilt: () => void }) {
  const { project, build } = props.latest;
  const { entity } = useEntity();
  const jenkins = useApi(jenkinsApiRef);
  // A rebuild uses the portal's Jenkins credentials: allowed like starting a build of the
  // component in OpenChoreo, and disabled up front with the reason otherwise.
  const { externalCiBuild } = useComponentActions(getComponentRef(entity));
  const [rebuild, setRebuild] = useState<{
    running?: boolean;
    done?: string;
    error?: string;
  }>({});
  const { status, detail } = jenkinsRunStatus(build);
  const tests = build.tests
    ? { Tests: `${build.tests.passed} of ${build.tests.total} passed` }
    : undefined;

  const onRebuild = async () => {
    setRebuild({ running: true });
    try {
      await jenkins.retry({
        entity: getCompoundEntityRef(entity),
        jobFullName: project.fullName,
        buildNumber: String(build.number),
      });
      setRebuild({
        done: `Jenkins started a new build of ${project.fullName}.`,
      });
      props.onRebuilt();
    } catch (e) {
      setRebuild({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <>
      <LatestBuildSummary
        status={status}
        statusDetail={detail}
        title={`${project.fullName} #${build.number}`}
        url={build.url}
        linkText="View in Jenkins"
        branch={branchName(build.source?.branchName)}
        commit={build.source?.commit?.hash}
        startedAt={build.timestamp}
        durationMs={
          build.building ? Date.now() - build.timestamp : build.duration
        }
        details={tests}
      />
      <Box mt={1}>
        <GatedButton
          label={rebuild.running ? 'Rebuilding…' : `Rebuild #${build.number}`}
          size="small"
          allowed={
            externalCiBuild.allowed && !build.building && !rebuild.running
          }
          loading={externalCiBuild.loading}
          reason={externalCiBuild.reason}
          onClick={onRebuild}
        />
      </Box>
      {!externalCiBuild.loading && !externalCiBuild.allowed && (
        <Typography variant="body2" color="textSecondary">
          {externalCiBuild.reason}
        </Typography>
      )}
      {rebuild.done && <Alert severity="success">{rebuild.done}</Alert>}
      {rebuild.error && (
        <Alert severity="error">Rebuild failed: {rebuild.error}</Alert>
      )}
    </>
  );
}

/**
 * The Overview card of a component built by Jenkins: the latest build of its job, or what is
 * wrong and what to do (not configured, job not found, no builds yet, refused, unreachable,
 * time-out). It looks again while the job has no builds or builds.
 */
export function JenkinsBuildCard(props: JenkinsJobStateOptions = {}) {
  const { state, retry } = useJenkinsJobState(props);
  const { entity } = useEntity();
  const job = entity.metadata.annotations?.[JENKINS_JOB_FULL_NAME_ANNOTATION];
  let content;
  if (!state) {
    content = <Progress />;
  } else if (state.kind === 'latest') {
    content = <LatestJenkinsBuild latest={state} onRebuilt={retry} />;
  } else {
    content = <JenkinsJobStatePanel state={state} onRetry={retry} />;
  }
  return (
    <InfoCard title="Latest Jenkins build" subheader={job}>
      {content}
    </InfoCard>
  );
}
