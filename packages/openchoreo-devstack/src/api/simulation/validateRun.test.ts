import { ResourceStore, type ResourceObject } from '../store';
import { COMPONENT_LABEL, PROJECT_LABEL, validateRun } from './validateRun';

const API_VERSION = 'openchoreo.dev/v1alpha1';

function storeWith(allowedWorkflows: unknown, componentWorkflow?: unknown) {
  const store = new ResourceStore();
  store.create({
    apiVersion: API_VERSION,
    kind: 'ClusterComponentType',
    metadata: { name: 'service' },
    spec: { workloadType: 'deployment', allowedWorkflows },
  });
  for (const kind of ['ClusterWorkflow', 'Workflow'] as const) {
    store.create({
      apiVersion: API_VERSION,
      kind,
      metadata: { name: 'docker', namespace: 'default' },
      spec: {},
    });
  }
  store.create({
    apiVersion: API_VERSION,
    kind: 'Component',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      owner: { projectName: 'shop' },
      componentType: {
        kind: 'ClusterComponentType',
        name: 'deployment/service',
      },
      ...(componentWorkflow ? { workflow: componentWorkflow } : {}),
    },
  });
  return store;
}

function run(
  workflow: unknown,
  labels: Record<string, string> = {
    [PROJECT_LABEL]: 'shop',
    [COMPONENT_LABEL]: 'api',
  },
): ResourceObject {
  return {
    apiVersion: API_VERSION,
    kind: 'WorkflowRun',
    metadata: { name: 'api-run-1', namespace: 'default', labels },
    spec: { workflow },
  };
}

describe('validateRun', () => {
  it('accepts an allowed workflow, the kind defaulting to ClusterWorkflow on both sides', () => {
    const store = storeWith([{ name: 'docker' }]);
    const verdict = validateRun(store, run({ name: 'docker' }));
    expect(verdict).toMatchObject({
      ok: true,
      component: { metadata: { name: 'api' } },
      workflow: { kind: 'ClusterWorkflow', metadata: { name: 'docker' } },
    });
  });

  it('tells a namespaced Workflow from a ClusterWorkflow of the same name', () => {
    const store = storeWith([{ kind: 'Workflow', name: 'docker' }]);
    expect(validateRun(store, run({ name: 'docker' }))).toEqual({
      ok: false,
      reason: 'ComponentValidationFailed',
      message:
        'workflow ClusterWorkflow/docker is not allowed for component type "service"; allowed: [Workflow/docker]',
    });
    expect(
      validateRun(store, run({ kind: 'Workflow', name: 'docker' })),
    ).toMatchObject({ ok: true, workflow: { kind: 'Workflow' } });
  });

  it('lets entries the CRD would not admit allow nothing', () => {
    const store = storeWith([
      { kind: 'Pipeline', name: 'docker' },
      { kind: 'ClusterWorkflow' },
      'docker',
    ]);
    expect(validateRun(store, run({ name: 'docker' }))).toEqual({
      ok: false,
      reason: 'ComponentValidationFailed',
      message:
        'no workflows are allowed by component type "service", but the run references workflow ClusterWorkflow/docker',
    });
  });

  it('treats allowedWorkflows that is not a list as none', () => {
    const store = storeWith({ name: 'docker' });
    expect(validateRun(store, run({ name: 'docker' }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('no workflows are allowed'),
    });
  });

  it('rejects a run without a workflow name or with an unknown kind', () => {
    const store = storeWith([{ name: 'docker' }]);
    expect(validateRun(store, run({ kind: 'Workflow' }))).toEqual({
      ok: false,
      reason: 'WorkflowFailed',
      message: 'spec.workflow.name is required',
    });
    expect(
      validateRun(store, run({ kind: 'Pipeline', name: 'docker' })),
    ).toEqual({
      ok: false,
      reason: 'WorkflowFailed',
      message: 'spec.workflow.kind must be one of Workflow, ClusterWorkflow',
    });
  });

  it("rejects a run of another workflow than the component's", () => {
    const store = storeWith(
      [{ name: 'docker' }, { kind: 'Workflow', name: 'docker' }],
      { kind: 'Workflow', name: 'docker' },
    );
    expect(validateRun(store, run({ name: 'docker' }))).toEqual({
      ok: false,
      reason: 'ComponentValidationFailed',
      message:
        'the run references workflow ClusterWorkflow/docker but component "api" is configured with workflow Workflow/docker',
    });
  });

  it('needs both labels of a component run, and the labelled project to own the component', () => {
    const store = storeWith([{ name: 'docker' }]);
    expect(
      validateRun(store, run({ name: 'docker' }, { [COMPONENT_LABEL]: 'api' })),
    ).toMatchObject({
      ok: false,
      message: `component workflow run must have both ${PROJECT_LABEL} and ${COMPONENT_LABEL} labels`,
    });
    expect(
      validateRun(
        store,
        run(
          { name: 'docker' },
          { [PROJECT_LABEL]: 'other', [COMPONENT_LABEL]: 'api' },
        ),
      ),
    ).toMatchObject({
      ok: false,
      message: `component "api" belongs to project "shop", but the run is labelled ${PROJECT_LABEL}=other`,
    });
  });

  it('accepts a standalone run (no labels) of an existing workflow', () => {
    const store = storeWith([]);
    expect(validateRun(store, run({ name: 'docker' }, {}))).toMatchObject({
      ok: true,
      component: undefined,
    });
  });
});
