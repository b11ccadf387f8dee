// The ready pipelines in templates/pipelines/ carry the same publish step the portal shows:
// the text between their `BEGIN generated` and `END generated` lines is the rendered snippet
// (the API mode's publish step, or the GitOps mode's release step).
import {
  renderPipelineSnippet,
  type PipelineSnippetPlatform,
  type PublishMode,
} from '@openchoreo-ci/plugin-openchoreo-common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './scriptModule';

/** The ready pipelines and the platform of each. */
export const PIPELINE_TEMPLATES: ReadonlyArray<{
  path: string;
  platform: PipelineSnippetPlatform;
  mode: PublishMode;
}> = [
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/Jenkinsfile'),
    platform: 'jenkins',
    mode: 'api',
  },
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/github-actions.yaml'),
    platform: 'github-actions',
    mode: 'api',
  },
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/gitlab-ci.yaml'),
    platform: 'gitlab-ci',
    mode: 'api',
  },
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/Jenkinsfile.gitops'),
    platform: 'jenkins',
    mode: 'gitops',
  },
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/github-actions-gitops.yaml'),
    platform: 'github-actions',
    mode: 'gitops',
  },
  {
    path: resolve(REPO_ROOT, 'templates/pipelines/gitlab-ci-gitops.yaml'),
    platform: 'gitlab-ci',
    mode: 'gitops',
  },
];

/**
 * The ready pipelines are generic: the URLs come from the CI's settings (Jenkins credentials,
 * GitHub/GitLab variables) as OpenChoreo's guide describes; the names are placeholders.
 */
export const TEMPLATE_TARGET = {
  namespace: 'default',
  project: 'my-project',
  component: 'my-service',
};

const BEGIN = /^([ \t]*)(#|\/\/) BEGIN generated: .*$/m;
const END = /^[ \t]*(#|\/\/) END generated$/m;

/**
 * The template with the lines between its `BEGIN generated: ...` and `END generated` marker
 * lines replaced by the rendered publish step, indented like the BEGIN marker, and a blank line.
 */
export function spliceTemplate(
  template: string,
  platform: PipelineSnippetPlatform,
  mode: PublishMode = 'api',
): string {
  const begin = BEGIN.exec(template);
  const end = END.exec(template);
  if (!begin || !end || end.index < begin.index) {
    throw new Error(
      `The ${platform} ${mode} pipeline has no "BEGIN generated: ..." and "END generated" marker lines`,
    );
  }
  const indent = begin[1];
  const snippet = renderPipelineSnippet(platform, TEMPLATE_TARGET, { mode })
    .text.split('\n')
    .map(line => (line === '' ? '' : `${indent}${line}`))
    .join('\n');
  const afterBegin = begin.index + begin[0].length + 1;
  // The blank line ends a YAML block scalar before the END comment (as Prettier writes it).
  return `${template.slice(0, afterBegin)}${snippet}\n\n${template.slice(
    end.index,
  )}`;
}

/** Each pipeline's path and the content it must have. */
export function expectedPipelineTemplates(): Array<{
  path: string;
  content: string;
}> {
  return PIPELINE_TEMPLATES.map(({ path, platform, mode }) => ({
    path,
    content: spliceTemplate(readFileSync(path, 'utf8'), platform, mode),
  }));
}
