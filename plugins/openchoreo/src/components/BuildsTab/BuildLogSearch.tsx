import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  BUILD_LOG_SEARCH_MAX_PHRASE,
  type BuildLogSearchResponse,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { openchoreoApiRef, type ComponentRef } from '../../api';
import { formatTimestamp } from '../../utils/time';
import { OpenChoreoErrorPanel } from '../OpenChoreoErrorAlert';
import { StatusChip } from '../StatusChip';

/** Where a search result opens: the run view at the step and line. */
export function matchHref(run: string, step: string, line: number): string {
  const params = new URLSearchParams({ run, step, line: String(line) });
  return `?${params.toString()}`;
}

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching'; phrase: string }
  | { kind: 'done'; result: BuildLogSearchResponse }
  | { kind: 'failed'; phrase: string; error: Error };

/**
 * "When did this error first appear?": searches the logs of the component's builds (kept by its
 * observability plane) for a phrase; results grouped by build (newest first) and step, each line
 * opening the build at that line.
 */
export function BuildLogSearch(props: {
  componentRef: ComponentRef;
  /** Opens a result (the Builds tab sets `?run&step&line`). */
  onOpen: (run: string, step: string, line: number) => void;
}) {
  const api = useApi(openchoreoApiRef);
  const [phrase, setPhrase] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const trimmed = phrase.trim();
  const tooShort = trimmed.length > 0 && trimmed.length < 2;

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    if (trimmed.length < 2) return;
    setState({ kind: 'searching', phrase: trimmed });
    try {
      const result = await api.searchBuildLogs(props.componentRef, trimmed);
      setState({ kind: 'done', result });
    } catch (error) {
      setState({ kind: 'failed', phrase: trimmed, error: error as Error });
    }
  };

  let body = null;
  if (state.kind === 'searching') {
    body = <Progress />;
  } else if (state.kind === 'failed') {
    body = (
      <OpenChoreoErrorPanel
        error={state.error}
        action={`search the build logs for "${state.phrase}"`}
        onRetry={() => search()}
      />
    );
  } else if (state.kind === 'done') {
    body = <SearchResults result={state.result} onOpen={props.onOpen} />;
  }

  return (
    <InfoCard
      title="Search build logs"
      subheader="Find the builds whose logs contain a phrase, e.g. when an error first appeared"
    >
      <form onSubmit={search} role="search" aria-label="Search build logs">
        <Box display="flex" alignItems="flex-start" style={{ gap: 8 }}>
          <TextField
            id="build-log-search-phrase"
            label="Phrase"
            variant="outlined"
            size="small"
            value={phrase}
            onChange={e => setPhrase(e.target.value)}
            error={tooShort}
            helperText={
              tooShort ? 'Type at least 2 characters.' : 'Case-insensitive.'
            }
            inputProps={{ maxLength: BUILD_LOG_SEARCH_MAX_PHRASE }}
            style={{ flexGrow: 1 }}
          />
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={trimmed.length < 2 || state.kind === 'searching'}
          >
            Search
          </Button>
        </Box>
      </form>
      {body && <Box mt={2}>{body}</Box>}
    </InfoCard>
  );
}

function SearchResults(props: {
  result: BuildLogSearchResponse;
  onOpen: (run: string, step: string, line: number) => void;
}) {
  const { result } = props;
  if (result.observability === 'none') {
    return (
      <Alert severity="info" role="note">
        Build logs cannot be searched: no observability plane keeps them.{' '}
        {result.message}
      </Alert>
    );
  }
  const notes = [
    result.truncated &&
      `Searched the newest ${result.searchedBuilds} builds only.`,
    result.unsearchedBuilds &&
      `${result.unsearchedBuilds} build(s) could not be searched: ${
        result.message ?? 'no observability plane keeps their logs.'
      }`,
  ].filter(Boolean);
  return (
    <>
      {notes.map(note => (
        <Box mb={1} key={String(note)}>
          <Alert severity="info">{note}</Alert>
        </Box>
      ))}
      {result.builds.length === 0 ? (
        <Typography variant="body2">
          No build's logs contain "{result.phrase}" (searched{' '}
          {result.searchedBuilds} build{result.searchedBuilds === 1 ? '' : 's'}
          ). Logs are searchable once a build has completed.
        </Typography>
      ) : (
        <Typography variant="body2" gutterBottom>
          {result.builds.length} build{result.builds.length === 1 ? '' : 's'} of{' '}
          {result.searchedBuilds} contain "{result.phrase}", newest first:
        </Typography>
      )}
      <ul
        aria-label="Builds whose logs contain the phrase"
        style={{ paddingLeft: 16 }}
      >
        {result.builds.map(build => (
          <li key={build.run} aria-label={`Build ${build.run}`}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <Typography variant="subtitle2">{build.run}</Typography>
              <StatusChip status={build.status} />
              {build.createdAt && (
                <Typography variant="caption">
                  {formatTimestamp(build.createdAt)}
                </Typography>
              )}
            </Box>
            {build.steps.map(step => (
              <Box key={step.step} ml={2} mb={1}>
                <Typography variant="body2">
                  Step <strong>{step.step}</strong>
                </Typography>
                {step.matches.map(match => (
                  <Box key={match.line} ml={2}>
                    <Link
                      to={matchHref(build.run, step.step, match.line)}
                      onClick={e => {
                        e.preventDefault();
                        props.onOpen(build.run, step.step, match.line);
                      }}
                    >
                      line {match.line}
                    </Link>
                    <Typography
                      component="span"
                      variant="body2"
                      style={{ fontFamily: 'monospace', marginLeft: 8 }}
                    >
                      {match.text}
                    </Typography>
                  </Box>
                ))}
                {step.more && (
                  <Box ml={2}>
                    <Typography variant="caption">
                      More matches in this step: open it to see them all.
                    </Typography>
                  </Box>
                )}
              </Box>
            ))}
          </li>
        ))}
      </ul>
    </>
  );
}
