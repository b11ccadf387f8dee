import { usePolling } from '../../hooks/usePolling';
import { useCallback, useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  WorkflowRunSummary,
  WorkloadInfo,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, isOpenChoreoRequestError } from '../../api';
import { getComponentRef, getEntityCiKind } from '../../utils/entity';
import {
  pipelineSnippetTargetOf,
  preferredSnippetPlatform,
} from '../../utils/pipelineSnippetTarget';
import { PublishSnippet } from '../PublishSnippet';
import { WorkloadProvenanceLine } from './WorkloadProvenanceLine';
import { OpenChoreoErrorAlert } from '../OpenChoreoErrorAlert';

/** `registry/app:tag@sha256:…` → its name, tag and digest. */
export function parseImage(image: string): {
  name: string;
  tag?: string;
  digest?: string;
} {
  const [withoutDigest, digest] = image.split('@');
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1
    ? { name: withoutDigest, digest }
    : {
        name: withoutDigest.slice(0, colon),
        tag: withoutDigest.slice(colon + 1),
        digest,
      };
}

interface WorkloadState {
  workload: WorkloadInfo | null;
  /** The built-in build that produced the workload's image, if any. */
  producedBy?: WorkflowRunSummary;
}

/** What a component runs: image, endpoints, env var names, and where the workload came from. */
export function WorkloadCard() {
  const { entity } = useEntity();
  const api = useApi(openchoreoApiRef);
  const ref = useMemo(() => getComponentRef(entity), [entity]);
  const ciKind = getEntityCiKind(entity);

  const load = useCallback(async (): Promise<WorkloadState> => {
    let workload: WorkloadInfo | null;
    try {
      workload = await api.getWorkload(ref!);
    } catch (e) {
      if (isOpenChoreoRequestError(e, 404)) {
        return { workload: null };
      }
      throw e;
    }
    if (ciKind !== 'built-in' || !workload.image) return { workload };
    // Which build produced it; the card still shows the workload if builds are not readable.
    const summary = await api.getComponentSummary(ref!).catch(() => undefined);
    const producedBy = summary?.latestRuns.find(
      run => run.image === workload!.image,
    );
    return { workload, producedBy };
  }, [api, ref, ciKind]);
  // Until a workload exists (first build or first External CI publish), keep looking for it
  // with the plugin's one polling mechanism (paused while the page is hidden).
  const { value, loading, error, retry } = usePolling(load, [load], {
    shouldPoll: state => !state.workload,
    // Until a first build publishes one: every 5 s, then once a minute after 2 quiet minutes.
    slowDownAfterMs: 2 * 60_000,
    idleIntervalMs: 60_000,
  });

  let content;
  if (!ref) {
    content = (
      <Alert severity="warning">
        This entity is not an OpenChoreo component.
      </Alert>
    );
  } else if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <OpenChoreoErrorAlert
        error={error}
        action="load the workload"
        onRetry={retry}
      />
    );
  } else if (!value?.workload) {
    content =
      ciKind === 'built-in' ? (
        <Typography variant="body2">
          No workload yet: it is created by the first successful build.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" gutterBottom>
            No workload yet: this component is built by an External CI, whose
            pipeline has not published a workload. Add this step after the image
            is pushed:
          </Typography>
          <PublishSnippet
            target={pipelineSnippetTargetOf(entity)}
            initialPlatform={preferredSnippetPlatform(entity)}
          />
        </>
      );
  } else {
    const { workload, producedBy } = value;
    const image = workload.image ? parseImage(workload.image) : undefined;
    content = (
      <>
        <Typography variant="subtitle2">Image</Typography>
        {image ? (
          <Box mb={1}>
            <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
              {image.name}
            </Typography>
            {image.tag && <Chip size="small" label={`tag: ${image.tag}`} />}
            {image.digest && (
              <Chip size="small" label={`digest: ${image.digest}`} />
            )}
          </Box>
        ) : (
          <Typography variant="body2">No image</Typography>
        )}
        {producedBy && (
          <Typography variant="body2" gutterBottom>
            Built by OpenChoreo build {producedBy.name}.
          </Typography>
        )}
        {!producedBy && workload.provenance && (
          <WorkloadProvenanceLine provenance={workload.provenance} />
        )}
        {!producedBy && !workload.provenance && (
          <Typography variant="body2" gutterBottom>
            Published from outside OpenChoreo (External CI or the API), without
            a record of the pipeline run.
          </Typography>
        )}
        <Typography variant="subtitle2">Endpoints</Typography>
        {workload.endpoints.length === 0 ? (
          <Typography variant="body2">None</Typography>
        ) : (
          <Table size="small" aria-label="endpoints">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Port</TableCell>
                <TableCell>Visibility</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {workload.endpoints.map(endpoint => (
                <TableRow key={endpoint.name}>
                  <TableCell>{endpoint.name}</TableCell>
                  <TableCell>{endpoint.type}</TableCell>
                  <TableCell>{endpoint.port}</TableCell>
                  <TableCell>
                    {endpoint.visibility?.join(', ') || '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Box mt={1}>
          <Typography variant="subtitle2">Environment variables</Typography>
          <Typography variant="body2">
            {workload.env.length === 0
              ? 'None'
              : workload.env
                  .map(
                    e => `${e.name}${e.source === 'secret' ? ' (secret)' : ''}`,
                  )
                  .join(', ')}
          </Typography>
        </Box>
      </>
    );
  }
  return <InfoCard title="Workload">{content}</InfoCard>;
}
