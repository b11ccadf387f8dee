import { ExitCode } from '../errors';
import { buildWorkload } from '../workload';
import { updateWorkloadFile } from './workloadFile';

const PATH = 'namespaces/default/projects/p/components/c/workload.yaml';
const target = {
  namespace: 'default',
  project: 'p',
  component: 'c',
  workloadName: 'c-workload',
  image: 'registry.example.com/c:2',
};
const provenance = {
  'ci.openchoreo-ci.dev/platform': 'jenkins',
  'ci.openchoreo-ci.dev/published-at': '2026-05-04T10:20:30Z',
};

const EXISTING = `# managed by the c team
apiVersion: openchoreo.dev/v1alpha1
kind: Workload
metadata:
  name: c-workload
  annotations:
    team.example.com/owner: c-team # who to call
    "ci.openchoreo-ci.dev/platform": "github-actions"
    ci.openchoreo-ci.dev/published-at: '2026-01-01T00:00:00Z'
spec:
  owner: { projectName: p, componentName: c }
  container:
    image: "registry.example.com/c:1" # bumped by CI
    command: [/app/server]
    env:
      - key: LOG_LEVEL
        value: info
`;

describe('updateWorkloadFile', () => {
  it('replaces only the image and provenance values in the text, keeping quoting and comments', () => {
    const update = updateWorkloadFile(
      EXISTING,
      buildWorkload(target, {}, provenance),
      true,
      PATH,
    );
    expect(update.action).toBe('updated');
    expect(update.text).toBe(
      EXISTING.replace(
        '"registry.example.com/c:1"',
        '"registry.example.com/c:2"',
      )
        .replace('"github-actions"', '"jenkins"')
        .replace("'2026-01-01T00:00:00Z'", "'2026-05-04T10:20:30Z'"),
    );
  });

  it('with a descriptor sets endpoints, env and dependencies, keeping other fields and comments', () => {
    const update = updateWorkloadFile(
      EXISTING,
      buildWorkload(
        target,
        {
          endpoints: { http: { type: 'HTTP', port: 8080 } },
          env: [{ key: 'LOG_LEVEL', value: 'debug' }],
        },
        { 'ci.openchoreo-ci.dev/platform': 'jenkins' },
      ),
      false,
      PATH,
    );
    expect(update.action).toBe('updated');
    expect(update.text).toContain('# managed by the c team');
    expect(update.text).toContain(
      'team.example.com/owner: c-team # who to call',
    );
    expect(update.text).toContain('command: [ /app/server ]');
    expect(update.text).toContain(
      'image: "registry.example.com/c:2" # bumped by CI',
    );
    expect(update.text).not.toContain('published-at');
    expect(update.text).toContain('value: debug');
    expect(update.text).toContain(
      'endpoints:\n    http:\n      type: HTTP\n      port: 8080',
    );
  });

  it('leaves the file alone when the Workload would not change', () => {
    const same = updateWorkloadFile(
      EXISTING,
      buildWorkload(
        { ...target, image: 'registry.example.com/c:1' },
        {},
        provenance,
      ),
      true,
      PATH,
    );
    expect(same).toEqual({ text: EXISTING, action: 'unchanged' });
  });

  it.each([
    [
      'kind: Component\napiVersion: openchoreo.dev/v1alpha1\n',
      'its kind is "Component"',
    ],
    [
      'kind: Workload\napiVersion: apps/v1\n',
      'its apiVersion is "apps/v1", not openchoreo.dev/...',
    ],
    ['kind: Workload\n---\nkind: Workload\n', 'it holds 2 YAML documents'],
    ['kind: [Workload\n', 'invalid YAML'],
    ['- a list\n', 'it is not a YAML mapping'],
    [
      'apiVersion: openchoreo.dev/v1alpha1\nkind: Workload\nspec:\n  owner: { projectName: p, componentName: other }\n',
      'its spec.owner.componentName is "other", not "c"',
    ],
  ])('refuses %j: %s', (text, problem) => {
    let error: unknown;
    try {
      updateWorkloadFile(text, buildWorkload(target), true, PATH);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ exitCode: ExitCode.BadInput });
    expect((error as Error).message).toContain(
      `${PATH} in the GitOps repository is not a Workload this publish can update: ${problem}`,
    );
  });
});
