// The pipeline text the portal shows for publishing a component's Workload (the Workload card,
// the CI card, the wizard's last page) and that `templates/pipelines/` contains: one renderer, so
// the text is defined once. Every snippet embeds the curl-and-jq script verbatim, so it runs as
// printed on a plain runner (curl and jq; no npm package needed). Isomorphic: no Node APIs.
import type { ExternalCiPlatform } from './annotations';
import { PUBLISH_WORKLOAD_SCRIPT } from './generated/publishWorkloadScript';
import { renderGitopsPipelineSnippet } from './pipelineSnippetsGitops';
import { groovyString, shellWord, yamlScalar } from './snippetQuoting';

export { PUBLISH_WORKLOAD_SCRIPT };

/** A pipeline flavour: an External CI platform, or `shell` for any other CI. */
export type PipelineSnippetPlatform = ExternalCiPlatform | 'shell';

/** The Jenkins credential ids of OpenChoreo's External CI guide. */
export const JENKINS_CREDENTIAL_IDS = {
  /** Username with password: the External CI service account's client id and secret. */
  clientCredentials: 'workflows-credentials',
  /** Secret text: the identity provider's (Thunder's) base URL. */
  thunderUrl: 'thunder-url',
  /** Secret text: the OpenChoreo API URL. */
  apiUrl: 'openchoreo-api-url',
} as const;

/** Which component a snippet publishes to, and where OpenChoreo is. */
export interface PipelineSnippetTarget {
  namespace: string;
  project: string;
  component: string;
  /**
   * The OpenChoreo API URL; when unset the pipeline reads it from the CI's settings (Jenkins
   * credential `openchoreo-api-url`, GitHub/GitLab variable `OPENCHOREO_API_URL`).
   */
  apiUrl?: string;
  /**
   * The identity provider's token endpoint; when unset the pipeline reads it from the CI's settings
   * (Jenkins credential `thunder-url` + `/oauth2/token`, GitHub/GitLab variable `OPENCHOREO_TOKEN_URL`).
   */
  tokenUrl?: string;
  /**
   * GitOps mode: where runners download the bundled publisher, normally the portal's
   * `<portal>/api/openchoreo/tools/openchoreo-publish-workload.cjs`; when unset the pipeline reads
   * `OPENCHOREO_PUBLISHER_URL` from the CI's settings (Jenkins: a placeholder to replace).
   */
  publisherUrl?: string;
  /**
   * GitOps mode: the GitOps repository's URL (`https://github.com/my-org/gitops`); when unset the
   * pipeline reads it from the CI's settings (Jenkins: placeholders to replace).
   */
  gitopsRepository?: string;
}

/**
 * How the pipeline hands the build to OpenChoreo (seed 002): `api` publishes the Workload to the
 * API (CI owned; OpenChoreo's autoDeploy deploys it), `gitops` proposes it in the GitOps
 * repository with a release pull request (CI triggered, CD owned; merging deploys).
 */
export type PublishMode = 'api' | 'gitops';

/** Options of {@link renderPipelineSnippet}. */
export interface PipelineSnippetOptions {
  /** Default `api`. */
  mode?: PublishMode;
  /** GitOps mode: where the release request goes (default: GitLab for GitLab CI, else GitHub). */
  pullRequest?: 'github' | 'gitlab';
}

/** A rendered snippet: what to paste, in which language, and what to set up first. */
export interface PipelineSnippet {
  platform: PipelineSnippetPlatform;
  /** For syntax highlighting. */
  language: 'groovy' | 'yaml' | 'bash';
  /** Where the text goes and which secrets to create, in one paragraph of plain text. */
  instructions: string;
  /** The text to paste; it runs exactly as printed. */
  text: string;
}

/** The GitLab CI job's container image: small, with curl and jq one `apk add` away. */
export const GITLAB_PUBLISH_IMAGE = 'alpine:3.20';

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map(line => (line === '' ? '' : `${' '.repeat(spaces)}${line}`))
    .join('\n');

const script = () => PUBLISH_WORKLOAD_SCRIPT.replace(/\n+$/, '');

