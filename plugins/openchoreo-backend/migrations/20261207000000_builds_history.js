// @ts-check

/**
 * The builds history: one row per workflow run (the summary the views need), and the state of
 * the background scan of each namespace.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('openchoreo_build_runs', table => {
    table.comment(
      'The builds (workflow runs) the portal has seen, one row per run',
    );
    table.string('namespace', 63).notNullable();
    table.string('name', 253).notNullable();
    table.string('project', 63).nullable();
    table.string('component', 63).nullable();
    table.string('workflow', 253).nullable().comment('kind/name');
    table.string('status', 16).notNullable();
    table.string('reason', 255).nullable();
    table.string('commit', 64).nullable();
    table.string('branch', 255).nullable();
    table.string('trigger_kind', 16).nullable();
    table.string('triggered_by', 255).nullable();
    // ISO-8601 strings as OpenChoreo sends them: they sort as times and compare exactly.
    table.string('created_at', 40).notNullable();
    table.string('started_at', 40).nullable();
    table.string('completed_at', 40).nullable();
    table
      .bigInteger('deleted_upstream_at')
      .nullable()
      .comment('When the portal learnt OpenChoreo no longer has the run (ms)');
    table
      .bigInteger('seen_at')
      .notNullable()
      .comment('When a scan or a read last found the run upstream (ms)');
    table.bigInteger('updated_at').notNullable();
    table
      .text('summary')
      .notNullable()
      .comment('The WorkflowRunSummary as JSON');
    table.primary(['namespace', 'name']);
    table.index(
      ['namespace', 'component', 'created_at', 'name'],
      'openchoreo_build_runs_component_idx',
    );
    table.index(['namespace', 'status'], 'openchoreo_build_runs_status_idx');
    table.index(['deleted_upstream_at'], 'openchoreo_build_runs_deleted_idx');
  });
  await knex.schema.createTable('openchoreo_build_scans', table => {
    table.comment(
      'The background scan of the builds: one row per namespace, "*" for the task',
    );
    table.string('scope', 63).notNullable().primary();
    table.bigInteger('started_at').nullable();
    table.bigInteger('full_scan_at').nullable();
    table.bigInteger('completed_at').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('openchoreo_build_scans');
  await knex.schema.dropTable('openchoreo_build_runs');
};
