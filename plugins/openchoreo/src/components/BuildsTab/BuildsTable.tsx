import TablePagination from '@material-ui/core/TablePagination';
import { Link, Table, type TableColumn } from '@backstage/core-components';
import type {
  WorkflowRunPage,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { formatDuration, formatRelativeTime } from '../../utils/time';
import { RunStatusChip } from '../RunCondition';
import { CommitLink } from '../WorkflowRunView/CommitLink';
import { triggerText } from '../WorkflowRunView/trigger';

/** Page sizes the history offers. */
export const PAGE_SIZES = [10, 20, 50, 100];

/** A page of the build history with Backstage's `Table`, and cursor paging under it. */
export function BuildsTable(props: {
  page: WorkflowRunPage;
  /** Zero-based number of the page shown. */
  pageIndex: number;
  pageSize: number;
  loading: boolean;
  onOpen: (run: string) => void;
  runHref: (run: string) => string;
  onNewer: () => void;
  onOlder: () => void;
  onPageSize: (size: number) => void;
}) {
  const columns: TableColumn<WorkflowRunSummary>[] = [
    {
      title: 'Status',
      field: 'status',
      // A status is never broken inside a word ("Succeede|d" in a narrow column).
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => <RunStatusChip run={run} />,
    },
    {
      title: 'Build',
      field: 'name',
      render: run => (
        <Link
          to={props.runHref(run.name)}
          onClick={e => {
            e.preventDefault();
            props.onOpen(run.name);
          }}
        >
          {run.name}
        </Link>
      ),
    },
    {
      title: 'Commit',
      field: 'commit',
      render: run => <CommitLink run={run} />,
    },
    { title: 'Branch', field: 'branch', render: run => run.branch ?? '—' },
    { title: 'Trigger', render: run => triggerText(run) },
    {
      title: 'Started',
      render: run => {
        const at = run.startedAt ?? run.createdAt;
        return <span title={at}>{formatRelativeTime(at) ?? '—'}</span>;
      },
    },
    {
      title: 'Duration',
      render: run => formatDuration(run.startedAt, run.completedAt) ?? '—',
    },
  ];
  const shown = props.page.items.length;
  const first = props.pageIndex * props.pageSize;
  return (
    <>
      <Table<WorkflowRunSummary>
        columns={columns}
        data={props.page.items}
        isLoading={props.loading}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          sorting: false,
          draggable: false,
        }}
        localization={{ body: { emptyDataSourceMessage: 'No builds' } }}
      />
      <TablePagination
        component="div"
        aria-label="build history pages"
        count={props.page.nextCursor ? -1 : first + shown}
        page={props.pageIndex}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        labelRowsPerPage="Builds per page"
        labelDisplayedRows={() =>
          shown === 0
            ? 'No builds on this page'
            : `${first + 1}–${first + shown} of ${
                props.page.nextCursor ? 'more' : first + shown
              }`
        }
        backIconButtonText="Newer builds"
        nextIconButtonText="Older builds"
        nextIconButtonProps={{ disabled: !props.page.nextCursor }}
        onPageChange={(_, next) =>
          next > props.pageIndex ? props.onOlder() : props.onNewer()
        }
        onRowsPerPageChange={e => props.onPageSize(Number(e.target.value))}
      />
    </>
  );
}
