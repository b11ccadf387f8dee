import {
  publisherBundleUrl,
  renderPipelineSnippet,
  PUBLISHER_BUNDLE_PATH,
} from '.';

const TARGET = {
  namespace: 'default',
  project: 'demo-project',
  component: 'orders',
};
const KNOWN = {
  ...TARGET,
  publisherUrl: publisherBundleUrl('https://backstage.example.com/'),
  gitopsRepository: 'https://github.com/acme/gitops',
};
const GITOPS = { mode: 'gitops' } as const;

describe('renderPipelineSnippet in GitOps mode', () => {
  it('names the portal as the place the bundled publisher is downloaded from', () => {
    expect(PUBLISHER_BUNDLE_PATH).toBe(
      '/api/openchoreo/tools/openchoreo-publish-workload.cjs',
    );
    expect(KNOWN.publisherUrl).toBe(
      'https://backstage.example.com/api/openchoreo/tools/openchoreo-publish-workload.cjs',
    );
  });

  it.each([
    ['jenkins', 'groovy', '--pull-request github'],
    ['github-actions', 'yaml', '--pull-request github'],
    ['gitlab-ci', 'yaml', '--pull-request gitlab'],
    ['shell', 'bash', '--pull-request github'],
  ] as const)(
    '%s: downloads the bundle, publishes --mode gitops and opens the release request',
    (platform, language, pullRequest) => {
      const snippet = renderPipelineSnippet(platform, KNOWN, GITOPS);
      expect(snippet.language).toBe(language);
      expect(snippet.text).toContain(
        'curl -fsSL --retry 3 "$OPENCHOREO_PUBLISHER_URL" -o ',
      );
      expect(snippet.text).toContain('publish --mode gitops');
      expect(snippet.text).toContain(pullRequest);
      expect(snippet.text).toContain(KNOWN.publisherUrl);
      expect(snippet.text).toContain('orders');
      // Not the API mode: no OpenChoreo credentials in a GitOps pipeline.
      expect(snippet.text).not.toContain('OPENCHOREO_CLIENT_SECRET');
      expect(snippet.instructions).toContain(
        'openchoreo-ci.dev/gitops-repository',
      );
    },
  );

  it('fills in the GitOps repository when it is known, and says what to set when not', () => {
    const jenkins = renderPipelineSnippet('jenkins', KNOWN, GITOPS);
    expect(jenkins.text).toContain(
      "GITOPS_REPO_URL = 'https://github.com/acme/gitops.git'",
    );
    expect(jenkins.text).toContain("GITOPS_REPOSITORY = 'acme/gitops'");
    expect(jenkins.instructions).not.toContain('to your values');
    expect(
      renderPipelineSnippet('jenkins', TARGET, GITOPS).instructions,
    ).toContain(
      'Set GITOPS_REPO_URL, GITOPS_REPOSITORY, OPENCHOREO_PUBLISHER_URL to your values.',
    );

    const github = renderPipelineSnippet('github-actions', KNOWN, GITOPS).text;
    expect(github).toContain('    repository: acme/gitops\n');
    expect(github).toContain('    OPENCHOREO_GIT_REPOSITORY: acme/gitops\n');
    const githubGeneric = renderPipelineSnippet(
      'github-actions',
      TARGET,
      GITOPS,
    );
    expect(githubGeneric.text).toContain(
      'OPENCHOREO_PUBLISHER_URL: ${{ vars.OPENCHOREO_PUBLISHER_URL }}',
    );
    expect(githubGeneric.instructions).toContain(
      'OPENCHOREO_GITOPS_REPOSITORY (owner/repo) and OPENCHOREO_PUBLISHER_URL as repository variables',
    );

    const gitlab = renderPipelineSnippet(
      'gitlab-ci',
      {
        ...KNOWN,
        gitopsRepository: 'https://gitlab.example.com/platform/gitops',
      },
      GITOPS,
    ).text;
    expect(gitlab).toContain(
      '    OPENCHOREO_GIT_REPOSITORY: platform/gitops\n',
    );
    expect(gitlab).toContain(
      '    OPENCHOREO_GITOPS_REPO_URL: https://gitlab.example.com/platform/gitops.git\n',
    );
    expect(renderPipelineSnippet('gitlab-ci', TARGET, GITOPS).text).toContain(
      'OPENCHOREO_GIT_REPOSITORY: $OPENCHOREO_GITOPS_PROJECT',
    );

    expect(renderPipelineSnippet('shell', KNOWN, GITOPS).text).toContain(
      "--pull-request github --git-repository 'acme/gitops'",
    );
  });

  it('opens a GitLab merge request from Jenkins or a shell when asked', () => {
    expect(
      renderPipelineSnippet('jenkins', KNOWN, {
        mode: 'gitops',
        pullRequest: 'gitlab',
      }).text,
    ).toContain('--pull-request gitlab --git-repository "$GITOPS_REPOSITORY"');
  });

  it('keeps the API mode as the default', () => {
    expect(renderPipelineSnippet('shell', KNOWN)).toEqual(
      renderPipelineSnippet('shell', KNOWN, { mode: 'api' }),
    );
    expect(renderPipelineSnippet('shell', KNOWN).text).not.toContain(
      '--mode gitops',
    );
  });
});
