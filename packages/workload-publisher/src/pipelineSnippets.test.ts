import {
  JENKINS_CREDENTIAL_IDS,
  renderPipelineSnippet,
  type PipelineSnippetPlatform,
  type PipelineSnippetTarget,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { Devstack } from '@openchoreo-ci/openchoreo-devstack';
import { parse } from 'yaml';
import {
  CI_ENVIRONMENTS,
  GITHUB_ENV,
  GITLAB_ENV,
  JENKINS_ENV,
} from './__testUtils__/provenanceCases';
import { ensureComponent, startTestDevstack } from './__testUtils__/devstack';
import { CI_SHELLS, runShell, type ShellRun } from './__testUtils__/runShell';

const PROJECT = 'demo-project';
const PUBLISHED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** What a CI hands its shell for a snippet: the script and its environment. */
interface Step {
  script: string;
  env: Record<string, string>;
  /** The CI's own shell, then bash. */
  shells: ReadonlyArray<readonly string[]>;
}

/** The secrets and settings a user stores in each CI, as the snippet's instructions say. */
interface CiSettings {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  tokenUrl: string;
  idpBaseUrl: string;
}

/** A Jenkins stage: the `sh '''...'''` body, `environment {}` and the `withCredentials` bindings. */
function jenkinsStep(text: string, settings: CiSettings): Step {
  const body = /sh '''\n([\s\S]*?)\n\s*'''/.exec(text)![1];
  // A Groovy ''' string passes its text unchanged when it holds no backslash.
  expect(body).not.toContain('\\');
  const env: Record<string, string> = { ...JENKINS_ENV };
  const environment = /environment \{\n([\s\S]*?)\n\s*\}/.exec(text)![1];
  for (const line of environment.split('\n')) {
    const [, name, value] = /^\s*(\w+) = '([^'\\]*)'$/.exec(line)!;
    env[name] = value;
  }
  const store: Record<string, string | [string, string]> = {
    [JENKINS_CREDENTIAL_IDS.clientCredentials]: [
      settings.clientId,
      settings.clientSecret,
    ],
    [JENKINS_CREDENTIAL_IDS.thunderUrl]: settings.idpBaseUrl,
    [JENKINS_CREDENTIAL_IDS.apiUrl]: settings.apiUrl,
  };
  for (const [, id, user, password] of text.matchAll(
    /usernamePassword\(credentialsId: '([^']+)', usernameVariable: '(\w+)', passwordVariable: '(\w+)'\)/g,
  )) {
    const [username, secret] = store[id] as [string, string];
    Object.assign(env, { [user]: username, [password]: secret });
  }
  for (const [, id, variable] of text.matchAll(
    /string\(credentialsId: '([^']+)', variable: '(\w+)'\)/g,
  )) {
    expect(typeof store[id]).toBe('string');
    env[variable] = store[id] as string;
  }
  return { script: body, env, shells: [CI_SHELLS.jenkins, CI_SHELLS.bash] };
}

/** A GitHub Actions step: its `env:` with `${{ secrets.* }}`/`${{ vars.* }}` resolved, and `run:`. */
function githubStep(text: string, settings: CiSettings): Step {
  const [step] = parse(text) as Array<{
    shell: string;
    env: Record<string, string>;
    run: string;
  }>;
  expect(step.shell).toBe('bash');
  const repository: Record<string, string> = {
    'secrets.OPENCHOREO_CLIENT_ID': settings.clientId,
    'secrets.OPENCHOREO_CLIENT_SECRET': settings.clientSecret,
    'vars.OPENCHOREO_API_URL': settings.apiUrl,
    'vars.OPENCHOREO_TOKEN_URL': settings.tokenUrl,
  };
  const env: Record<string, string> = { ...GITHUB_ENV };
  for (const [name, value] of Object.entries(step.env)) {
    env[name] = String(value).replace(/\$\{\{ ([\w.]+) \}\}/g, (_, key) => {
      expect(repository[key]).toBeDefined();
      return repository[key];
    });
  }
  return {
    script: step.run,
    env,
    shells: [CI_SHELLS['github-actions'], CI_SHELLS.bash],
  };
}

/** A GitLab CI job: `variables:`, the CI/CD variables of the settings, and `script:`. */
function gitlabStep(text: string, settings: CiSettings): Step {
  const job = (parse(text) as Record<string, Record<string, unknown>>)[
    'publish-to-openchoreo'
  ];
  expect(job.stage).toBe('deploy');
  expect(job.before_script).toEqual(['apk add --no-cache curl jq']);
  const env: Record<string, string> = {
    ...GITLAB_ENV,
    OPENCHOREO_CLIENT_ID: settings.clientId,
    OPENCHOREO_CLIENT_SECRET: settings.clientSecret,
    OPENCHOREO_API_URL: settings.apiUrl,
    OPENCHOREO_TOKEN_URL: settings.tokenUrl,
    ...(job.variables as Record<string, string>),
  };
  return {
    script: (job.script as string[]).join('\n'),
    env,
    shells: [CI_SHELLS['gitlab-ci'], CI_SHELLS.bash],
  };
}