function componentVariables(target: PipelineSnippetTarget): [string, string][] {
  return [
    ['OPENCHOREO_NAMESPACE', target.namespace],
    ['OPENCHOREO_PROJECT', target.project],
    ['OPENCHOREO_COMPONENT', target.component],
  ];
}

function urlVariables(target: PipelineSnippetTarget): [string, string][] {
  return [
    ...(target.apiUrl
      ? [['OPENCHOREO_API_URL', target.apiUrl] as [string, string]]
      : []),
    ...(target.tokenUrl
      ? [['OPENCHOREO_TOKEN_URL', target.tokenUrl] as [string, string]]
      : []),
  ];
}

/** The URL variables the target leaves to the CI's settings. */
function unsetUrlVariables(target: PipelineSnippetTarget): string[] {
  return [
    ...(target.apiUrl ? [] : ['OPENCHOREO_API_URL']),
    ...(target.tokenUrl ? [] : ['OPENCHOREO_TOKEN_URL']),
  ];
}

const TOOLS_NOTE =
  'It needs only sh, curl and jq on the runner, and records the run (build number and URL, ' +
  'commit, branch) on the Workload.';

function jenkinsSnippet(target: PipelineSnippetTarget): PipelineSnippet {
  const ids = JENKINS_CREDENTIAL_IDS;
  const environment = [...urlVariables(target), ...componentVariables(target)]
    .map(([name, value]) => `    ${name} = ${groovyString(value)}`)
    .join('\n');
  const credentials = [
    `usernamePassword(credentialsId: '${ids.clientCredentials}', usernameVariable: 'OPENCHOREO_CLIENT_ID', passwordVariable: 'OPENCHOREO_CLIENT_SECRET')`,
    ...(target.tokenUrl
      ? []
      : [
          `string(credentialsId: '${ids.thunderUrl}', variable: 'THUNDER_URL')`,
        ]),
    ...(target.apiUrl
      ? []
      : [
          `string(credentialsId: '${ids.apiUrl}', variable: 'OPENCHOREO_API_URL')`,
        ]),
  ];
  const text = [
    `stage('Publish to OpenChoreo') {`,
    '  environment {',
    environment,
    '  }',
    '  steps {',
    '    withCredentials([',
    credentials.map(line => `      ${line}`).join(',\n'),
    '    ]) {',
    '      // Single quotes: Groovy hands the script to sh unchanged; IMAGE is the image pushed before.',
    "      sh '''",
    indent(script(), 8),
    "      '''",
    '    }',
    '  }',
    '}',
  ].join('\n');
  const secretTexts = [
    ...(target.tokenUrl ? [] : [`'${ids.thunderUrl}'`]),
    ...(target.apiUrl ? [] : [`'${ids.apiUrl}'`]),
  ];
  const stores = [
    `the Jenkins credential '${ids.clientCredentials}' (Username with password)`,
    ...(secretTexts.length
      ? [`the Secret text credentials ${secretTexts.join(' and ')}`]
      : []),
  ];
  return {
    platform: 'jenkins',
    language: 'groovy',
    instructions: [
      'Add this stage to the Jenkinsfile after the stage that builds and pushes the image, with the image reference in env.IMAGE.',
      `Store the External CI service account's client id and secret as ${stores.join(
        ' and ',
      )}.`,
      TOOLS_NOTE,
    ].join(' '),
    text,
  };
}

