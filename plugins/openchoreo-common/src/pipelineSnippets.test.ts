import {
  PUBLISH_WORKLOAD_SCRIPT,
  renderPipelineSnippet,
  type PipelineSnippetPlatform,
} from '.';

const TARGET = {
  namespace: 'default',
  project: 'demo-project',
  component: 'orders',
  apiUrl: 'https://api.example.com/api/v1',
  tokenUrl: 'https://thunder.example.com/oauth2/token',
};

describe('renderPipelineSnippet', () => {
  it.each([
    ['jenkins', 'groovy'],
    ['github-actions', 'yaml'],
    ['gitlab-ci', 'yaml'],
    ['shell', 'bash'],
  ] as const)(
    '%s: embeds the publish script, language %s',
    (platform, language) => {
      const snippet = renderPipelineSnippet(platform, TARGET);
      expect(snippet.language).toBe(language);
      expect(snippet.text).not.toContain('npx');
      // Every line of the script is there, in order (indented as the language needs).
      const lines = PUBLISH_WORKLOAD_SCRIPT.trim().split('\n');
      const rendered = snippet.text.split('\n').map(line => line.trim());
      let at = 0;
      for (const line of lines) {
        at = rendered.indexOf(line.trim(), at);
        expect(at).toBeGreaterThanOrEqual(0);
      }
      expect(snippet.text).toContain('orders');
      expect(snippet.text).toContain(TARGET.apiUrl);
      expect(snippet.instructions).toContain('curl and jq');
    },
  );

  it('quotes values for each language', () => {
    const odd = {
      ...TARGET,
      apiUrl: "https://api.example.com/o'choreo #1",
    };
    expect(renderPipelineSnippet('jenkins', odd).text).toContain(
      "OPENCHOREO_API_URL = 'https://api.example.com/o\\'choreo #1'",
    );
    expect(renderPipelineSnippet('github-actions', odd).text).toContain(
      'OPENCHOREO_API_URL: "https://api.example.com/o\'choreo #1"',
    );
    expect(renderPipelineSnippet('shell', odd).text).toContain(
      `OPENCHOREO_API_URL='https://api.example.com/o'"'"'choreo #1'`,
    );
    // A name YAML would read as a boolean stays a string.
    expect(
      renderPipelineSnippet('gitlab-ci', { ...TARGET, project: 'yes' }).text,
    ).toContain('OPENCHOREO_PROJECT: "yes"');
  });

  it.each(['jenkins', 'github-actions', 'gitlab-ci', 'shell'] as const)(
    '%s without URLs: reads them from the CI settings and says which',
    (platform: PipelineSnippetPlatform) => {
      const snippet = renderPipelineSnippet(platform, {
        namespace: 'default',
        project: 'demo-project',
        component: 'orders',
      });
      expect(snippet.text).not.toContain('https://');
      expect(snippet.instructions).toMatch(
        platform === 'jenkins'
          ? /'thunder-url' and 'openchoreo-api-url'/
          : /OPENCHOREO_API_URL and OPENCHOREO_TOKEN_URL/,
      );
    },
  );

  it('GitHub Actions takes the credentials from repository secrets', () => {
    const { text } = renderPipelineSnippet('github-actions', TARGET);
    expect(text).toContain(
      'OPENCHOREO_CLIENT_SECRET: ${{ secrets.OPENCHOREO_CLIENT_SECRET }}',
    );
  });
});
