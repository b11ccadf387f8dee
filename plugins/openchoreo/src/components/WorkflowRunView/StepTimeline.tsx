import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import { styled } from '@mui/material/styles';
import type { WorkflowRunStep } from '@openchoreo-ci/plugin-openchoreo-common';
import { formatDuration } from '../../utils/time';
import { StatusChip } from '../StatusChip';

const Track = styled('span')(({ theme }) => ({
  display: 'block',
  position: 'relative',
  height: 6,
  marginTop: 4,
  backgroundColor: theme.palette.action.hover,
  borderRadius: 3,
}));

const Bar = styled('span')(({ theme }) => ({
  position: 'absolute',
  top: 0,
  bottom: 0,
  borderRadius: 3,
  backgroundColor: theme.palette.primary.main,
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
  const spans = stepSpans(props.steps);
  return (
    <List dense aria-label="steps">
      {props.steps.map((s, i) => (
        <ListItemButton
          key={s.name}
          selected={s.name === props.selected}
          onClick={() => props.onSelect(s.name)}
          aria-label={`Step ${s.name}`}
        >
          <ListItemText
            primary={
              <Box display="flex" justifyContent="space-between" gap={1}>
                <span>{s.name}</span>
                <StatusChip status={s.phase} />
              </Box>
            }
            secondary={
              <>
                {formatDuration(s.startedAt, s.finishedAt) ?? 'not started'}
                <Track>
                  {spans[i] && (
                    <Bar
                      style={{
                        left: `${spans[i]!.left}%`,
                        width: `${spans[i]!.width}%`,
                      }}
                    />
                  )}
                </Track>
              </>
            }
          />
        </ListItemButton>
      ))}
    </List>
  );
}