function githubSnippet(target: PipelineSnippetTarget): PipelineSnippet {
  const variables: [string, string][] = [
    [
      'OPENCHOREO_API_URL',
      target.apiUrl
        ? yamlScalar(target.apiUrl)
        : '${{ vars.OPENCHOREO_API_URL }}',
    ],
    [
      'OPENCHOREO_TOKEN_URL',
      target.tokenUrl
        ? yamlScalar(target.tokenUrl)
        : '${{ vars.OPENCHOREO_TOKEN_URL }}',
    ],
    ...componentVariables(target).map(
      ([name, value]) => [name, yamlScalar(value)] as [string, string],
    ),
    ['OPENCHOREO_CLIENT_ID', '${{ secrets.OPENCHOREO_CLIENT_ID }}'],
    ['OPENCHOREO_CLIENT_SECRET', '${{ secrets.OPENCHOREO_CLIENT_SECRET }}'],
  ];
  const text = [
    '- name: Publish to OpenChoreo',
    '  shell: bash',
    '  env:',
    variables.map(([name, value]) => `    ${name}: ${value}`).join('\n'),
    '  run: |',
    indent(script(), 4),
  ].join('\n');
  const settings = unsetUrlVariables(target);
  return {
    platform: 'github-actions',
    language: 'yaml',
    instructions: [
      'Add this step to the job of your workflow after the step that builds and pushes the image, with the image reference in the IMAGE environment variable (env: at workflow or job level).',
      `Store the External CI service account's client id and secret as repository secrets OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET${
        settings.length
          ? `, and ${settings.join(' and ')} as repository variables`
          : ''
      }.`,
      TOOLS_NOTE,
    ].join(' '),
    text,
  };
}

function gitlabSnippet(target: PipelineSnippetTarget): PipelineSnippet {
  const variables = [...urlVariables(target), ...componentVariables(target)]
    .map(([name, value]) => `    ${name}: ${yamlScalar(value)}`)
    .join('\n');
  const text = [
    'publish-to-openchoreo:',
    '  stage: deploy',
    `  image: ${GITLAB_PUBLISH_IMAGE}`,
    '  variables:',
    variables,
    '  before_script:',
    '    - apk add --no-cache curl jq',
    '  script:',
    '    - |',
    indent(script(), 6),
  ].join('\n');
  const settings = unsetUrlVariables(target);
  return {
    platform: 'gitlab-ci',
    language: 'yaml',
    instructions: [
      'Add this job to .gitlab-ci.yml: it runs in the deploy stage (list it in stages: if you list them), after the job that builds and pushes the image, with the image reference in the IMAGE variable (variables: at the top).',
      `Store the External CI service account's client id and secret as masked CI/CD variables OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET${
        settings.length
          ? `, and ${settings.join(' and ')} as CI/CD variables`
          : ''
      }.`,
      TOOLS_NOTE,
    ].join(' '),
    text,
  };
}

function shellSnippet(target: PipelineSnippetTarget): PipelineSnippet {
  const settings = unsetUrlVariables(target);
  const exports = [...urlVariables(target), ...componentVariables(target)]
    .map(([name, value]) => `${name}=${shellWord(value)}`)
    .join(' ');
  const text = [
    '# After the image is pushed: IMAGE is its reference; OPENCHOREO_CLIENT_ID and',
    "# OPENCHOREO_CLIENT_SECRET come from the CI's secret store.",
    `export ${exports}`,
    script(),
  ].join('\n');
  return {
    platform: 'shell',
    language: 'bash',
    instructions: [
      `Any CI: run this in a shell step after the image is pushed, with the CI's secrets OPENCHOREO_CLIENT_ID and OPENCHOREO_CLIENT_SECRET and the image reference in IMAGE${
        settings.length ? ` (and ${settings.join(' and ')})` : ''
      }.`,
      TOOLS_NOTE,
    ].join(' '),
    text,
  };
}

/**
 * Renders the pipeline text that publishes a component's Workload from a CI platform: a Jenkins
 * stage, GitHub Actions step, GitLab CI job, or plain shell. The text embeds the curl-and-jq
 * publish script and runs exactly as printed. With `mode: 'gitops'` it is the GitOps release
 * step instead (the bundled publisher opens a release pull/merge request in the GitOps repository).
 */
export function renderPipelineSnippet(
  platform: PipelineSnippetPlatform,
  target: PipelineSnippetTarget,
  options: PipelineSnippetOptions = {},
): PipelineSnippet {
  if (options.mode === 'gitops') {
    return renderGitopsPipelineSnippet(platform, target, options.pullRequest);
  }
  switch (platform) {
    case 'jenkins':
      return jenkinsSnippet(target);
    case 'github-actions':
      return githubSnippet(target);
    case 'gitlab-ci':
      return gitlabSnippet(target);
    default:
      return shellSnippet(target);
  }
}
