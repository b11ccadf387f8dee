import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { EnvironmentDeployment } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatRelativeTime } from '../../utils/time';
import { parseImage } from '../WorkloadCard/WorkloadCard';
import { DeploymentStateLabel } from './DeploymentStateLabel';

/** States and headers stay on one line ("Not deployed", not "Not deploye/d"). */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** The image's tag (or the whole reference when it has none), to keep the table narrow. */
function shortImage(image: string): string {
  const { tag, digest } = parseImage(image);
  return tag ?? digest?.slice(0, 19) ?? image;
}

/** The environments of the pipeline in promotion order, each with its release and state. */
export function EnvironmentsTable(props: {
  environments: EnvironmentDeployment[];
}) {
  return (
    <Table size="small" aria-label="deployments by environment">
      <TableHead>
        <TableRow>
          <TableCell>Environment</TableCell>
          <TableCell style={NO_WRAP}>State</TableCell>
          <TableCell style={NO_WRAP}>Release</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.environments.map(deployment => {
          const since = formatRelativeTime(deployment.since);
          return (
            <TableRow
              key={deployment.environment}
              data-testid={`environment-${deployment.environment}`}
            >
              <TableCell>
                {deployment.displayName ?? deployment.environment}
                {deployment.isProduction && (
                  <Chip
                    size="small"
                    label="production"
                    style={{ marginLeft: 4 }}
                  />
                )}
              </TableCell>
              <TableCell style={NO_WRAP}>
                <DeploymentStateLabel state={deployment.state} />
              </TableCell>
              <TableCell>
                {deployment.release ? (
                  <>
                    <Typography variant="body2">
                      {deployment.release.name}
                    </Typography>
                    {deployment.release.image && (
                      <Typography
                        variant="caption"
                        title={deployment.release.image}
                      >
                        {shortImage(deployment.release.image)}
                        {deployment.release.current ? ' (latest build)' : ''}
                      </Typography>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  {deployment.state === 'failed' && deployment.reason
                    ? `${deployment.reason}: `
                    : ''}
                  {deployment.message}
                  {since ? ` (${since})` : ''}
                </Typography>
                {deployment.endpoints?.map(endpoint => (
                  <Link
                    key={endpoint.name}
                    href={endpoint.url}
                    target="_blank"
                    rel="noopener"
                    variant="caption"
                    display="block"
                  >
                    {endpoint.name}: {endpoint.url}
                  </Link>
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
