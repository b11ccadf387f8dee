import type { AuthzHierarchy } from '../api/authz/actions';
import { workflowRunHierarchy } from '../api/authz/hierarchies';
import type { ResourceObject, ResourceStore } from '../api/store';
import type { RunEvent, RunObservability } from '../api/simulation/types';

/** One archived log line of a workflow run's task. */
export interface ArchivedLine {
  timestamp: string;
  log: string;
  task: string;
}

/** One archived Kubernetes event of a workflow run (of a task, or of the run itself). */
export interface ArchivedEvent extends RunEvent {
  task?: string;
  objectName: string;
  objectNamespace: string;
}

/** What the observability plane kept of one workflow run. */
export interface ArchivedRun {
  namespace: string;
  name: string;
  /** Where the run sits in the authorization hierarchy, as when it was archived. */
  hierarchy: AuthzHierarchy;
  lines: ArchivedLine[];
  events: ArchivedEvent[];
}

/**
 * The observability plane's store of workflow-run logs and events (OpenSearch in OpenChoreo):
 * what the build's pods wrote, kept after the pods and the run are gone. In memory, like the
 * rest of the devstack.
 */
export class ObserverArchive {
  private readonly runs = new Map<string, ArchivedRun>();

  has(namespace: string, name: string): boolean {
    return this.runs.has(`${namespace}/${name}`);
  }

  get(namespace: string, name: string): ArchivedRun | undefined {
    return this.runs.get(`${namespace}/${name}`);
  }

  /** The archived runs of a namespace, in archive order. */
  inNamespace(namespace: string): ArchivedRun[] {
    return [...this.runs.values()].filter(r => r.namespace === namespace);
  }

  /** Stores (or replaces) what was kept of a run. */
  put(run: ArchivedRun): void {
    this.runs.set(`${run.namespace}/${run.name}`, run);
  }

  clear(): void {
    this.runs.clear();
  }
}

/**
 * Copies a run's log lines and events from the workflow plane (the simulation) into the
 * archive: each task's lines, each task's events, and the run's own events. False when the
 * simulation has nothing (yet, or no longer) for the run.
 */
export function archiveRun(
  archive: ObserverArchive,
  source: RunObservability,
  run: ResourceObject,
): boolean {
  const namespace = run.metadata.namespace ?? '';
  const name = run.metadata.name;
  const all = source.events(namespace, name, {});
  if (!all) return false;
  const tasks = (
    (run.status?.tasks ?? []) as Array<{ name?: string; startedAt?: string }>
  )
    .filter(t => t.name && t.startedAt)
    .map(t => t.name as string);
  const podOf = (task?: string) => (task ? `${name}-${task}` : name);
  // The run's whole log and event stream in the workflow plane's order; each entry is
  // attributed to the task whose own stream holds it next.
  const queues = new Map<string, string[]>();
  const eventTask = new Map<string, string>();
  for (const task of tasks) {
    queues.set(
      task,
      (source.logs(namespace, name, { task }) ?? []).map(line =>
        JSON.stringify([line.timestamp, line.log]),
      ),
    );
    for (const event of source.events(namespace, name, { task }) ?? []) {
      eventTask.set(JSON.stringify(event), task);
    }
  }
  const lines: ArchivedLine[] = [];
  for (const line of source.logs(namespace, name, {}) ?? []) {
    const key = JSON.stringify([line.timestamp, line.log]);
    const task = tasks.find(t => queues.get(t)?.[0] === key);
    if (!task) continue;
    queues.get(task)!.shift();
    lines.push({
      timestamp: line.timestamp ?? new Date(0).toISOString(),
      log: line.log,
      task,
    });
  }
  const events: ArchivedEvent[] = all.map(event => {
    const task = eventTask.get(JSON.stringify(event));
    return {
      ...event,
      ...(task ? { task } : {}),
      objectName: podOf(task),
      objectNamespace: `workflows-${namespace}`,
    };
  });
  archive.put({
    namespace,
    name,
    hierarchy: workflowRunHierarchy(run),
    lines,
    events,
  });
  return true;
}

/** True for a run whose status says it completed. */
export function isCompletedRun(run: ResourceObject): boolean {
  return typeof run.status?.completedAt === 'string';
}

/**
 * Ships each completed run's logs and events into the archive as it completes (like the log
 * collector, which has them by then), so they outlive the pods. Returns the unsubscribe.
 */
export function archiveCompletedRuns(
  store: ResourceStore,
  archive: ObserverArchive,
  source: RunObservability,
): () => void {
  return store.subscribe(event => {
    const run = event.object;
    // A build completing on the workflow plane (runs created already complete, such as seeded
    // history, ran before this observability plane existed).
    if (run.kind !== 'WorkflowRun' || event.type !== 'replaced') return;
    if (!isCompletedRun(run)) return;
    if (archive.has(run.metadata.namespace ?? '', run.metadata.name)) return;
    archiveRun(archive, source, run);
  });
}
