import Alert from '@mui/material/Alert';

/**
 * Says that what follows (a step's log lines or events) comes from the observability plane's
 * archive, not from the build's pods, which were collected.
 */
export function ArchivedNotice(props: {
  what: 'logs' | 'events';
  message?: string;
}) {
  return (
    <Alert severity="info" role="note" aria-label={`Archived ${props.what}`}>
      <strong>Archived</strong>
      {' — '}
      {props.message ??
        `These ${props.what} come from the observability plane: the build's pods are gone.`}
    </Alert>
  );
}
