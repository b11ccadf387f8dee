import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { GitopsDeployment } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatRelativeTime } from '../../utils/time';

const NAMES = {
  github: { request: 'pull request', prefix: '#' },
  gitlab: { request: 'merge request', prefix: '!' },
} as const;

/**
 * The GitOps side of a component: the open release pull/merge request that deploys the latest
 * build once merged, that none is open, or why the portal cannot tell.
 */
export function GitopsReleaseNotice(props: { gitops: GitopsDeployment }) {
  const { gitops } = props;
  if (gitops.state === 'unavailable') {
    return (
      <Alert severity="warning" data-testid="gitops-release">
        <AlertTitle>Release pull request unknown</AlertTitle>
        {gitops.message}
      </Alert>
    );
  }
  const names = NAMES[gitops.platform];
  const repository = (
    <Link href={gitops.repository.webUrl} target="_blank" rel="noopener">
      {gitops.repository.slug}
    </Link>
  );
  if (gitops.state === 'none') {
    return (
      <Typography variant="body2" data-testid="gitops-release">
        No release {names.request} is open in the GitOps repository {repository}
        : what is merged there is what OpenChoreo deploys.
      </Typography>
    );
  }
  const pull = gitops.pullRequest;
  const label = `${names.request} ${names.prefix}${pull.number}`;
  const opened = formatRelativeTime(pull.createdAt);
  return (
    <Alert severity="info" data-testid="gitops-release">
      <AlertTitle>
        Release {label} waiting to be merged{pull.draft ? ' (draft)' : ''}
      </AlertTitle>
      {pull.url ? (
        <Link href={pull.url} target="_blank" rel="noopener">
          {pull.title || label}
        </Link>
      ) : (
        pull.title || label
      )}{' '}
      from {pull.branch}
      {pull.base ? ` into ${pull.base}` : ''} in {repository}
      {opened ? `, opened ${opened}` : ''}
      {pull.author ? ` by ${pull.author}` : ''}. Merging it deploys the release.
      {gitops.others > 0
        ? ` ${gitops.others} older release ${names.request}${
            gitops.others === 1 ? ' is' : 's are'
          } open too.`
        : ''}
    </Alert>
  );
}
