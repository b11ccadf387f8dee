// The GitOps variant of the pipeline snippets (seed 002's "CI triggered, CD owned"): after the
// image is pushed, the bundled publisher (downloaded from the portal) writes the Workload into a
// checkout of the GitOps repository and opens a release pull/merge request; merging it deploys.
// The ready GitOps pipelines in templates/pipelines/ embed exactly this text. Isomorphic.
import { parseGitopsRepository } from './deployments';
import { groovyString, shellWord, yamlScalar } from './snippetQuoting';
import type {
  PipelineSnippet,
  PipelineSnippetPlatform,
  PipelineSnippetTarget,
} from './pipelineSnippets';

/** The bundled publisher CLI's file name. */
export const PUBLISHER_BUNDLE_FILE = 'openchoreo-publish-workload.cjs';

/** Where the portal serves the bundled publisher, below its base URL (no sign-in needed). */
export const PUBLISHER_BUNDLE_PATH = `/api/openchoreo/tools/${PUBLISHER_BUNDLE_FILE}`;

/** The bundled publisher's URL on a portal, e.g. `https://backstage.example.com/api/openchoreo/tools/...`. */
export function publisherBundleUrl(portalBaseUrl: string): string {
  return `${portalBaseUrl.replace(/\/+$/, '')}${PUBLISHER_BUNDLE_PATH}`;
}

/** The Jenkins credential of the GitOps pipelines: a user and token that may push and open pull requests. */
export const JENKINS_GITOPS_CREDENTIAL_ID = 'gitops-credentials';

/** Placeholders where the snippet does not know the GitOps repository or the portal. */
const EXAMPLE = {
  repositoryUrl: 'https://github.com/my-org/gitops.git',
  repository: 'my-org/gitops',
  publisherUrl: publisherBundleUrl('https://backstage.example.com'),
};

/** The GitOps repository of the target: its slug and clone URL, when the target names it. */
function repositoryOf(target: PipelineSnippetTarget) {
  if (!target.gitopsRepository) return undefined;
  const parsed = parseGitopsRepository(target.gitopsRepository);
  return 'error' in parsed
    ? undefined
    : { slug: parsed.slug, cloneUrl: `${parsed.webUrl}.git` };
}

const componentVariables = (target: PipelineSnippetTarget) => [
  ['OPENCHOREO_NAMESPACE', target.namespace],
  ['OPENCHOREO_PROJECT', target.project],
  ['OPENCHOREO_COMPONENT', target.component],
];

const HELPER_NOTE =
  '# git reads the token from the environment when it asks for a password; it is never written down.';

const ANNOTATION_NOTE =
  'To see the pending release pull request on the component page, add the annotation openchoreo-ci.dev/gitops-repository with the repository URL (Edit Annotations).';

function jenkinsGitops(
  target: PipelineSnippetTarget,
  pullRequest: 'github' | 'gitlab',
): PipelineSnippet {
  const repository = repositoryOf(target);
  const environment = [
    ['GITOPS_REPO_URL', repository?.cloneUrl ?? EXAMPLE.repositoryUrl],
    ['GITOPS_REPOSITORY', repository?.slug ?? EXAMPLE.repository],
    ['OPENCHOREO_PUBLISHER_URL', target.publisherUrl ?? EXAMPLE.publisherUrl],
    ...componentVariables(target),
  ]
    .map(([name, value]) => `    ${name} = ${groovyString(value)}`)
    .join('\n');
  const text = [
    `stage('Propose release (GitOps)') {`,
    '  environment {',
    environment,
    '  }',
    '  steps {',
    '    withCredentials([',
    `      usernamePassword(credentialsId: '${JENKINS_GITOPS_CREDENTIAL_ID}', usernameVariable: 'GITOPS_USER', passwordVariable: 'OPENCHOREO_GIT_TOKEN'),`,
    '    ]) {',
    `      ${HELPER_NOTE.replace('#', '//')}`,
    "      sh '''",
    `        helper='!f() { echo "username=$GITOPS_USER"; echo "password=$OPENCHOREO_GIT_TOKEN"; }; f'`,
    '        rm -rf gitops',
    '        git -c credential.helper="$helper" clone --quiet "$GITOPS_REPO_URL" gitops',
    '        git -C gitops config credential.helper "$helper"',
    `        curl -fsSL --retry 3 "$OPENCHOREO_PUBLISHER_URL" -o ${PUBLISHER_BUNDLE_FILE}`,
    `        node ${PUBLISHER_BUNDLE_FILE} publish --mode gitops --gitops-repo gitops --pull-request ${pullRequest} --git-repository "$GITOPS_REPOSITORY"`,
    "      '''",
    '    }',
    '  }',
    '}',
  ].join('\n');
  const placeholders = [
    ...(repository ? [] : ['GITOPS_REPO_URL', 'GITOPS_REPOSITORY']),
    ...(target.publisherUrl ? [] : ['OPENCHOREO_PUBLISHER_URL']),
  ];
  return {
    platform: 'jenkins',
    language: 'groovy',
    instructions: [
      'Add this stage to the Jenkinsfile after the stage that builds and pushes the image, with the image reference in env.IMAGE.',
      `Store a user and token that may push branches to and open ${
        pullRequest === 'github' ? 'pull' : 'merge'
      } requests in the GitOps repository as the Jenkins credential '${JENKINS_GITOPS_CREDENTIAL_ID}' (Username with password).`,
      ...(placeholders.length
        ? [`Set ${placeholders.join(', ')} to your values.`]
        : []),
      'The agent needs git, curl and Node.js 18 or later.',
      ANNOTATION_NOTE,
    ].join(' '),
    text,
  };
}

