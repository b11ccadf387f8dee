#!/usr/bin/env node
/*
 * Writes the files derived from scripts/publish-workload.sh (checked by
 * src/generate/generatedFiles.test.ts):
 *
 *   yarn workspace @openchoreo-ci/workload-publisher generate
 *
 * First openchoreo-common's PUBLISH_WORKLOAD_SCRIPT, then, in a fresh process that loads the new
 * script, the publish step of each pipeline in templates/pipelines/.
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, relative } = require('node:path');

const step = process.argv[2];
if (step === undefined) {
  for (const next of ['script', 'templates']) {
    execFileSync(process.execPath, [__filename, next], { stdio: 'inherit' });
  }
} else {
  require('@backstage/cli/config/nodeTransform.cjs');
  const files =
    step === 'script'
      ? [require('../src/generate/scriptModule').expectedScriptModule()]
      : require('../src/generate/pipelineTemplates').expectedPipelineTemplates();
  for (const { path, content } of files) {
    let current;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = undefined;
    }
    const name = relative(process.cwd(), path);
    if (current === content) {
      process.stdout.write(`${name}: up to date\n`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      process.stdout.write(`${name}: written\n`);
    }
  }
}
