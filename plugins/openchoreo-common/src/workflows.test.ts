import {
  allowedWorkflowsOf,
  formatWorkflowRef,
  isComponentWorkflow,
  isWorkflowAllowed,
  parseWorkflowRef,
  toWorkflowRef,
} from './workflows';

describe('workflow references', () => {
  it('defaults the kind to ClusterWorkflow', () => {
    expect(toWorkflowRef({ name: 'docker' })).toEqual({
      kind: 'ClusterWorkflow',
      name: 'docker',
    });
    expect(toWorkflowRef({ kind: 'Workflow', name: 'docker' })).toEqual({
      kind: 'Workflow',
      name: 'docker',
    });
  });

  it('formats and parses the entity annotation form', () => {
    expect(formatWorkflowRef({ name: 'docker' })).toBe(
      'ClusterWorkflow:docker',
    );
    expect(parseWorkflowRef('Workflow:build')).toEqual({
      kind: 'Workflow',
      name: 'build',
    });
    expect(parseWorkflowRef('build')).toEqual({
      kind: 'ClusterWorkflow',
      name: 'build',
    });
    expect(parseWorkflowRef('  ')).toBeUndefined();
    expect(parseWorkflowRef('Workflow:')).toBeUndefined();
    expect(parseWorkflowRef(undefined)).toBeUndefined();
  });
});

describe('allowed workflows', () => {
  const type = {
    spec: {
      allowedWorkflows: [
        { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
        { kind: 'Workflow', name: 'team-builder' },
        { name: 'paketo' },
        { kind: 'ClusterWorkflow', name: '' },
      ],
    },
  };

  it('lists the allowed workflows with the default kind applied', () => {
    expect(allowedWorkflowsOf(type)).toEqual([
      { kind: 'ClusterWorkflow', name: 'dockerfile-builder' },
      { kind: 'Workflow', name: 'team-builder' },
      { kind: 'ClusterWorkflow', name: 'paketo' },
    ]);
  });

  it('allows none when the list is empty or absent', () => {
    expect(allowedWorkflowsOf({ spec: { allowedWorkflows: [] } })).toEqual([]);
    expect(allowedWorkflowsOf({ spec: {} })).toEqual([]);
    expect(allowedWorkflowsOf({})).toEqual([]);
    expect(
      isWorkflowAllowed({ spec: { allowedWorkflows: [] } }, { name: 'x' }),
    ).toBe(false);
  });

  it('matches kind and name', () => {
    expect(isWorkflowAllowed(type, { name: 'paketo' })).toBe(true);
    expect(
      isWorkflowAllowed(type, { kind: 'ClusterWorkflow', name: 'paketo' }),
    ).toBe(true);
    expect(isWorkflowAllowed(type, { kind: 'Workflow', name: 'paketo' })).toBe(
      false,
    );
    expect(isWorkflowAllowed(type, { name: 'team-builder' })).toBe(false);
  });
});

describe('isComponentWorkflow', () => {
  it('needs the workflow-type label "component"', () => {
    expect(
      isComponentWorkflow({
        metadata: { labels: { 'openchoreo.dev/workflow-type': 'component' } },
      }),
    ).toBe(true);
    expect(
      isComponentWorkflow({
        metadata: { labels: { 'openchoreo.dev/workflow-type': 'generic' } },
      }),
    ).toBe(false);
    expect(isComponentWorkflow({ metadata: {} })).toBe(false);
  });
});