/** The plain shell snippet, with the CI's secrets in the environment. */
function shellStep(text: string, settings: CiSettings): Step {
  return {
    script: text,
    env: {
      OPENCHOREO_CLIENT_ID: settings.clientId,
      OPENCHOREO_CLIENT_SECRET: settings.clientSecret,
      OPENCHOREO_API_URL: settings.apiUrl,
      OPENCHOREO_TOKEN_URL: settings.tokenUrl,
    },
    shells: [CI_SHELLS.bash, ['sh']],
  };
}

const STEPS: Record<
  PipelineSnippetPlatform,
  (text: string, settings: CiSettings) => Step
> = {
  jenkins: jenkinsStep,
  'github-actions': githubStep,
  'gitlab-ci': gitlabStep,
  shell: shellStep,
};

const PROVENANCE: Record<PipelineSnippetPlatform, Record<string, string>> = {
  jenkins: CI_ENVIRONMENTS[0].annotations,
  'github-actions': CI_ENVIRONMENTS[1].annotations,
  'gitlab-ci': CI_ENVIRONMENTS[2].annotations,
  shell: {},
};

describe('the pipeline snippets the portal shows run as printed, against the devstack', () => {
  let devstack: Devstack;
  let settings: CiSettings;
  const runs: ShellRun[] = [];

  beforeAll(async () => {
    devstack = await startTestDevstack();
    settings = {
      ...devstack.idp.clients.workloadPublisher,
      apiUrl: devstack.api.url,
      tokenUrl: devstack.idp.tokenUrl,
      idpBaseUrl: new URL(devstack.idp.tokenUrl).origin,
    };
  });

  afterAll(async () => {
    await devstack?.close();
  });

  const platforms: PipelineSnippetPlatform[] = [
    'jenkins',
    'github-actions',
    'gitlab-ci',
    'shell',
  ];
  const cases = platforms.flatMap(platform => [
    { platform, urls: 'given by the portal' as const },
    { platform, urls: 'from the CI settings' as const },
  ]);

  it.each(cases)(
    '$platform, URLs $urls: creates, then updates the Workload with the provenance',
    async ({ platform, urls }) => {
      const component = `snippet-${platform}-${
        urls.startsWith('g') ? 'a' : 'b'
      }`;
      ensureComponent(devstack, PROJECT, component);
      const target: PipelineSnippetTarget = {
        namespace: 'default',
        project: PROJECT,
        component,
        ...(urls === 'given by the portal'
          ? {
              // The Helm chart's form, with /api/v1.
              apiUrl: `${settings.apiUrl}/api/v1`,
              tokenUrl: settings.tokenUrl,
            }
          : {}),
      };
      const snippet = renderPipelineSnippet(platform, target);
      const step = STEPS[platform](snippet.text, settings);
      expect(snippet.text.includes(settings.apiUrl)).toBe(
        urls === 'given by the portal',
      );

      for (const [index, shell] of step.shells.entries()) {
        const image = `registry.example.com/${component}:${index + 1}`;
        const result = await runShell(shell, step.script, {
          ...step.env,
          IMAGE: image,
        });
        runs.push(result);
        expect(result.stdout).toContain(
          index === 0
            ? '/workloads: 201\n'
            : `/workloads/${component}-workload: 200\n`,
        );
        expect(result.stdout).toContain(
          `Published: ${
            index === 0 ? 'created' : 'updated'
          } workload ${component}-workload in namespace default with image ${image}`,
        );
        expect(result.code).toBe(0);
        const workload = devstack.api.store.get(
          'Workload',
          'default',
          `${component}-workload`,
        );
        expect(workload?.spec?.container).toEqual({ image });
        expect(workload?.metadata.annotations).toEqual({
          ...PROVENANCE[platform],
          'ci.openchoreo-ci.dev/published-at':
            expect.stringMatching(PUBLISHED_AT),
          'ci.openchoreo-ci.dev/publisher': 'publish-workload.sh',
        });
      }
    },
  );

  it('the Jenkins snippet uses the credential ids of OpenChoreo’s guide', () => {
    const generic = renderPipelineSnippet('jenkins', {
      namespace: 'default',
      project: PROJECT,
      component: 'x',
    });
    expect(generic.text).toContain("credentialsId: 'workflows-credentials'");
    expect(generic.text).toContain("credentialsId: 'thunder-url'");
    expect(generic.text).toContain("credentialsId: 'openchoreo-api-url'");
    expect(generic.instructions).toContain(
      "'workflows-credentials' (Username with password)",
    );
  });

  it('no run printed the client secret', () => {
    expect(runs.length).toBe(16);
    expect(runs.map(r => r.output).join('\n')).not.toContain(
      settings.clientSecret,
    );
  });
});
