import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import type { WorkflowRunStep } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatDuration } from '../../utils/time';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 6,
    marginTop: 4,
    backgroundColor: theme.palette.action.hover,
    borderRadius: 3,
  },
  bar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderRadius: 3,
    backgroundColor: theme.palette.primary.main,
  },
}));

/** Where each step sat in the build's time, as percentages of the whole. */
export function stepSpans(
  steps: WorkflowRunStep[],
  now: number = Date.now(),
): Array<{ left: number; width: number } | undefined> {
  const times = steps.flatMap(s => {
    if (!s.startedAt) return [];
    const start = Date.parse(s.startedAt);
    const end = s.finishedAt ? Date.parse(s.finishedAt) : now;
    return [{ start, end }];
  });
  if (!times.length) return steps.map(() => undefined);
  const first = Math.min(...times.map(t => t.start));
  const total = Math.max(1, Math.max(...times.map(t => t.end)) - first);
  return steps.map(s => {
    if (!s.startedAt) return undefined;
    const start = Date.parse(s.startedAt);
    const end = s.finishedAt ? Date.parse(s.finishedAt) : now;
    return {
      left: ((start - first) / total) * 100,
      width: Math.max(1, ((end - start) / total) * 100),
    };
  });
}

/** The build's steps in order: status, duration and a bar showing when each ran. */
export function StepTimeline(props: {
  steps: WorkflowRunStep[];
  selected?: string;
  onSelect: (step: string) => void;
}) {
  const classes = useStyles();
  const spans = stepSpans(props.steps);
  return (
    <List dense aria-label="steps">
      {props.steps.map((s, i) => (
        <ListItem
          key={s.name}
          button
          selected={s.name === props.selected}
          onClick={() => props.onSelect(s.name)}
          aria-label={`Step ${s.name}`}
        >
          <ListItemText
            primary={
              <Box
                display="flex"
                justifyContent="space-between"
                style={{ gap: 8 }}
              >
                <span>{s.name}</span>
                <StatusChip status={s.phase} />
              </Box>
            }
            secondary={
              <>
                {formatDuration(s.startedAt, s.finishedAt) ?? 'not started'}
                <span className={classes.track} style={{ display: 'block' }}>
                  {spans[i] && (
                    <span
                      className={classes.bar}
                      style={{
                        left: `${spans[i]!.left}%`,
                        width: `${spans[i]!.width}%`,
                      }}
                    />
                  )}
                </span>
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
