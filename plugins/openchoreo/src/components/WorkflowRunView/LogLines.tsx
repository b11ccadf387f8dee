import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { styled } from '@mui/material/styles';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { WorkflowRunLogLine } from '@openchoreo-ci/plugin-openchoreo-common';
import { useLogSearch } from '../../hooks/useLogSearch';

/** Height of an unwrapped line; wrapped lines are measured once drawn. */
const LINE_HEIGHT = 20;

/**
 * The scrolling box. Only the lines in view (and a few around them) are in the DOM, placed
 * inside a spacer as tall as all lines; the box shrinks to fit short logs.
 */
const LinesBox = styled('div')(({ theme }) => ({
  maxHeight: 480,
  overflow: 'auto',
  fontFamily: 'monospace',
  fontSize: '0.8rem',
  lineHeight: `${LINE_HEIGHT}px`,
  backgroundColor: theme.palette.background.default,
  border: `1px solid ${theme.palette.divider}`,
  borderRadius: theme.shape.borderRadius,
  '& .log-line': {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    display: 'flex',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
  },
  '& .log-line-number': {
    flex: '0 0 auto',
    textAlign: 'right',
    paddingRight: theme.spacing(1),
    color: theme.palette.text.secondary,
    userSelect: 'none',
    textDecoration: 'none',
  },
  '& .log-line-linked': { backgroundColor: theme.palette.action.selected },
  '& .log-line-match': { backgroundColor: theme.palette.action.hover },
}));

/** The text of the logs as a file: one line each, with its timestamp when known. */
export function logsAsText(lines: readonly WorkflowRunLogLine[]): string {
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

/** One line, placed by the virtualizer; drawn again only when its own props change. */
const LogRow = memo(function Row(props: {
  index: number;
  line: WorkflowRunLogLine;
  start: number;
  href: string;
  linked: boolean;
  match: boolean;
  query: string;
  numberWidth: string;
  measure: (element: HTMLElement | null) => void;
  onLink: (line: number) => void;
}) {
  const n = props.index + 1;
  const classes = ['log-line'];
  if (props.linked) classes.push('log-line-linked');
  if (props.match) classes.push('log-line-match');
  return (
    <div
      ref={props.measure}
      data-index={props.index}
      data-line={n}
      aria-current={props.linked ? 'true' : undefined}
      className={classes.join(' ')}
      style={{ transform: `translateY(${props.start}px)` }}
      title={props.line.timestamp}
    >
      <a
        className="log-line-number"
        style={{ width: props.numberWidth }}
        href={props.href}
        aria-label={`Link to line ${n}`}
        onClick={e => {
          e.preventDefault();
          props.onLink(n);
        }}
      >
        {n}
      </a>
      <span>
        <Highlighted text={props.line.log} query={props.query} />
      </span>
    </div>
  );
});

/** The toolbar's state line: matches, or what copying did. */
function searchStatus(
  query: string,
  matches: number[],
  current: number,
): string {
  if (!query) return '';
  return matches.length
    ? `${(current % matches.length) + 1} of ${matches.length} matches`
    : 'No matches';
}

/**
 * The toolbar: search (with the match count and next/previous), Follow, Copy and Download.
 * It keeps the typed text itself, so a keystroke draws only the toolbar; the lines follow with
 * `onSearch`, as a transition React may interrupt for the next keystroke. Memoised so that
 * scrolling the lines does not draw it again.
 */
const LogToolbar = memo(function Toolbar(props: {
  onSearch: (typed: string) => void;
  status: string;
  onStep: (delta: number) => void;
  hasMatches: boolean;
  canFollow: boolean;
  follow: boolean;
  onFollow: (follow: boolean) => void;
  hasLines: boolean;
  onCopy: () => void;
  copied?: string;
  onDownload: () => void;
}) {
  const searchId = useId();
  const [typed, setTyped] = useState('');
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        mb: 1,
        gap: 1,
      }}
    >
      <TextField
        id={searchId}
        size="small"
        variant="outlined"
        label="Search logs"
        value={typed}
        onChange={e => {
          setTyped(e.target.value);
          props.onSearch(e.target.value);
        }}
        onKeyDown={e => {
          if (e.key === 'Enter') props.onStep(e.shiftKey ? -1 : 1);
        }}
      />
      {props.status && (
        <Typography variant="body2" role="status">
          {props.status}
        </Typography>
      )}
      <Button
        size="small"
        disabled={!props.hasMatches}
        onClick={() => props.onStep(-1)}
      >
        Previous match
      </Button>
      <Button
        size="small"
        disabled={!props.hasMatches}
        onClick={() => props.onStep(1)}
      >
        Next match
      </Button>
      {props.canFollow && (
        <FormControlLabel
          control={
            <Checkbox
              checked={props.follow}
              onChange={e => props.onFollow(e.target.checked)}
              size="small"
            />
          }
          label="Follow"
        />
      )}
      <Button
        size="small"
        variant="outlined"
        disabled={!props.hasLines}
        onClick={props.onCopy}
      >
        Copy logs
      </Button>
      <Button
        size="small"
        variant="outlined"
        disabled={!props.hasLines}
        onClick={props.onDownload}
      >
        Download logs
      </Button>
      {props.copied && (
        <Typography variant="body2" role="status">
          {props.copied}
        </Typography>
      )}
    </Box>
  );
});

