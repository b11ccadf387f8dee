import { Link } from '@backstage/core-components';
import type { WorkflowRunSummary } from '@openchoreo-ci/plugin-openchoreo-common';

/** A build's commit, short, linked to the repository when its host is known (full SHA on hover). */
export function CommitLink(props: {
  run: Pick<WorkflowRunSummary, 'commit' | 'commitUrl' | 'commitPinned'>;
}) {
  const { commit, commitUrl, commitPinned } = props.run;
  if (!commit) return <>—</>;
  const title = commitPinned
    ? commit
    : `${commit} (from the image tag: the build asked for its branch's latest commit)`;
  const short = commit.slice(0, 7);
  return (
    <code title={title}>
      {commitUrl ? <Link to={commitUrl}>{short}</Link> : short}
    </code>
  );
}
