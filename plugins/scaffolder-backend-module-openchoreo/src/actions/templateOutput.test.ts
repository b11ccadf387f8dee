import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import yaml from 'yaml';
import {
  renderPipelineSnippet,
  type PipelineSnippetPlatform,
} from '@openchoreo-ci/plugin-openchoreo-common';

// The wizard's last page (templates/create-openchoreo-component/template.yaml) shows the publish
// step the action outputs, which comes from the common renderPipelineSnippet: no other snippet
// text may live in the template.

const TEMPLATE = resolvePath(
  __dirname,
  '../../../../templates/create-openchoreo-component/template.yaml',
);

interface OutputText {
  title: string;
  if?: string;
  content: string;
}

const template = yaml.parse(readFileSync(TEMPLATE, 'utf8')) as {
  spec: { output: { text: OutputText[] } };
};
const texts = template.spec.output.text;

/** `${{ steps['create'].output.pipeline.a.b }}` replaced with `pipeline.a.b`, as the scaffolder does. */
function render(content: string, pipeline: Record<string, unknown>): string {
  return content.replace(
    /\$\{\{\s*steps\['create'\]\.output\.pipeline\.([\w.]+)\s*\}\}/g,
    (_, path: string) => {
      const value = path
        .split('.')
        .reduce<unknown>(
          (v, key) => (v as Record<string, unknown> | undefined)?.[key],
          pipeline,
        );
      if (typeof value !== 'string') {
        throw new Error(
          `The template uses pipeline.${path}, which the action does not output`,
        );
      }
      return value;
    },
  );
}

describe("the component template shows the action's publish step", () => {
  const section = texts.find(
    t => t.title === 'Publish step for your pipeline',
  )!;

  it.each<PipelineSnippetPlatform>([
    'jenkins',
    'github-actions',
    'gitlab-ci',
    'shell',
  ])('%s: the snippet verbatim in a code block of its language', platform => {
    const target = {
      namespace: 'default',
      project: 'demo-project',
      component: 'storefront-web',
    };
    const snippet = renderPipelineSnippet(platform, target);
    const page = render(section.content, {
      snippet: {
        language: snippet.language,
        instructions: snippet.instructions,
        text: snippet.text,
      },
      workloadUrl: 'http://api.test/api/v1/namespaces/default/workloads',
      apiUrl: 'http://api.test',
      tokenUrl: 'http://idp.test/oauth2/token',
    });
    expect(page).toContain(
      `\`\`\`${snippet.language}\n${snippet.text}\n\`\`\``,
    );
    expect(page).toContain(snippet.instructions);
  });

  it.each<PipelineSnippetPlatform>([
    'jenkins',
    'github-actions',
    'gitlab-ci',
    'shell',
  ])(
    '%s in GitOps mode: the release step verbatim, only when GitOps is chosen',
    platform => {
      const gitops = texts.find(
        t => t.title === 'Release step for your pipeline (GitOps)',
      )!;
      expect(gitops.if).toContain("parameters.publishMode === 'gitops'");
      expect(section.if).toContain("parameters.publishMode !== 'gitops'");
      const snippet = renderPipelineSnippet(
        platform,
        { namespace: 'default', project: 'demo-project', component: 'orders' },
        { mode: 'gitops' },
      );
      const page = render(gitops.content, {
        gitopsSnippet: {
          language: snippet.language,
          instructions: snippet.instructions,
          text: snippet.text,
        },
      });
      expect(page).toContain(
        `\`\`\`${snippet.language}\n${snippet.text}\n\`\`\``,
      );
      expect(page).toContain(snippet.instructions);
      expect(page).toContain('publish --mode gitops');
    },
  );

  it('has no snippet text of its own (no npx, no old credential id)', () => {
    const all = texts.map(t => t.content).join('\n');
    expect(all).not.toMatch(
      /npx|workload-publisher publish|openchoreo-ci-credentials/,
    );
  });
});
