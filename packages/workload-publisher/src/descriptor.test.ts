import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkloadDescriptor } from './descriptor';
import { ExitCode, PublishError } from './errors';
import { buildWorkload } from './workload';

const fixture = (...path: string[]) => join(__dirname, '__fixtures__', ...path);
const expected = (dir: string) =>
  JSON.parse(readFileSync(fixture(dir, 'expected-workload.json'), 'utf8'));

async function loadError(file: string): Promise<PublishError> {
  try {
    await loadWorkloadDescriptor(file);
  } catch (error) {
    return error as PublishError;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('workload descriptor conversion', () => {
  it('converts every field: endpoints with inlined schemas, dependencies, env and files', async () => {
    const parts = await loadWorkloadDescriptor(
      fixture('full-descriptor', 'workload.yaml'),
    );
    const workload = buildWorkload(
      {
        namespace: 'default',
        project: 'demo-project',
        component: 'orders-service',
        workloadName: 'orders-service-workload',
        image: 'registry.example.com/orders-service:7',
      },
      parts,
    );
    expect(workload).toEqual(expected('full-descriptor'));
  });

  it('converts the example descriptor of the OpenChoreo docs', async () => {
    const parts = await loadWorkloadDescriptor(
      fixture('seed-descriptor', 'workload.yaml'),
    );
    expect(
      buildWorkload(
        {
          namespace: 'default',
          project: 'default',
          component: 'reading-list-service',
          workloadName: 'reading-list-service-workload',
          image: 'registry.example.com/reading-list-service:1.0.0',
        },
        parts,
      ),
    ).toEqual(expected('seed-descriptor'));
  });

  it('without a descriptor builds owner and image only', () => {
    expect(
      buildWorkload({
        namespace: 'team-a',
        project: 'shop',
        component: 'cart',
        workloadName: 'cart-workload',
        image: 'r.example.com/cart:3',
      }),
    ).toEqual({
      apiVersion: 'openchoreo.dev/v1alpha1',
      kind: 'Workload',
      metadata: { name: 'cart-workload', namespace: 'team-a' },
      spec: {
        owner: { projectName: 'shop', componentName: 'cart' },
        container: { image: 'r.example.com/cart:3' },
      },
    });
  });

  it('reports every problem with the file and the field, exit code 2', async () => {
    const file = fixture('invalid-descriptor', 'workload.yaml');
    const error = await loadError(file);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.exitCode).toBe(ExitCode.BadInput);
    expect(error.message).toContain(
      `The workload descriptor ${file} is invalid`,
    );
    const problems = error.message
      .split('\n')
      .slice(1)
      .map(line => line.replace(/^ {2}- /, ''));
    expect(problems).toEqual([
      'apiVersion: must be openchoreo.dev/v1alpha1',
      'endpoints[0].port: must be an integer in 1..65535, got 70000',
      'endpoints[0].type: "SOAP" is not one of REST, HTTP, GraphQL, gRPC, Websocket, TCP, UDP',
      'endpoints[1].name: is required',
      expect.stringMatching(
        /^endpoints\[1\]\.schemaFile: cannot read "missing.yaml" \(.*invalid-descriptor\/missing.yaml, relative to the descriptor\): ENOENT$/,
      ),
      'endpoints[2].visibility[0]: must be one of project, namespace, internal, external, got "public"',
      'endpoints[2].schemaFile: a UDP endpoint has no API schema (only REST/HTTP, GraphQL, gRPC and Websocket endpoints do)',
      'dependencies.endpoints[0].component: is required',
      'dependencies.endpoints[0].visibility: must be one of project, namespace, got "cluster"',
      'dependencies.endpoints[0].envBindings: is required: name the env var(s) that receive the address, host, port or basePath',
      'configurations.volumes: unknown field (expected env, files)',
      'configurations.env[0]: needs one of value or valueFrom.secretKeyRef',
      'configurations.env[1]: has both value and valueFrom: give one of value or valueFrom.secretKeyRef',
      'configurations.env[2].valueFrom.secretKeyRef.key: is required',
      'configurations.files[0].mountPath: must be an absolute path in the container',
    ]);
  });

  describe('single problems', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'descriptor-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const write = async (text: string) => {
      const file = join(dir, 'workload.yaml');
      await writeFile(file, text);
      return file;
    };

    it('names the line of a YAML syntax error', async () => {
      const file = await write('endpoints:\n  - name: api\n    port: [8080\n');
      const error = await loadError(file);
      expect(error.exitCode).toBe(ExitCode.BadInput);
      expect(error.message).toMatch(
        new RegExp(
          `^The workload descriptor ${file} is not valid YAML at line \\d+, column \\d+`,
        ),
      );
    });

    it('says when the descriptor cannot be read', async () => {
      const error = await loadError(join(dir, 'nope.yaml'));
      expect(error.exitCode).toBe(ExitCode.BadInput);
      expect(error.message).toBe(
        `Cannot read the workload descriptor ${join(
          dir,
          'nope.yaml',
        )}: ENOENT. Check --descriptor (OPENCHOREO_DESCRIPTOR).`,
      );
    });

    it('rejects duplicate names and unknown top-level fields', async () => {
      const file = await write(
        [
          'containers: {}',
          'endpoints:',
          '  - {name: api, port: 80, type: HTTP}',
          '  - {name: api, port: 81, type: HTTP}',
          'configurations:',
          '  env:',
          '    - {name: A, value: "1"}',
          '    - {name: A, value: "2"}',
        ].join('\n'),
      );
      const error = await loadError(file);
      expect(error.message.split('\n').slice(1)).toEqual([
        '  - containers: unknown field (expected apiVersion, kind, metadata, endpoints, dependencies, configurations)',
        '  - endpoints[1].name: endpoint "api" is declared twice',
        '  - configurations.env[1].name: "A" is declared twice',
      ]);
    });

    it('accepts an empty descriptor (image only)', async () => {
      const file = await write('apiVersion: openchoreo.dev/v1alpha1\n');
      expect(await loadWorkloadDescriptor(file)).toEqual({});
    });
  });
});