function githubGitops(target: PipelineSnippetTarget): PipelineSnippet {
  const repository = repositoryOf(target)?.slug;
  const repositoryValue = repository
    ? yamlScalar(repository)
    : '${{ vars.OPENCHOREO_GITOPS_REPOSITORY }}';
  const env = [
    [
      'OPENCHOREO_PUBLISHER_URL',
      target.publisherUrl
        ? yamlScalar(target.publisherUrl)
        : '${{ vars.OPENCHOREO_PUBLISHER_URL }}',
    ],
    ['OPENCHOREO_GIT_REPOSITORY', repositoryValue],
    ['OPENCHOREO_GIT_TOKEN', '${{ secrets.GITOPS_TOKEN }}'],
    ...componentVariables(target).map(([name, value]) => [
      name,
      yamlScalar(value),
    ]),
  ];
  const text = [
    '- name: Check out the GitOps repository',
    '  uses: actions/checkout@v4',
    '  with:',
    `    repository: ${repositoryValue}`,
    '    token: ${{ secrets.GITOPS_TOKEN }}',
    '    path: gitops',
    '',
    '- uses: actions/setup-node@v4',
    '  with:',
    '    node-version: 22',
    '',
    '- name: Propose the release (GitOps pull request)',
    '  shell: bash',
    '  env:',
    env.map(([name, value]) => `    ${name}: ${value}`).join('\n'),
    '  run: |',
    `    curl -fsSL --retry 3 "$OPENCHOREO_PUBLISHER_URL" -o "$RUNNER_TEMP/${PUBLISHER_BUNDLE_FILE}"`,
    `    node "$RUNNER_TEMP/${PUBLISHER_BUNDLE_FILE}" publish --mode gitops \\`,
    '      --gitops-repo gitops --pull-request github',
  ].join('\n');
  const variables = [
    ...(repository ? [] : ['OPENCHOREO_GITOPS_REPOSITORY (owner/repo)']),
    ...(target.publisherUrl ? [] : ['OPENCHOREO_PUBLISHER_URL']),
  ];
  return {
    platform: 'github-actions',
    language: 'yaml',
    instructions: [
      'Add these steps to the job of your workflow after the step that builds and pushes the image, with the image reference in the IMAGE environment variable (env: at workflow or job level).',
      `Store a token that may push branches to and open pull requests in the GitOps repository as the repository secret GITOPS_TOKEN${
        variables.length
          ? `, and ${variables.join(' and ')} as repository variables`
          : ''
      }.`,
      ANNOTATION_NOTE,
    ].join(' '),
    text,
  };
}

