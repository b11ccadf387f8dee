import { PUBLISH_WORKLOAD_SCRIPT } from '@openchoreo-ci/plugin-openchoreo-common';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectedPipelineTemplates } from './pipelineTemplates';
import { expectedScriptModule, PUBLISH_SCRIPT_PATH } from './scriptModule';

const REGENERATE =
  'run `yarn workspace @openchoreo-ci/workload-publisher generate`';

describe('the files derived from scripts/publish-workload.sh', () => {
  const script = readFileSync(PUBLISH_SCRIPT_PATH, 'utf8');

  it('openchoreo-common embeds exactly the script this package tests', () => {
    const { path, content } = expectedScriptModule();
    expect({ file: readFileSync(path, 'utf8'), hint: REGENERATE }).toEqual({
      file: content,
      hint: REGENERATE,
    });
    expect(PUBLISH_WORKLOAD_SCRIPT).toBe(script);
  });

  it.each(expectedPipelineTemplates().map(file => [file.path, file.content]))(
    '%s carries the rendered publish step',
    (path, content) => {
      expect({ file: readFileSync(path, 'utf8'), hint: REGENERATE }).toEqual({
        file: content,
        hint: REGENERATE,
      });
    },
  );

  it('can be embedded verbatim in Groovy and YAML', () => {
    // Groovy's '''...''' would turn a backslash into an escape and end at ''';
    // GitHub Actions would evaluate ${{ }}; YAML forbids tab indentation.
    expect(script).not.toContain('\\');
    expect(script).not.toContain("'''");
    expect(script).not.toContain('${{');
    expect(script).not.toContain('\t');
    // No here-documents: the snippets indent every line.
    expect(script).not.toMatch(/<<-?\s*['"]?\w/);
  });

  it('is POSIX sh: dash parses it', () => {
    expect(() =>
      execFileSync('sh', ['-n', PUBLISH_SCRIPT_PATH], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
