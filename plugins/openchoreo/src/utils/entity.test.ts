import type { Entity } from '@backstage/catalog-model';
import {
  getEntityCiKind,
  hasBuiltInWorkflow,
  hasCiStatusCard,
  hasJenkinsJob,
} from './entity';

const OPENCHOREO = {
  'openchoreo.io/namespace': 'default',
  'openchoreo.io/component': 'reading-list',
};
const WORKFLOW = { 'openchoreo.io/workflow': 'ClusterWorkflow:docker' };
const JENKINS = { 'jenkins.io/job-full-name': 'library/reading-list' };

function entity(annotations: Record<string, string>, kind = 'Component') {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'reading-list', annotations },
  } satisfies Entity;
}

describe('getEntityCiKind', () => {
  it('shows the Jenkins job of a component that also has a workflow (Edit Annotations added it)', () => {
    const built = entity({ ...OPENCHOREO, ...WORKFLOW, ...JENKINS });
    expect(getEntityCiKind(built)).toBe('jenkins');
    expect(hasJenkinsJob(built)).toBe(true);
    expect(hasBuiltInWorkflow(built)).toBe(false);
  });

  it('is built-in for an OpenChoreo component with a workflow only', () => {
    const built = entity({ ...OPENCHOREO, ...WORKFLOW });
    expect(getEntityCiKind(built)).toBe('built-in');
    expect(hasBuiltInWorkflow(built)).toBe(true);
    expect(hasJenkinsJob(built)).toBe(false);
  });

  it('needs an OpenChoreo component for a workflow to count', () => {
    expect(getEntityCiKind(entity(WORKFLOW))).toBe('none');
    expect(
      getEntityCiKind(entity({ ...OPENCHOREO, ...WORKFLOW }, 'System')),
    ).toBe('none');
  });

  it('takes External CI annotations on any entity, GitHub before GitLab', () => {
    const other = entity({
      'github.com/project-slug': 'acme/site',
      'gitlab.com/project-slug': 'acme/site',
    });
    expect(getEntityCiKind(other)).toBe('github-actions');
    expect(hasCiStatusCard(other)).toBe(true);
  });

  it('gives OpenChoreo components the CI card even before a CI is chosen', () => {
    expect(getEntityCiKind(entity(OPENCHOREO))).toBe('none');
    expect(hasCiStatusCard(entity(OPENCHOREO))).toBe(true);
    expect(hasCiStatusCard(entity({ team: 'a' }))).toBe(false);
  });
});