function gitlabGitops(target: PipelineSnippetTarget): PipelineSnippet {
  const repository = repositoryOf(target);
  const variables = [
    ...componentVariables(target).map(([name, value]) => [
      name,
      yamlScalar(value),
    ]),
    [
      'OPENCHOREO_GIT_REPOSITORY',
      repository ? yamlScalar(repository.slug) : '$OPENCHOREO_GITOPS_PROJECT',
    ],
    ...(repository
      ? [['OPENCHOREO_GITOPS_REPO_URL', yamlScalar(repository.cloneUrl)]]
      : []),
    ...(target.publisherUrl
      ? [['OPENCHOREO_PUBLISHER_URL', yamlScalar(target.publisherUrl)]]
      : []),
  ];
  const text = [
    'propose-release:',
    '  stage: release',
    '  image: node:22-alpine',
    '  variables:',
    variables.map(([name, value]) => `    ${name}: ${value}`).join('\n'),
    '  before_script:',
    '    - apk add --no-cache curl git',
    '  script:',
    '    - |',
    `      ${HELPER_NOTE}`,
    '      export OPENCHOREO_GIT_TOKEN="$GITOPS_TOKEN"',
    `      helper='!f() { echo username=oauth2; echo "password=$OPENCHOREO_GIT_TOKEN"; }; f'`,
    '      git -c credential.helper="$helper" clone --quiet "$OPENCHOREO_GITOPS_REPO_URL" gitops',
    '      git -C gitops config credential.helper "$helper"',
    `      curl -fsSL --retry 3 "$OPENCHOREO_PUBLISHER_URL" -o ${PUBLISHER_BUNDLE_FILE}`,
    `      node ${PUBLISHER_BUNDLE_FILE} publish --mode gitops --gitops-repo gitops --pull-request gitlab`,
  ].join('\n');
  const settings = [
    ...(repository
      ? []
      : [
          'OPENCHOREO_GITOPS_REPO_URL (https clone URL)',
          'OPENCHOREO_GITOPS_PROJECT (group/project or id)',
        ]),
    ...(target.publisherUrl ? [] : ['OPENCHOREO_PUBLISHER_URL']),
  ];
  return {
    platform: 'gitlab-ci',
    language: 'yaml',
    instructions: [
      'Add this job to .gitlab-ci.yml: it runs in the release stage (list it in stages:), after the job that builds and pushes the image, with the image reference in the IMAGE variable.',
      `Store a project or group access token of the GitOps project (Developer role, api and write_repository scopes) as the masked CI/CD variable GITOPS_TOKEN${
        settings.length ? `, and ${settings.join(', ')} as CI/CD variables` : ''
      }. The merge request goes to this GitLab's API (CI_API_V4_URL).`,
      ANNOTATION_NOTE,
    ].join(' '),
    text,
  };
}

function shellGitops(
  target: PipelineSnippetTarget,
  pullRequest: 'github' | 'gitlab',
): PipelineSnippet {
  const repository = repositoryOf(target);
  const exports = [
    ...componentVariables(target),
    ['OPENCHOREO_PUBLISHER_URL', target.publisherUrl ?? EXAMPLE.publisherUrl],
  ]
    .map(([name, value]) => `${name}=${shellWord(value)}`)
    .join(' ');
  const text = [
    '# After the image is pushed: IMAGE is its reference, ./gitops a checkout of the GitOps',
    "# repository that may push, OPENCHOREO_GIT_TOKEN a pull request token from the CI's secrets.",
    `export ${exports}`,
    `curl -fsSL --retry 3 "$OPENCHOREO_PUBLISHER_URL" -o ${PUBLISHER_BUNDLE_FILE}`,
    `node ${PUBLISHER_BUNDLE_FILE} publish --mode gitops --gitops-repo gitops --pull-request ${pullRequest}${
      repository ? ` --git-repository ${shellWord(repository.slug)}` : ''
    }`,
  ].join('\n');
  return {
    platform: 'shell',
    language: 'bash',
    instructions: [
      `Any CI: run this in a shell step after the image is pushed, in a workspace with a checkout of the GitOps repository in ./gitops and a ${
        pullRequest === 'github' ? 'GitHub' : 'GitLab'
      } token in OPENCHOREO_GIT_TOKEN (set OPENCHOREO_GIT_API_URL for GitHub Enterprise or self-managed GitLab). Needs git, curl and Node.js 18 or later.`,
      ANNOTATION_NOTE,
    ].join(' '),
    text,
  };
}

/**
 * The GitOps release step for a CI platform: download the bundled publisher, publish with
 * `--mode gitops` into a checkout of the GitOps repository and open a release pull request
 * (GitHub) or merge request (GitLab). Runs exactly as printed.
 */
export function renderGitopsPipelineSnippet(
  platform: PipelineSnippetPlatform,
  target: PipelineSnippetTarget,
  pullRequest: 'github' | 'gitlab' = platform === 'gitlab-ci'
    ? 'gitlab'
    : 'github',
): PipelineSnippet {
  switch (platform) {
    case 'jenkins':
      return jenkinsGitops(target, pullRequest);
    case 'github-actions':
      return githubGitops(target);
    case 'gitlab-ci':
      return gitlabGitops(target);
    default:
      return shellGitops(target, pullRequest);
  }
}
