#!/usr/bin/env node
/*
 * Bundles the CLI into ONE self-contained file that needs only Node.js 18+ (no npm registry,
 * no node_modules), for pipelines that publish a workload.yaml descriptor:
 *
 *   yarn workspace @openchoreo-ci/workload-publisher bundle [output file]
 *
 * Default output: dist-bundle/openchoreo-publish-workload.cjs in this package. Run it with
 * `node openchoreo-publish-workload.cjs publish --help`.
 */
const { buildSync } = require('esbuild');
const { chmodSync, statSync } = require('node:fs');
const { resolve } = require('node:path');

const outfile = resolve(
  process.argv[2] ??
    resolve(__dirname, '../dist-bundle/openchoreo-publish-workload.cjs'),
);
buildSync({
  entryPoints: [resolve(__dirname, '../src/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'eof',
  logLevel: 'warning',
});
chmodSync(outfile, 0o755);
process.stdout.write(
  `${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)\n`,
);
