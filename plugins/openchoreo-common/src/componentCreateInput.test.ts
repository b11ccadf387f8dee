import { z } from 'zod/v3';
import { EXTERNAL_CI_ANNOTATIONS } from './annotations';
import {
  createComponentInputSchema,
  EXTERNAL_CI_CHOICES,
} from './componentCreateInput';

const schema = createComponentInputSchema(z);
const base = {
  namespace: 'default',
  project: 'demo-project',
  name: 'orders-api',
  componentType: { kind: 'ClusterComponentType', name: 'deployment/service' },
};

describe('createComponentInputSchema', () => {
  it('offers every External CI platform and "none"', () => {
    expect([...EXTERNAL_CI_CHOICES].sort()).toEqual(
      [...Object.keys(EXTERNAL_CI_ANNOTATIONS), 'none'].sort(),
    );
  });

  it('accepts a workflow source with all repository fields', () => {
    const input = {
      ...base,
      source: {
        type: 'workflow',
        workflow: { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        repository: {
          url: 'https://github.com/acme/orders',
          branch: 'main',
          commit: 'abc',
          appPath: '.',
          secretRef: 'creds',
        },
        parameters: { docker: { filePath: './Dockerfile' } },
      },
    };
    expect(schema.parse(input)).toEqual(input);
  });

  it.each([
    [{ name: 'Orders' }, /name: Component name must be lowercase/],
    [
      { componentType: { kind: 'ClusterComponentType', name: 'service' } },
      /componentType.name must be "<workloadType>\/<name>"/,
    ],
    [
      { source: { type: 'external-ci', platform: 'travis' } },
      /source.platform/,
    ],
    [
      { source: { type: 'workflow', repository: { url: 'x' } } },
      /source.workflow/,
    ],
  ])('rejects %j', (change, message) => {
    const result = schema.safeParse({
      ...base,
      source: { type: 'external-ci', platform: 'none' },
      ...change,
    });
    expect(result.success).toBe(false);
    expect(
      !result.success &&
        result.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
    ).toMatch(message);
  });
});
