import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  WorkflowRunPage,
  WorkflowRunSummary,
} from '@openchoreo-ci/plugin-openchoreo-common';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const RUNS = 'openchoreo_build_runs';
const SCANS = 'openchoreo_build_scans';
/** The row of {@link SCANS} the scheduled task claims (namespaces have their own rows). */
const TASK_SCOPE = '*';
/** Rows per insert: well under SQLite's limit of bound variables with 18 columns. */
const BATCH = 50;
/** How many unfinished runs one scan re-reads at most (the oldest updates first). */
const MAX_UNFINISHED = 500;

const migrationsDir = resolvePackagePath(
  '@openchoreo-ci/plugin-openchoreo-backend',
  'migrations',
);

/** A keyset position in a build list: the last run's creation time and name. */
interface Cursor {
  createdAt: string;
  name: string;
}

/** What a namespace's scans have done so far. */
export interface NamespaceScanState {
  /** When the last full scan (every page) started, ms; undefined: never. */
  fullScanAt?: number;
  /** When the last scan of any kind ended, ms. */
  completedAt?: number;
}

/**
 * The builds history in the plugin's database (PostgreSQL across replicas, or SQLite): one row
 * per run with the summary the views show, newest first per component by an index on
 * (namespace, component, created, name), so a page costs the same at 1,000 runs as at 50,000.
 * Runs OpenChoreo deleted keep their row, marked with when that was learnt, until the
 * retention removes them; the lists show only runs OpenChoreo still has.
 */