/**
 * Log lines with what a CI log view needs: search (matches highlighted, next/previous), follow
 * (keeps the newest line in view), copy, download, and a link to each line (its number) that
 * opens the page scrolled to that line. Only the lines in view are drawn, so a step of 50,000
 * lines costs no more DOM than one of 50, and the search runs after the keystroke is shown.
 */
export function LogLines(props: {
  lines: readonly WorkflowRunLogLine[];
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
  const { lines, linkedLine, canFollow } = props;
  const [typed, setTyped] = useState('');
  const [current, setCurrent] = useState(0);
  const [follow, setFollow] = useState(linkedLine === undefined);
  const [copied, setCopied] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  const search = useLogSearch(lines, typed);
  const { matches } = search;
  const matchLine = matches.length ? matches[current % matches.length] : -1;

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => box.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 10,
  });

  useEffect(() => {
    if (matchLine >= 0)
      virtualizer.scrollToIndex(matchLine, { align: 'center' });
  }, [matchLine, virtualizer]);
  useEffect(() => {
    if (linkedLine !== undefined && linkedLine <= lines.length) {
      virtualizer.scrollToIndex(linkedLine - 1, { align: 'center' });
    }
  }, [linkedLine, lines.length > 0]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (follow && canFollow && lines.length) {
      virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
    }
  }, [follow, canFollow, lines.length, virtualizer]);

  const matchCount = matches.length;
  const step = useCallback(
    (delta: number) =>
      setCurrent(c => (matchCount ? (c + delta + matchCount) % matchCount : 0)),
    [matchCount],
  );
  const onSearch = useCallback(
    (value: string) =>
      startTransition(() => {
        setTyped(value);
        setCurrent(0);
      }),
    [],
  );
  const onCopy = useCallback(() => {
    // Every line, not only those drawn: a virtualized list cannot be selected as a whole.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(logsAsText(lines)))
      .then(
        () => setCopied(`Copied ${lines.length} lines`),
        () => setCopied('Could not copy: the browser refused the clipboard'),
      );
  }, [lines]);
  const { fileName } = props;
  const onDownload = useCallback(
    () => download(fileName, logsAsText(lines)),
    [fileName, lines],
  );
  const numberWidth = `${String(lines.length).length + 1}ch`;
  // The rows are memoised: a stable callback, whatever the parent passes on each render.
  const onLinkLine = useRef(props.onLinkLine);
  onLinkLine.current = props.onLinkLine;
  const onLink = useCallback((n: number) => onLinkLine.current(n), []);

  return (
    <Box>
      <LogToolbar
        onSearch={onSearch}
        status={searchStatus(search.query, matches, current)}
        onStep={step}
        hasMatches={matchCount > 0}
        canFollow={canFollow}
        follow={follow}
        onFollow={setFollow}
        hasLines={lines.length > 0}
        onCopy={onCopy}
        copied={copied}
        onDownload={onDownload}
      />
      <LinesBox ref={box} role="log" aria-label="log lines">
        <div
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map(item => (
            <LogRow
              key={item.key}
              index={item.index}
              line={lines[item.index]}
              start={item.start}
              href={props.lineHref(item.index + 1)}
              linked={item.index + 1 === linkedLine}
              match={item.index === matchLine}
              query={search.query}
              numberWidth={numberWidth}
              measure={virtualizer.measureElement}
              onLink={onLink}
            />
          ))}
        </div>
      </LinesBox>
    </Box>
  );
}
