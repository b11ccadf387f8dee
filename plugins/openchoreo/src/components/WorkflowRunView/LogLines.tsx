import { useEffect, useId, useMemo, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { WorkflowRunLogLine } from '@openchoreo-ci/plugin-openchoreo-common';

const useStyles = makeStyles(theme => ({
  lines: {
    maxHeight: 480,
    overflow: 'auto',
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  line: { display: 'flex', whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
  number: {
    flex: '0 0 4em',
    textAlign: 'right',
    paddingRight: theme.spacing(1),
    color: theme.palette.text.secondary,
    userSelect: 'none',
    textDecoration: 'none',
  },
  linked: { backgroundColor: theme.palette.action.selected },
  match: { backgroundColor: theme.palette.action.hover },
}));

/** The text of the logs as a file: one line each, with its timestamp when known. */
export function logsAsText(lines: WorkflowRunLogLine[]): string {
  return `${lines
    .map(l => (l.timestamp ? `${l.timestamp} ${l.log}` : l.log))
    .join('\n')}\n`;
}

/** Saves `text` as a file through the browser. */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  URL.revokeObjectURL(url);
}

function Highlighted(props: { text: string; query: string }) {
  if (!props.query) return <>{props.text}</>;
  const lower = props.text.toLowerCase();
  const q = props.query.toLowerCase();
  const parts = [];
  let at = 0;
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, at)) {
    parts.push(props.text.slice(at, i));
    parts.push(<mark key={i}>{props.text.slice(i, i + q.length)}</mark>);
    at = i + q.length;
  }
  parts.push(props.text.slice(at));
  return <>{parts}</>;
}

/**
 * Log lines with what a CI log view needs: search (matches highlighted, next/previous), follow
 * (keeps the newest line in view), download, and a link to each line (its number) that opens
 * the page scrolled to that line.
 */
export function LogLines(props: {
  lines: WorkflowRunLogLine[];
  /** The downloaded file's name. */
  fileName: string;
  /** The address of a line (1-based), for its link. */
  lineHref: (line: number) => string;
  /** The line the address points at, highlighted and scrolled to. */
  linkedLine?: number;
  onLinkLine: (line: number) => void;
  /** Offered while the step runs. */
  canFollow: boolean;
}) {
  const classes = useStyles();
  const { lines, linkedLine } = props;
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [follow, setFollow] = useState(linkedLine === undefined);
  const box = useRef<HTMLDivElement>(null);
  const searchId = useId();

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return lines.flatMap((l, i) =>
      l.log.toLowerCase().includes(q) ? [i] : [],
    );
  }, [lines, query]);
  const matchLine = matches.length ? matches[current % matches.length] : -1;

  useEffect(() => {
    if (matchLine >= 0) {
      box.current
        ?.querySelector(`[data-line="${matchLine + 1}"]`)
        ?.scrollIntoView?.({ block: 'center' });
    }
  }, [matchLine]);
  useEffect(() => {
    if (linkedLine !== undefined) {
      box.current
        ?.querySelector(`[data-line="${linkedLine}"]`)
        ?.scrollIntoView?.({ block: 'center' });
    }
  }, [linkedLine, lines.length > 0]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (follow && props.canFollow && box.current) {
      box.current.scrollTop = box.current.scrollHeight;
    }
  }, [follow, props.canFollow, lines.length]);

  const step = (delta: number) =>
    setCurrent(c =>
      matches.length ? (c + delta + matches.length) % matches.length : 0,
    );

  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        style={{ gap: 8 }}
      >
        <TextField
          id={searchId}
          size="small"
          variant="outlined"
          label="Search logs"
          value={query}
          onChange={e => {
            setQuery(e.target.value);
            setCurrent(0);
          }}
          onKeyDown={e => {
            if (e.key === 'Enter') step(e.shiftKey ? -1 : 1);
          }}
        />
        {query.trim() && (
          <Typography variant="body2" role="status">
            {matches.length
              ? `${(current % matches.length) + 1} of ${matches.length} matches`
              : 'No matches'}
          </Typography>
        )}
        <Button
          size="small"
          disabled={!matches.length}
          onClick={() => step(-1)}
        >
          Previous match
        </Button>
        <Button size="small" disabled={!matches.length} onClick={() => step(1)}>
          Next match
        </Button>
        {props.canFollow && (
          <FormControlLabel
            control={
              <Checkbox
                checked={follow}
                onChange={e => setFollow(e.target.checked)}
                size="small"
              />
            }
            label="Follow"
          />
        )}
        <Button
          size="small"
          variant="outlined"
          disabled={!lines.length}
          onClick={() => download(props.fileName, logsAsText(lines))}
        >
          Download logs
        </Button>
      </Box>
      <div
        className={classes.lines}
        ref={box}
        role="log"
        aria-label="log lines"
      >
        {lines.map((l, i) => {
          const n = i + 1;
          const linked = n === linkedLine;
          return (
            <div
              key={n}
              data-line={n}
              aria-current={linked ? 'true' : undefined}
              className={`${classes.line} ${linked ? classes.linked : ''} ${
                i === matchLine ? classes.match : ''
              }`}
              title={l.timestamp}
            >
              <a
                className={classes.number}
                href={props.lineHref(n)}
                aria-label={`Link to line ${n}`}
                onClick={e => {
                  e.preventDefault();
                  props.onLinkLine(n);
                }}
              >
                {n}
              </a>
              <span>
                <Highlighted text={l.log} query={query.trim()} />
              </span>
            </div>
          );
        })}
      </div>
    </Box>
  );
}