export class BuildHistoryStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => number,
  ) {}

  /** Opens the history on the plugin's database, migrating it unless Backstage says not to. */
  static async create(options: {
    database: DatabaseService;
    now?: () => number;
  }): Promise<BuildHistoryStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: migrationsDir,
        tableName: 'openchoreo_knex_migrations',
      });
    }
    return new BuildHistoryStore(knex, options.now ?? Date.now);
  }

  /** Writes runs as they are now (found upstream at `seenAt`); a deleted mark is cleared. */
  async upsert(
    summaries: WorkflowRunSummary[],
    seenAt = this.now(),
  ): Promise<void> {
    const updatedAt = this.now();
    const rows = summaries
      .filter(run => run.createdAt)
      .map(run => toRow(run, seenAt, updatedAt));
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await this.knex(RUNS)
        .insert(batch)
        .onConflict(['namespace', 'name'])
        .merge([
          'project',
          'component',
          'workflow',
          'status',
          'reason',
          'commit',
          'branch',
          'trigger_kind',
          'triggered_by',
          'created_at',
          'started_at',
          'completed_at',
          'deleted_upstream_at',
          'seen_at',
          'updated_at',
          'summary',
        ]);
    }
  }

  /** One page of a component's runs that OpenChoreo still has, newest first. */
  async page(
    namespace: string,
    component: string,
    query: { limit: number; cursor?: string },
  ): Promise<WorkflowRunPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows: Array<{ summary: string }> = await this.knex(RUNS)
      .select('summary')
      .where({ namespace, component })
      .whereNull('deleted_upstream_at')
      .modify(builder => {
        if (after) {
          builder.andWhere(inner =>
            inner
              .where('created_at', '<', after.createdAt)
              .orWhere(same =>
                same
                  .where('created_at', '=', after.createdAt)
                  .andWhere('name', '<', after.name),
              ),
          );
        }
      })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'name', order: 'desc' },
      ])
      .limit(query.limit + 1);
    const items = rows
      .slice(0, query.limit)
      .map(row => JSON.parse(row.summary) as WorkflowRunSummary);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > query.limit && last
        ? {
            nextCursor: encodeCursor({
              createdAt: last.createdAt ?? '',
              name: last.name,
            }),
          }
        : {}),
    };
  }

  /** Whether the history holds a run of the component that OpenChoreo still has. */
  async hasLiveRuns(namespace: string, component: string): Promise<boolean> {
    const row = await this.knex(RUNS)
      .select('name')
      .where({ namespace, component })
      .whereNull('deleted_upstream_at')
      .first();
    return !!row;
  }

  /** How many runs of the namespace OpenChoreo still has, as far as the history knows. */
  async liveCount(namespace: string): Promise<number> {
    const row = await this.knex(RUNS)
      .count({ count: '*' })
      .where({ namespace })
      .whereNull('deleted_upstream_at')
      .first();
    return Number(row?.count ?? 0);
  }

  /** Runs of the namespace that may still change (pending or running), least recently updated first. */
  async unfinished(namespace: string): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.knex(RUNS)
      .select('name')
      .where({ namespace })
      .whereIn('status', ['Pending', 'Running'])
      .whereNull('deleted_upstream_at')
      .orderBy('updated_at', 'asc')
      .limit(MAX_UNFINISHED);
    return rows.map(row => row.name);
  }

  /** Marks runs OpenChoreo no longer has (cancelled by the portal, or found gone). */
  async markDeleted(namespace: string, names: string[]): Promise<void> {
    if (!names.length) return;
    const at = this.now();
    await this.knex(RUNS)
      .where({ namespace })
      .whereIn('name', names)
      .whereNull('deleted_upstream_at')
      .update({ deleted_upstream_at: at, updated_at: at });
  }

  /**
   * After a complete listing that started at `listedFrom`: marks the runs of the namespace (or
   * of one component) it did not find as deleted upstream. Runs written since it started (the
   * portal's own) are left alone.
   */
  async markUnseenDeleted(
    namespace: string,
    listedFrom: number,
    component?: string,
  ): Promise<number> {
    const at = this.now();
    return this.knex(RUNS)
      .where({ namespace, ...(component ? { component } : {}) })
      .whereNull('deleted_upstream_at')
      .andWhere('seen_at', '<', listedFrom)
      .update({ deleted_upstream_at: at, updated_at: at });
  }

  /** Removes runs deleted upstream longer than `retentionMs` ago; returns how many. */
  async purgeDeleted(retentionMs: number): Promise<number> {
    return this.knex(RUNS)
      .where('deleted_upstream_at', '<=', this.now() - retentionMs)
      .delete();
  }

  /**
   * Claims the scan for this replica when no replica started one within `minGapMs`: true for
   * exactly one of the replicas sharing the database (a conditional update is atomic).
   */
  async claimScan(minGapMs: number): Promise<boolean> {
    const now = this.now();
    await this.knex(SCANS)
      .insert({ scope: TASK_SCOPE })
      .onConflict('scope')
      .ignore();
    const updated = await this.knex(SCANS)
      .where({ scope: TASK_SCOPE })
      .andWhere(inner =>
        inner
          .whereNull('started_at')
          .orWhere('started_at', '<=', now - minGapMs),
      )
      .update({ started_at: now });
    return updated === 1;
  }

  /** What the scans of a namespace have done. */
  async namespaceScan(namespace: string): Promise<NamespaceScanState> {
    const row = await this.knex(SCANS)
      .select('full_scan_at', 'completed_at')
      .where({ scope: namespace })
      .first();
    const known = (value: unknown) => value !== null && value !== undefined;
    return {
      ...(known(row?.full_scan_at)
        ? { fullScanAt: Number(row.full_scan_at) }
        : {}),
      ...(known(row?.completed_at)
        ? { completedAt: Number(row.completed_at) }
        : {}),
    };
  }

  /** Records a scan of a namespace that ended now; `fullFrom`: a full scan started then. */
  async recordNamespaceScan(
    namespace: string,
    fullFrom?: number,
  ): Promise<void> {
    const completedAt = this.now();
    await this.knex(SCANS)
      .insert({
        scope: namespace,
        completed_at: completedAt,
        ...(fullFrom !== undefined ? { full_scan_at: fullFrom } : {}),
      })
      .onConflict('scope')
      .merge(
        fullFrom !== undefined
          ? ['completed_at', 'full_scan_at']
          : ['completed_at'],
      );
  }
}

function toRow(run: WorkflowRunSummary, seenAt: number, updatedAt: number) {
  return {
    namespace: run.namespace,
    name: run.name,
    project: run.project ?? null,
    component: run.component ?? null,
    workflow: run.workflow ? `${run.workflow.kind}/${run.workflow.name}` : null,
    status: run.status,
    reason: run.reason?.slice(0, 255) ?? null,
    commit: run.commit ?? null,
    branch: run.branch?.slice(0, 255) ?? null,
    trigger_kind: run.trigger?.kind ?? null,
    triggered_by: run.trigger?.user?.slice(0, 255) ?? null,
    created_at: run.createdAt ?? '',
    started_at: run.startedAt ?? null,
    completed_at: run.completedAt ?? null,
    deleted_upstream_at: null,
    seen_at: seenAt,
    updated_at: updatedAt,
    summary: JSON.stringify(run),
  };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.name])).toString(
    'base64url',
  );
}

function decodeCursor(text: string): Cursor {
  try {
    const [createdAt, name] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    if (typeof createdAt === 'string' && typeof name === 'string' && name) {
      return { createdAt, name };
    }
  } catch {
    // reported below
  }
  throw new InputError(
    'Invalid cursor: pass the nextCursor of the previous page unchanged, or leave it out for the first page',
  );
}

/** The keyset cursor of {@link BuildHistoryStore.page}, for lists made in memory alike. */
export const historyCursor = { encode: encodeCursor, decode: decodeCursor };
